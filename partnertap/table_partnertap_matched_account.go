package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// matchedAccountTitle is the field a matched account's title shows.
const matchedAccountTitle = "accountName"

func tablePartnerTapMatchedAccount(_ context.Context) *plugin.Table {
	keys := v1KeyColumns(api.MatchedAccountFields)
	// matching_type is exact for the query cache: a read without it holds only MUTUAL rows, so it
	// cannot answer matching_type = 'ALL_PARTNER_ORGS'.
	keys = append(keys, searchKeyColumn, &plugin.KeyColumn{Name: "matching_type", Require: plugin.Optional, Operators: []string{"="},
		CacheMatch: query_cache.CacheMatchExact})
	return &plugin.Table{
		Name:        "partnertap_matched_account",
		Description: "Your accounts that overlap with a partner org's, with the fields the partner shares (Report Analytics v1).",
		List: &plugin.ListConfig{
			// Without company_partner_public_id, every connected partner org is read in turn.
			ParentHydrate: listMatchedAccountPartners,
			Hydrate:       listMatchedAccounts,
			KeyColumns:    keys,
		},
		Columns: append(v1Columns(api.MatchedAccountFields),
			&plugin.Column{Name: "partner_fields", Type: proto.ColumnType_JSON, Transform: transform.FromP(otherJSON, "partnerFields"),
				Description: "The partner's shared fields (keys partner*, e.g. partneraccountname); which appear depends on the partner's share settings."},
			customFieldsColumn,
			&plugin.Column{Name: "matching_type", Type: proto.ColumnType_STRING, Transform: transform.From(echoedMatchingType),
				Description: "MUTUAL (the default) or ALL_PARTNER_ORGS."},
			searchColumn,
			&plugin.Column{Name: "title", Type: proto.ColumnType_STRING, Transform: fromV1Field(api.MatchedAccounts{}.Index(), matchedAccountTitle), Description: titleDescription},
		),
	}
}

// listMatchedAccountPartners streams the partner orgs to read: the ones the query names, or all.
// (The parent list is the call the SDK splits an IN list into; its child lists get its quals.)
func listMatchedAccountPartners(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	if !readsForWholeInList(d, api.MatchedAccountFields) {
		return nil, nil
	}
	if ids := equalsValues(d, "company_partner_public_id"); ids != nil {
		for _, id := range ids {
			d.StreamListItem(ctx, api.Record{"companyPartnerPublicId": id})
		}
		return nil, nil
	}
	body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Filters: map[string]string{}}
	return nil, streamParentRecords(ctx, d, api.ChannelEcosystemRecords, body)
}

func listMatchedAccounts(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	partner, _ := h.Item.(api.Record)["companyPartnerPublicId"].(string)
	matchings, err := equalsOneOf(d, "matching_type", api.MatchingTypes, api.MatchingMutual)
	if err != nil {
		return nil, err
	}
	filters := v1Filters(d, api.MatchedAccountFields)
	delete(filters, "companyPartnerPublicId") // the body names the partner
	return nil, readEach(ctx, d, matchings, func(matching string) error {
		return readEach(ctx, d, searchTerms(d), func(search *string) error {
			body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelMatchedAccounts, MatchingType: matching,
				CompanyPartnerPublicID: partner, Search: searchText(search), Filters: filters}
			echo := &v1Echo{search: searchEcho(search), matchingType: matching}
			toRow := func(rec api.Row[api.MatchedAccounts]) any { return newV1Row(rec, echo) }
			return streamV1Pages(ctx, d, api.ChannelEcosystemRecords, body, api.V1KeyFields[api.ChannelMatchedAccounts], toRow)
		})
	})
}
