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
	if !readsForWholeInList(d, api.PartnerOrgFields) {
		return nil, nil
	}
	aliases := withAliases(map[string]string{"partnerOrgName": "partnerName"})
	filters := v1Filters(d, api.PartnerOrgFields)
	return nil, readEach(ctx, d, searchTerms(d), func(search *string) error {
		body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Search: searchText(search), Filters: filters}
		toRow := func(rec api.Record) any {
			return v1Row{Record: aliases(rec).(api.Record), Extra: map[string]any{"search": searchEcho(search)}}
		}
		return streamV1Pages(ctx, d, api.ChannelEcosystemRecords, body, api.PartnerOrgFields, toRow)
	})
}
