package partnertap

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// With Steampipe's query cache on, a repeated scan within the TTL is answered from the cache: the
// same rows, no API request.
func TestRepeatedScanIsAnsweredFromTheQueryCache(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 400\n")
	h.cache = true
	h.rowDelay = 20 * time.Microsecond // a consumer slower than the API: the case the SDK got wrong
	q := query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("matched", true)}
	want := saleAccountKeys(h.sandbox.Dataset().MatchedAccountRows())

	first := h.mustRun(q)
	assertKeys(t, "first scan", rowKeys(first), want)
	if n := len(h.apiRequests(api.SaleAccountsMatched.Path)); n == 0 {
		t.Fatal("the first scan made no API request")
	}
	h.sandbox.ResetRequests()
	second := h.mustRun(q)
	assertKeys(t, "repeated scan", rowKeys(second), want)
	if n := len(h.sandbox.Requests()); n != 0 {
		t.Fatalf("the repeated scan made %d API requests, want 0 (a cache hit)", n)
	}
	// A subset of the cached columns, and a limit within a cached full result, are hits too.
	h.sandbox.ResetRequests()
	// (A cache hit streams the cached result; Postgres stops reading at the limit.)
	five := h.mustRun(query{table: q.table, columns: []string{"sale_account_id", "partner_org"}, quals: q.quals, limit: 5})
	if len(five) < 5 || len(h.sandbox.Requests()) != 0 {
		t.Fatalf("limit 5 after the full scan: %d rows, %d requests; want at least 5 rows from the cache", len(five), len(h.sandbox.Requests()))
	}
}

// The cache never answers a query with another query's rows. A cached superset may answer a
// narrower query (Postgres applies every qual again), so each answer is compared after Postgres's
// filter; a different value of a qual, or another search, must go to the API.
func TestQueryCacheNeverAnswersAnotherQuery(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	h.cache = true
	data := h.sandbox.Dataset()
	matched := query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("matched", true)}
	h.mustRun(matched)
	partner := data.PartnerNames()[1]

	cases := []struct {
		name        string
		q           query
		keep        func(row map[string]any) bool // Postgres's filter of the quals
		want        []string
		mustReadAPI bool
	}{
		{"other matched value", query{table: matched.table, columns: saleAccountColumns, quals: eq("matched", false)},
			func(r map[string]any) bool { return r["matched"] == false }, saleAccountKeys(data.UnmatchedAccountRows()), true},
		{"a partner org", query{table: matched.table, columns: saleAccountColumns, quals: quals(qual("matched", "=", true), qual("partner_org", "=", partner))},
			func(r map[string]any) bool { return r["matched"] == true && r["partner_org"] == partner }, saleAccountKeys(accountsOfPartner(data, partner)), false},
		{"a search", query{table: matched.table, columns: saleAccountColumns, quals: quals(qual("matched", "=", true), qual("search", "=", "tech"))},
			func(r map[string]any) bool { return r["search"] == "tech" }, nil, true},
	}
	for _, c := range cases {
		h.sandbox.ResetRequests()
		var kept []map[string]any
		for _, r := range h.mustRun(c.q) {
			if c.keep(r) {
				kept = append(kept, r)
			}
		}
		if c.mustReadAPI && len(h.sandbox.Requests()) == 0 {
			t.Fatalf("%s: answered from the cache of another query", c.name)
		}
		if c.want != nil {
			assertKeys(t, c.name, rowKeys(kept), c.want)
		} else if len(kept) == 0 {
			t.Fatalf("%s: no row", c.name)
		}
	}

	// A limited scan caches 7 rows; an unlimited one after it must not get them.
	h2 := newHarness(t, sandbox.Config{}, demoSpc)
	h2.cache = true
	h2.mustRun(query{table: matched.table, columns: saleAccountColumns, quals: matched.quals, limit: 7})
	h2.sandbox.ResetRequests()
	all := h2.mustRun(matched)
	assertKeys(t, "unlimited after limit 7", rowKeys(all), saleAccountKeys(data.MatchedAccountRows()))
	if len(h2.sandbox.Requests()) == 0 {
		t.Fatal("the unlimited scan was answered from a limited scan's cache")
	}

	// A scan with the cache off reads the API even when the cache holds its answer.
	h.sandbox.ResetRequests()
	h.cache = false
	h.mustRun(matched)
	if len(h.sandbox.Requests()) == 0 {
		t.Fatal("a scan with the cache off was answered from the cache")
	}
}

