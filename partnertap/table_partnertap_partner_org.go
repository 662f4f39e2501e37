package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// partnerOrgTitle is the field a partner org's title shows.
const partnerOrgTitle = "partnerName"

func tablePartnerTapPartnerOrg(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_partner_org",
		Description: "Partner organizations you are connected with (Report Analytics v1 channel ecosystem).",
		List: &plugin.ListConfig{
			Hydrate:    listPartnerOrgs,
			KeyColumns: append(v1KeyColumns(api.PartnerOrgFields), searchKeyColumn),
		},
		Columns: append(v1Columns(api.PartnerOrgFields), searchColumn,
			&plugin.Column{Name: "title", Type: stringType, Transform: fromV1Field(api.PartnerOrgs{}.Index(), partnerOrgTitle), Description: titleDescription}),
	}
}

func listPartnerOrgs(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	if !readsForWholeInList(d, api.PartnerOrgFields) {
		return nil, nil
	}
	filters := v1Filters(d, api.PartnerOrgFields)
	return nil, readEach(ctx, d, searchTerms(d), func(search *string) error {
		body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Search: searchText(search), Filters: filters}
		echo := &v1Echo{search: searchEcho(search)}
		toRow := func(rec api.Row[api.PartnerOrgs]) any { return newV1Row(rec, echo) }
		return streamV1Pages(ctx, d, api.ChannelEcosystemRecords, body, api.V1KeyFields[api.ChannelConnectedPartnerOrgs], toRow)
	})
}
