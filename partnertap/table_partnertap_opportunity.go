package partnertap

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapOpportunity(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_opportunity",
		Description: "Opportunities shared with partner orgs (OUTBOUND) or shared by them with you (INBOUND).",
		List: &plugin.ListConfig{
			Hydrate:    listOpportunities,
			KeyColumns: plugin.OptionalColumns([]string{"partner_org", "direction"}),
		},
		Columns: []*plugin.Column{
			{Name: "opportunity_id", Type: proto.ColumnType_STRING, Description: "The opportunity's PartnerTap id."},
			{Name: "opportunity_name", Type: proto.ColumnType_STRING, Description: "The opportunity's name."},
			{Name: "direction", Type: proto.ColumnType_STRING, Description: "OUTBOUND when you shared it, INBOUND when the partner did."},
			{Name: "partner_org", Type: proto.ColumnType_STRING, Description: "The partner organization's name."},
			{Name: "partner_org_id", Type: proto.ColumnType_STRING, Description: "The partner organization's PartnerTap id."},
			{Name: "account_name", Type: proto.ColumnType_STRING, Description: "The account the opportunity is for."},
			{Name: "crm_account_id", Type: proto.ColumnType_STRING, Description: "The account's id in your CRM; null for inbound opportunities."},
			{Name: "stage_name", Type: proto.ColumnType_STRING, Description: "The opportunity's sales stage."},
			{Name: "amount", Type: proto.ColumnType_DOUBLE, Description: "The opportunity's amount."},
			{Name: "close_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "The expected or actual close date."},
			{Name: "shared_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When the opportunity was shared."},
			{Name: "is_closed", Type: proto.ColumnType_BOOL, Description: "True when the opportunity is closed, won or lost."},
			{Name: "is_won", Type: proto.ColumnType_BOOL, Description: "True when the opportunity is closed and won."},
			{Name: "rep_name", Type: proto.ColumnType_STRING, Description: "Your sales rep who shared or received it."},
			{Name: "email_address", Type: proto.ColumnType_STRING, Description: "That rep's email address."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: fromField("OpportunityName"), Description: titleDescription},
		},
	}
}

func listOpportunities(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	query := url.Values{}
	directions, err := equalsOneOf(d, "direction", api.Directions)
	if err != nil {
		return nil, err
	}
	if len(directions) == 1 { // several: both are read, a superset
		query.Set(api.ParamDirection, directions[0])
	}
	if !setEquals(d, query, map[string]string{"partner_org": api.ParamPartnerOrg}) {
		return nil, nil
	}
	return nil, streamPages(ctx, d, api.OppsShared, query, asRows[api.SharedOpportunity]())
}