// Two connections to different orgs never share cached rows.
func TestQueryCacheIsPerConnection(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	h.cache = true
	other, err := sandbox.New(sandbox.Config{Dataset: sandbox.DatasetConfig{Seed: 7, Accounts: 1200}})
	if err != nil {
		t.Fatal(err)
	}
	otherSrv := sandbox.StartTestServer(other)
	t.Cleanup(otherSrv.Close)
	h.configureConnections(map[string]string{
		testConnection: fmt.Sprintf(demoSpc, h.url),
		"partnertap_b": fmt.Sprintf(demoSpc, otherSrv.URL),
	})
	q := query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("matched", true)}
	a := h.mustRun(q)
	q.connection = "partnertap_b"
	b := h.mustRun(q)
	assertKeys(t, "connection a", rowKeys(a), saleAccountKeys(h.sandbox.Dataset().MatchedAccountRows()))
	assertKeys(t, "connection b", rowKeys(b), saleAccountKeys(other.Dataset().MatchedAccountRows()))
	if len(other.Requests()) == 0 {
		t.Fatal("connection b was answered from connection a's cache")
	}
}

func saleAccountKeys(rows []api.SaleAccount) []string {
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		org := ""
		if r.PartnerOrg != nil {
			org = *r.PartnerOrg
		}
		keys = append(keys, r.SaleAccountID+"|"+org)
	}
	return keys
}

func rowKeys(rows []map[string]any) []string {
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		org, _ := r["partner_org"].(string)
		keys = append(keys, fmt.Sprint(r["sale_account_id"])+"|"+org)
	}
	return keys
}

// assertKeys fails unless got holds exactly the keys of want, each as often.
func assertKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = append([]string(nil), got...), append([]string(nil), want...)
	sort.Strings(got)
	sort.Strings(want)
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: row %q where %q was expected (rows repeated or missing)", what, got[i], want[i])
		}
	}
}

func accountsOfPartner(d *sandbox.Dataset, partner string) []api.SaleAccount {
	var out []api.SaleAccount
	for _, a := range d.MatchedAccountRows() {
		if a.PartnerOrg != nil && *a.PartnerOrg == partner {
			out = append(out, a)
		}
	}
	return out
}

// A key column that picks what the API reads, rather than filtering it, keeps cached reads apart:
// a read without interval holds only MONTH points, a read without matching_type only MUTUAL
// matches, and a read of the unmatched accounts without partner_org the accounts no partner has
// (not those one partner lacks, which name it), so none may answer a query for a value
// (Postgres would filter it to nothing, or to the matched rows only).
func TestQueryCacheKeepsReadModesApart(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	h.cache = true
	cases := []struct {
		table, column, value string
		columns              []string
	}{
		{"partnertap_dashboard_history", "interval", "WEEK", []string{"division", "period_start", "interval"}},
		{"partnertap_matched_account", "matching_type", api.MatchingAllPartnerOrgs, []string{"account_name", "matching_type"}},
		{"partnertap_sale_account", "partner_org", h.sandbox.Dataset().PartnerNames()[1], []string{"sale_account_id", "matched", "partner_org"}},
	}
	for _, c := range cases {
		h.mustRun(query{table: c.table, columns: c.columns})
		h.sandbox.ResetRequests()
		kept := 0
		for _, r := range h.mustRun(query{table: c.table, columns: c.columns, quals: eq(c.column, c.value)}) {
			if r[c.column] == c.value { // Postgres's filter
				kept++
			}
		}
		if kept == 0 || len(h.sandbox.Requests()) == 0 {
			t.Fatalf("%s where %s = %q after a read without it: %d rows, %d requests; want its own read", c.table, c.column, c.value, kept, len(h.sandbox.Requests()))
		}
	}
}
