package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapOpportunityShareSummary(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_opportunity_share_summary",
		Description: "Opportunities shared per partner org: counts and amounts in each direction.",
		List:        &plugin.ListConfig{Hydrate: listOpportunityShareSummaries},
		Columns: []*plugin.Column{
			{Name: "partner_org", Type: proto.ColumnType_STRING, Description: "The partner organization's name."},
			{Name: "partner_org_id", Type: proto.ColumnType_STRING, Description: "The partner organization's PartnerTap id."},
			{Name: "opps_shared_inbound", Type: proto.ColumnType_INT, Description: "Opportunities the partner shared with you."},
			{Name: "opps_shared_outbound", Type: proto.ColumnType_INT, Description: "Opportunities you shared with the partner."},
			{Name: "amount_inbound", Type: proto.ColumnType_DOUBLE, Description: "Total amount of the inbound opportunities."},
			{Name: "amount_outbound", Type: proto.ColumnType_DOUBLE, Description: "Total amount of the outbound opportunities."},
			{Name: "last_shared_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When an opportunity was last shared either way."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: fromField("PartnerOrg"), Description: titleDescription},
		},
	}
}

func listOpportunityShareSummaries(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return nil, streamPages(ctx, d, api.OppsSharedSummary, nil, asRows[api.OppShareSummary]())
}
