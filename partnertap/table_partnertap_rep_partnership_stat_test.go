package partnertap

import (
	"slices"
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
	// 150 rows by pages of at most 40, each starting a few rows before the last ended so the
	// pages link up (client.KeyedPages): 5 pages, not 4, each asked for once, sorted by the key.
	pages := h.apiRequests(api.NewRepConnections.Path)
	if len(pages) != 5 {
		t.Fatalf("made %d page requests, want 5", len(pages))
	}
	start := func(p sandbox.Request) int { return atoi(t, p.Query.Get("page")) * atoi(t, p.Query.Get("size")) }
	slices.SortFunc(pages, func(a, b sandbox.Request) int { return start(a) - start(b) }) // answered concurrently
	asked, end := map[string]int{}, 0
	for _, p := range pages {
		number, size := atoi(t, p.Query.Get("page")), atoi(t, p.Query.Get("size"))
		if size > 40 || number*size > end-2 && number > 0 {
			t.Errorf("page %d of size %d does not overlap the rows up to %d by 2, or is over 40", number, size, end)
		}
		end = max(end, (number+1)*size)
		asked[p.Query.Get("page")+"/"+p.Query.Get("size")]++
		if sort := p.Query["sort"]; len(sort) != 1 || sort[0] != "repId,asc" {
			t.Errorf("sort %q, want repId,asc", sort)
		}
	}
	for window, n := range asked {
		if n != 1 {
			t.Errorf("page %s asked for %d times, want once", window, n)
		}
	}
	if end < 150 {
		t.Errorf("the pages reach row %d of 150", end)
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
