package partnertap

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func TestDashboardRowsMatchDataset(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_dashboard", columns: []string{"division", "sales_rep_count", "sales_rep_login_count", "partnership_count", "chat_count", "as_of", "title"}})
	want := h.sandbox.Dataset().DashboardRows()
	if len(rows) != len(want) || len(want) != len(sandbox.Divisions) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	byDivision := map[string]map[string]any{}
	for _, r := range rows {
		byDivision[r["division"].(string)] = r
	}
	for _, w := range want {
		got := byDivision[w.Division]
		if got == nil {
			t.Fatalf("division %q missing", w.Division)
		}
		if got["sales_rep_count"] != w.SalesRepCount || got["sales_rep_login_count"] != w.SalesRepLoginCount ||
			got["partnership_count"] != w.PartnershipCount || got["chat_count"] != w.ChatCount || got["title"] != w.Division {
			t.Errorf("division %q: got %v, want %+v", w.Division, got, w)
		}
		if got["as_of"] != time.Unix(*w.AsOf, 0).UTC() {
			t.Errorf("as_of: got %v, want %v", got["as_of"], time.Unix(*w.AsOf, 0).UTC())
		}
	}
}

func TestDashboardDivisionIsPushedDown(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_dashboard", columns: []string{"division", "chat_count"}, quals: eq("division", "EMEA")})
	if len(rows) != 1 || rows[0]["division"] != "EMEA" {
		t.Fatalf("got %v, want the EMEA row only", rows)
	}
	reqs := h.apiRequests(api.DashboardByDivision.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("division") != "EMEA" {
		t.Fatalf("requests %+v: want one with division=EMEA", reqs)
	}
}
