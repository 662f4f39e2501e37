package partnertap

import (
	"context"
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// reportColumnRow is a column of a report, the report it belongs to, and for the matched
// accounts the partner whose columns they are.
type reportColumnRow struct {
	api.ColumnMeta
	ReportType             string
	CompanyPartnerPublicID *string
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
			KeyColumns: plugin.OptionalColumns([]string{"report_type", "company_partner_public_id"}),
		},
		Columns: []*plugin.Column{
			{Name: "report_type", Type: proto.ColumnType_STRING, Description: "The report, e.g. GLOBAL_VERTICAL_ACCOUNTS or PARTNER_ORG_MATCHED_ACCOUNTS."},
			{Name: "company_partner_public_id", Type: proto.ColumnType_STRING,
				Description: "For PARTNER_ORG_MATCHED_ACCOUNTS, the partner org whose matched accounts have these columns (its shared fields differ); null for the other reports. Without it, every connected partner's are read."},
			{Name: "key", Type: proto.ColumnType_STRING, Description: "The column's key in records and filters."},
			{Name: "title", Type: proto.ColumnType_STRING, Description: "The column's title."},
			{Name: "type", Type: proto.ColumnType_STRING, Description: "string, name, email, title, phone, number, currency, date or boolean."},
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
	partners := equalsValues(d, "company_partner_public_id")
	if partners != nil {
		types = []string{api.ChannelMatchedAccounts} // no other report's columns have a partner
	}
	if t, ok := equalsString(d, "report_type"); ok {
		if !slices.Contains(types, t) {
			return nil, nil // no such report: no row
		}
		types = []string{t}
	}
	c, err := getClient(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		if t != api.ChannelMatchedAccounts {
			err = streamColumns(ctx, d, c, t, nil)
		} else {
			err = streamPartnersColumns(ctx, d, c, partners)
		}
		if err != nil || d.RowsRemaining(ctx) == 0 {
			return nil, err
		}
	}
	return nil, nil
}

// streamPartnersColumns streams the matched accounts' columns of each connected partner, or of
// the connected ones among named (an id no partner has has no columns: asked, the API would
// answer its standard columns as if it were one).
func streamPartnersColumns(ctx context.Context, d *plugin.QueryData, c *connectionClient, named []string) error {
	connected, err := partnerPublicIDs(ctx, d, c)
	if err != nil {
		return err
	}
	if named != nil {
		connected = slices.DeleteFunc(connected, func(id string) bool { return !slices.Contains(named, id) })
	}
	return readEach(ctx, d, connected, func(id string) error { return streamColumns(ctx, d, c, api.ChannelMatchedAccounts, &id) })
}

// streamColumns streams the columns of report t (for the matched accounts, partner's).
func streamColumns(ctx context.Context, d *plugin.QueryData, c *connectionClient, t string, partner *string) error {
	d.WaitForListRateLimit(ctx)
	cols, err := fetchColumns(ctx, c, t, partner)
	if err != nil {
		return err
	}
	for _, col := range cols {
		d.StreamListItem(ctx, reportColumnRow{ColumnMeta: col, ReportType: t, CompanyPartnerPublicID: partner})
		if d.RowsRemaining(ctx) == 0 {
			return ctx.Err() // LIMIT met (nil), or cancelled
		}
	}
	return nil
}
