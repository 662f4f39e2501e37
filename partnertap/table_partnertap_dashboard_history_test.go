package partnertap

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var historyColumns = []string{"division", "period_start", "interval", "sales_rep_count", "sales_rep_login_count",
	"partnership_count", "chat_count", "title"}

func TestDashboardHistoryWholeHistoryByDefault(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_dashboard_history", columns: historyColumns})
	want := h.sandbox.Dataset().HistoryRows("MONTH", time.Unix(0, 0), sandbox.DefaultDatasetConfig.AsOf)
	if len(rows) != len(want) || len(want) < 6*36 {
		t.Fatalf("got %d rows, want %d (every month of three years, six divisions)", len(rows), len(want))
	}
	got := map[string]map[string]any{}
	for _, r := range rows {
		got[r["division"].(string)+r["period_start"].(time.Time).String()] = r
	}
	for _, w := range want {
		r := got[w.Division+time.Unix(w.PeriodStart, 0).UTC().String()]
		if r == nil || r["chat_count"] != w.ChatCount || r["partnership_count"] != w.PartnershipCount ||
			r["sales_rep_count"] != w.SalesRepCount || r["interval"] != "MONTH" || !strings.HasPrefix(r["title"].(string), w.Division+" month ") {
			t.Fatalf("got %v, want %+v", r, w)
		}
	}
	req := h.apiRequests(api.DashboardHistory.Path)[0]
	if req.Query.Get("from") != "0" || req.Query.Get("interval") != "MONTH" || req.Query.Get("to") != unix(historyEnd) {
		t.Fatalf("request %v", req.Query)
	}
}

func TestDashboardHistoryRangeAndIntervalPushdown(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	to := time.Date(2026, 4, 27, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		op       string
		value    time.Time
		wantFrom string
		wantTo   string
	}{
		{">=", from, unix(from), unix(historyEnd)},
		{">", from, unix(from), unix(historyEnd)},
		{"<=", to, "0", unix(to)},
		{"<", to, "0", unix(to)},
		{"=", from, unix(from), unix(from)},
	}
	for _, c := range cases {
		h.sandbox.ResetRequests()
		rows := h.mustRun(query{table: "partnertap_dashboard_history", columns: historyColumns,
			quals: quals(qual("period_start", c.op, c.value), qual("interval", "=", "WEEK"), qual("division", "=", "LATAM"))})
		req := h.apiRequests(api.DashboardHistory.Path)
		if len(req) != 1 {
			t.Fatalf("%s: %d requests", c.op, len(req))
		}
		q := req[0].Query
		if q.Get("from") != c.wantFrom || q.Get("to") != c.wantTo || q.Get("interval") != "WEEK" || q.Get("division") != "LATAM" {
			t.Errorf("%s: sent %v, want from=%s to=%s", c.op, q, c.wantFrom, c.wantTo)
		}
		// The API answers a superset: every row SQL wants is there.
		for _, r := range rows {
			if r["division"] != "LATAM" || r["interval"] != "WEEK" {
				t.Fatalf("%s: row %v", c.op, r)
			}
		}
		wantRows := 0
		for _, w := range h.sandbox.Dataset().HistoryRows("WEEK", time.Unix(0, 0), sandbox.DefaultDatasetConfig.AsOf) {
			ps := time.Unix(w.PeriodStart, 0).UTC()
			if w.Division == "LATAM" && pgHolds(ps, c.op, c.value) {
				wantRows++
			}
		}
		gotRows := 0
		for _, r := range rows {
			if pgHolds(r["period_start"], c.op, c.value) {
				gotRows++
			}
		}
		if gotRows != wantRows || wantRows == 0 {
			t.Errorf("%s: %d rows satisfy the qual, want %d", c.op, gotRows, wantRows)
		}
	}
}

func TestDashboardHistoryBadIntervalIsAClearError(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	_, err := h.run(query{table: "partnertap_dashboard_history", columns: historyColumns, quals: eq("interval", "fortnight")})
	if err == nil || !strings.Contains(err.Error(), "interval must be one of DAY, WEEK, MONTH") {
		t.Fatalf("error %v", err)
	}
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// A lower bound after the API's "now" is an empty answer, not an error: alone it was sent without
// an upper bound, and the API, whose upper bound defaults to now, refused it ("from must not be
// after to").
func TestDashboardHistoryAfterNowIsEmpty(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	for _, q := range []*proto.Qual{qual("period_start", ">=", time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)),
		qual("period_start", "<", time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC))} {
		rows, err := h.run(query{table: "partnertap_dashboard_history", columns: historyColumns, quals: quals(q)})
		if err != nil || len(rows) != 0 {
			t.Errorf("period_start %s %v: %d rows, %v", q.GetStringValue(), q.Value, len(rows), err)
		}
	}
}
