package partnertap

import (
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var repStatColumns = []string{"rep_id", "rep_name", "email_address", "division", "new_connections",
	"pending_received_requests", "pending_sent_requests", "accepted_partnerships", "title"}

func TestRepPartnershipStatsMatchDataset(t *testing.T) {
	// page_size 40 makes the 150 reps take four pages: every page must be read exactly once.
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 40\n")
	rows := h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: repStatColumns})
	want := h.sandbox.Dataset().RepConnectionRows()
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	byID := indexBy(t, rows, "rep_id")
	for i, w := range want {
		got := byID[w.RepID]
		if got["rep_id"] != w.RepID || got["rep_name"] != w.RepName || got["email_address"] != w.EmailAddress ||
			got["new_connections"] != w.NewConnections || got["pending_received_requests"] != w.PendingReceivedRequests ||
			got["pending_sent_requests"] != w.PendingSentRequests || got["accepted_partnerships"] != w.AcceptedPartnerships ||
			got["title"] != w.RepName || !sameOptional(got["division"], w.Division) {
			t.Fatalf("row %d: got %v, want %+v", i, got, w)
		}
	}
	pages := h.apiRequests(api.NewRepConnections.Path)
	if len(pages) != 4 {
		t.Fatalf("made %d page requests, want 4", len(pages))
	}
	asked := map[string]int{}
	for _, p := range pages {
		if p.Query.Get("size") != "40" {
			t.Errorf("a page of size %s", p.Query.Get("size"))
		}
		asked[p.Query.Get("page")]++
	}
	for i := range 4 {
		if asked[itoa(i)] != 1 {
			t.Errorf("page %d asked for %d times, want once: %v", i, asked[itoa(i)], asked)
		}
	}
	if auths := h.apiRequests(api.AuthPath); len(auths) != 1 {
		t.Errorf("made %d token exchanges for one query, want 1", len(auths))
	}
}

func TestRepPartnershipStatsDivisionPushdown(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: repStatColumns, quals: eq("division", "APAC")})
	want := 0
	for _, r := range h.sandbox.Dataset().RepConnectionRows() {
		if r.Division != nil && *r.Division == "APAC" {
			want++
		}
	}
	if len(rows) != want || want == 0 {
		t.Fatalf("got %d rows, want %d", len(rows), want)
	}
	for _, r := range rows {
		if r["division"] != "APAC" {
			t.Fatalf("row of division %v", r["division"])
		}
	}
	reqs := h.apiRequests(api.NewRepConnections.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("division") != "APAC" {
		t.Fatalf("requests %+v: want one with division=APAC", reqs)
	}
}

func TestLimitCostsOneSmallRequest(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: repStatColumns, limit: 5})
	if len(rows) != 5 {
		t.Fatalf("got %d rows, want 5", len(rows))
	}
	reqs := h.apiRequests(api.NewRepConnections.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("size") != "5" || reqs[0].Query.Get("page") != "0" {
		t.Fatalf("requests %+v: want one request of page 0, size 5", reqs)
	}
}
