package partnertap

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// defaultInterval is the period of the history when the query names none.
const defaultInterval = "MONTH"

// dashboardPointRow is a point of the history and the interval it was read with.
type dashboardPointRow struct {
	api.DashboardPoint
	Interval string
}

func tablePartnerTapDashboardHistory(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_dashboard_history",
		Description: "The dashboard by division as a time series: one row per division and period.",
		List: &plugin.ListConfig{
			Hydrate: listDashboardHistory,
			KeyColumns: plugin.KeyColumnSlice{
				{Name: "division", Require: plugin.Optional, Operators: []string{"="}},
				// Exact for the query cache: a read without interval holds only MONTH rows, so it
				// cannot answer interval = 'WEEK' (Postgres would filter it down to nothing).
				{Name: "interval", Require: plugin.Optional, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact},
				{Name: "period_start", Require: plugin.Optional, Operators: []string{"=", ">=", ">", "<=", "<"}},
			},
		},
		Columns: []*plugin.Column{
			{Name: "division", Type: proto.ColumnType_STRING, Description: "The sales division."},
			{Name: "period_start", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "The start of the period (UTC day, Monday of the week, or first of the month)."},
			{Name: "interval", Type: proto.ColumnType_STRING, Description: "The period length: DAY, WEEK or MONTH (the default)."},
			{Name: "sales_rep_count", Type: proto.ColumnType_INT, Description: "Sales reps in the division at the start of the period."},
			{Name: "sales_rep_login_count", Type: proto.ColumnType_INT, Description: "Of those, reps who had logged in."},
			{Name: "partnership_count", Type: proto.ColumnType_INT, Description: "Accepted partnerships at the start of the period."},
			{Name: "chat_count", Type: proto.ColumnType_INT, Description: "Chats at the start of the period."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: transform.From(dashboardPointTitle), Description: titleDescription},
		},
	}
}

func listDashboardHistory(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	intervals, err := equalsOneOf(d, "interval", api.Intervals, defaultInterval)
	if err != nil {
		return nil, err
	}
	return nil, readEach(ctx, d, intervals, func(interval string) error { return listDashboardHistoryOf(ctx, d, interval) })
}

// The whole history, as the plugin reads it without quals on period_start.
var historyStart, historyEnd = time.Unix(0, 0).UTC(), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// listDashboardHistoryOf streams the history of one interval.
func listDashboardHistoryOf(ctx context.Context, d *plugin.QueryData, interval string) error {
	// Both bounds are always sent: without them the API reads one year back to now, and a lower
	// bound after now alone was refused ("from must not be after to") where SQL expects no rows.
	from, to := historyStart, historyEnd
	lo, hi := timeRange(d, "period_start")
	if lo != nil {
		from = *lo
	}
	if hi != nil {
		to = *hi
	}
	if from.After(to) {
		return nil // an empty range: no row can match
	}
	query := url.Values{api.ParamInterval: {interval}, api.ParamFrom: {strconv.FormatInt(from.Unix(), 10)}, api.ParamTo: {strconv.FormatInt(to.Unix(), 10)}}
	if !setEquals(d, query, map[string]string{"division": api.ParamDivision}) {
		return nil
	}
	toRow := func(p api.DashboardPoint) any {
		// The API's from and to are inclusive whole seconds: a point outside the exact quals would
		// count towards a LIMIT (see exact_quals.go).
		if d.QueryContext.Limit != nil && !columnQualsHold(d, "period_start", time.Unix(p.PeriodStart, 0).UTC()) {
			return nil
		}
		return dashboardPointRow{DashboardPoint: p, Interval: interval}
	}
	return streamArray(ctx, d, api.DashboardHistory.Path, query, toRow)
}

func dashboardPointTitle(_ context.Context, d *transform.TransformData) (any, error) {
	p := d.HydrateItem.(dashboardPointRow)
	return fmt.Sprintf("%s %s %s", p.Division, strings.ToLower(p.Interval), formatDay(p.PeriodStart)), nil
}
