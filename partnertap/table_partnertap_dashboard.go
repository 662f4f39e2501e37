package partnertap

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapDashboard(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_dashboard",
		Description: "PartnerTap usage dashboard by division: reps, logins, partnerships and chats.",
		List: &plugin.ListConfig{
			Hydrate:    listDashboard,
			KeyColumns: plugin.OptionalColumns([]string{"division"}),
		},
		Columns: []*plugin.Column{
			{Name: "division", Type: proto.ColumnType_STRING, Description: "The sales division."},
			{Name: "sales_rep_count", Type: proto.ColumnType_INT, Description: "Sales reps in the division."},
			{Name: "sales_rep_login_count", Type: proto.ColumnType_INT, Description: "Sales reps of the division who have logged in to PartnerTap."},
			{Name: "partnership_count", Type: proto.ColumnType_INT, Description: "Accepted partnerships of the division's reps."},
			{Name: "chat_count", Type: proto.ColumnType_INT, Description: "Chats the division's reps have had with partner reps."},
			{Name: "as_of", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When PartnerTap computed these counts."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: fromField("Division"), Description: titleDescription},
		},
	}
}

func listDashboard(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	query := url.Values{}
	if !setEquals(d, query, map[string]string{"division": api.ParamDivision}) {
		return nil, nil
	}
	return nil, streamArray(ctx, d, api.DashboardByDivision.Path, query, asIs[api.DivisionDashboard])
}
