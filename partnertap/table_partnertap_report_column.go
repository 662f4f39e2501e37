package partnertap

import (
	"context"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// reportColumnRow is a column of a report and the report it belongs to.
type reportColumnRow struct {
	api.ColumnMeta
	ReportType string
}

// reportColumnTypes are the reports whose columns the table lists: the channel ecosystem's two
// and the report-analytics ones.
var reportColumnTypes = append([]string{api.ChannelConnectedPartnerOrgs, api.ChannelMatchedAccounts}, api.ReportTypes...)

func tablePartnerTapReportColumn(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_report_column",
		Description: "The columns of each Report Analytics v1 report: key, title, type, and whether they are partner data.",
		List: &plugin.ListConfig{
			Hydrate:    listReportColumns,
			KeyColumns: plugin.OptionalColumns([]string{"report_type"}),
		},
		Columns: []*plugin.Column{
			{Name: "report_type", Type: proto.ColumnType_STRING, Description: "The report, e.g. GLOBAL_VERTICAL_ACCOUNTS or PARTNER_ORG_MATCHED_ACCOUNTS."},
			{Name: "key", Type: proto.ColumnType_STRING, Description: "The column's key in records and filters."},
			{Name: "title", Type: proto.ColumnType_STRING, Description: "The column's title."},
			{Name: "type", Type: proto.ColumnType_STRING, Description: "string, number, currency, date or boolean."},
			{Name: "column_index", Type: proto.ColumnType_INT, Description: "The column's position in the report."},
			{Name: "is_partner_data", Type: proto.ColumnType_BOOL, Description: "True for a partner's shared column."},
			{Name: "is_hidden", Type: proto.ColumnType_BOOL, Description: "True for a column hidden by default."},
			{Name: "active", Type: proto.ColumnType_BOOL, Description: "True for an active column."},
			{Name: "source", Type: proto.ColumnType_STRING, Description: "standard or custom; null for partner columns."},
			{Name: "column_classification", Type: proto.ColumnType_STRING, Description: "STANDARD, CUSTOM_CRM_FIELD, CUSTOM_CRM_OBJECT, or null for partner columns."},
			{Name: "values", Type: proto.ColumnType_JSON, Transform: fromField("Values"), Description: "The column's fixed values, if it has any."},
		},
	}
}

func listReportColumns(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	types := reportColumnTypes
	if t, ok := equalsString(d, "report_type"); ok {
		if !slices.Contains(reportColumnTypes, t) {
			return nil, nil // no such report: no row
		}
		types = []string{t}
	}
	c, err := getClient(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		var cols []api.ColumnMeta
		path, body := api.ReportPath(t, "columns"), any(api.ReportBody{Filters: map[string]string{}})
		if t == api.ChannelConnectedPartnerOrgs || t == api.ChannelMatchedAccounts {
			path, body = api.ChannelEcosystemColumns, api.ChannelEcosystemBody{ChannelReportType: t, Filters: map[string]string{}}
		}
		if err := c.api.PostJSON(ctx, path, nil, body, &cols); err != nil {
			return nil, err
		}
		for _, col := range cols {
			d.StreamListItem(ctx, reportColumnRow{ColumnMeta: col, ReportType: t})
			if d.RowsRemaining(ctx) == 0 {
				return nil, ctx.Err() // LIMIT met (nil), or cancelled
			}
		}
		d.WaitForListRateLimit(ctx)
	}
	return nil, nil
}
