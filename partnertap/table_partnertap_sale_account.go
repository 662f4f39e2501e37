package partnertap

import (
	"context"
	"maps"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// saleAccountRow is a sale account, which list it came from, and the search that read it.
type saleAccountRow struct {
	api.SaleAccount
	Matched bool
	Search  *string
}

func tablePartnerTapSaleAccount(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_sale_account",
		Description: "Your CRM accounts, matched with partner orgs' accounts or unmatched.",
		List: &plugin.ListConfig{
			Hydrate: listSaleAccounts,
			KeyColumns: plugin.KeyColumnSlice{
				{Name: "matched", Require: plugin.Optional, Operators: []string{"="}},
				// Exact for the query cache: a read without partner_org holds the accounts no partner
				// has, not the ones a partner lacks (rows that name it), so it cannot answer partner_org = 'X'.
				{Name: "partner_org", Require: plugin.Optional, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact},
				// search filters rows without being a row value: only an identical search may answer from the cache.
				{Name: "search", Require: plugin.Optional, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact},
			},
		},
		Columns: []*plugin.Column{
			{Name: "sale_account_id", Type: proto.ColumnType_STRING, Description: "The account's PartnerTap id."},
			{Name: "account_name", Type: proto.ColumnType_STRING, Description: "The account's name in your CRM."},
			{Name: "crm_account_id", Type: proto.ColumnType_STRING, Description: "The account's id in your CRM."},
			{Name: "matched", Type: proto.ColumnType_BOOL, Description: "True for a match with a partner org's account, false for an unmatched account."},
			{Name: "partner_org", Type: proto.ColumnType_STRING, Description: "The partner org of the match. For unmatched accounts it is set only when you filter on it: the partner the account has no match with."},
			{Name: "partner_org_id", Type: proto.ColumnType_STRING, Description: "The partner org's PartnerTap id, when partner_org is set."},
			{Name: "partner_account_name", Type: proto.ColumnType_STRING, Description: "The matching account's name in the partner's CRM."},
			{Name: "match_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When PartnerTap matched the accounts."},
			{Name: "account_type", Type: proto.ColumnType_STRING, Description: "The account's type, e.g. Customer or Prospect."},
			{Name: "industry", Type: proto.ColumnType_STRING, Description: "The account's industry."},
			{Name: "city", Type: proto.ColumnType_STRING, Description: "The account's city."},
			{Name: "state", Type: proto.ColumnType_STRING, Description: "The account's state or region."},
			{Name: "country", Type: proto.ColumnType_STRING, Description: "The account's country."},
			{Name: "website", Type: proto.ColumnType_STRING, Description: "The account's website."},
			{Name: "owner_name", Type: proto.ColumnType_STRING, Description: "The account owner in your CRM."},
			{Name: "owner_email", Type: proto.ColumnType_STRING, Description: "The account owner's email address."},
			{Name: "search", Type: proto.ColumnType_STRING, Description: "Filter only: a case-insensitive substring of the account name, CRM id or website."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: fromField("AccountName"), Description: titleDescription},
		},
	}
}

func listSaleAccounts(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	lists := []bool{true, false}
	if matched, ok := equalsBool(d, "matched"); ok {
		lists = []bool{matched}
	}
	query := url.Values{}
	if !setEquals(d, query, map[string]string{"partner_org": api.ParamPartnerOrg}) {
		return nil, nil
	}
	return nil, readEach(ctx, d, searchTerms(d), func(term *string) error {
		query := maps.Clone(query)
		if search := searchText(term); search != "" {
			query.Set(api.ParamSearch, search)
		}
		return readEach(ctx, d, lists, func(matched bool) error {
			endpoint := api.SaleAccountsUnmatched
			if matched {
				endpoint = api.SaleAccountsMatched
			}
			toRow := inBlocks(func(a api.SaleAccount) saleAccountRow {
				return saleAccountRow{SaleAccount: a, Matched: matched, Search: term}
			})
			return streamPages(ctx, d, endpoint, query, toRow)
		})
	})
}
