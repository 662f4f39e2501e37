package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapPartnerOrg(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_partner_org",
		Description: "Partner organizations you are connected with (Report Analytics v1 channel ecosystem).",
		List: &plugin.ListConfig{
			Hydrate:    listPartnerOrgs,
			KeyColumns: append(v1KeyColumns(api.PartnerOrgFields), searchKeyColumn),
		},
		Columns: append(v1Columns(api.PartnerOrgFields), searchColumn,
			&plugin.Column{Name: "title", Type: stringType, Transform: fromRecordKey("partnerName"), Description: titleDescription}),
	}
}

func listPartnerOrgs(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	search, _ := equalsString(d, "search")
	body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Search: search,
		Filters: v1Filters(d, api.PartnerOrgFields)}
	return nil, streamV1Pages(ctx, d, api.ChannelEcosystemRecords, body, withAliases(map[string]string{"partnerOrgName": "partnerName"}))
}
