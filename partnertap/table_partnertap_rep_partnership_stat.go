package partnertap

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapRepPartnershipStat(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_rep_partnership_stat",
		Description: "Partnership statistics per sales rep: new connections, requests waiting for an answer, accepted partnerships.",
		List: &plugin.ListConfig{
			Hydrate:    listRepPartnershipStats,
			KeyColumns: plugin.OptionalColumns([]string{"division"}),
		},
		Columns: []*plugin.Column{
			{Name: "rep_id", Type: proto.ColumnType_STRING, Description: "The sales rep's PartnerTap id."},
			{Name: "rep_name", Type: proto.ColumnType_STRING, Description: "The sales rep's name."},
			{Name: "email_address", Type: proto.ColumnType_STRING, Description: "The sales rep's email address."},
			{Name: "division", Type: proto.ColumnType_STRING, Description: "The rep's sales division; null when the rep has none."},
			{Name: "new_connections", Type: proto.ColumnType_INT, Description: "Partner reps the rep connected with recently."},
			{Name: "pending_received_requests", Type: proto.ColumnType_INT, Description: "Partner requests the rep received and has not answered."},
			{Name: "pending_sent_requests", Type: proto.ColumnType_INT, Description: "Partner requests the rep sent that are not answered yet."},
			{Name: "accepted_partnerships", Type: proto.ColumnType_INT, Description: "Partnerships the rep has accepted."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: fromField("RepName"), Description: titleDescription},
		},
	}
}

func listRepPartnershipStats(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	query := url.Values{}
	if !setEquals(d, query, map[string]string{"division": api.ParamDivision}) {
		return nil, nil
	}
	return nil, streamPages(ctx, d, api.NewRepConnections, query, asRows[api.RepConnections]())
}
