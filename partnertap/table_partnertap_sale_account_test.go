package partnertap

import (
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var saleAccountColumns = []string{"sale_account_id", "account_name", "crm_account_id", "matched", "partner_org", "partner_org_id",
	"partner_account_name", "match_date", "account_type", "industry", "city", "state", "country", "website", "owner_name",
	"owner_email", "search", "title"}

func TestSaleAccountsWithoutMatchedReadBothLists(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 1200}}, demoSpc+"page_size = 500\n")
	rows := h.mustRun(query{table: "partnertap_sale_account", columns: saleAccountColumns})
	matched := h.sandbox.Dataset().MatchedAccountRows()
	unmatched := 0
	for _, a := range h.sandbox.Dataset().AccountRows() {
		isMatched := false
		for _, m := range matched {
			if m.SaleAccountID == a.SaleAccountID {
				isMatched = true
				break
			}
		}
		if !isMatched {
			unmatched++
		}
	}
	var gotMatched, gotUnmatched int
	for _, r := range rows {
		if r["matched"] == true {
			gotMatched++
		} else if r["matched"] == false && r["partner_org"] == nil && r["match_date"] == nil {
			gotUnmatched++
		} else {
			t.Fatalf("bad row %v", r)
		}
	}
	if gotMatched != len(matched) || gotUnmatched != unmatched {
		t.Fatalf("got %d matched and %d unmatched rows, want %d and %d", gotMatched, gotUnmatched, len(matched), unmatched)
	}
	// Every matched row is exactly the dataset's match, all fields.
	key := func(id, org any) string { return id.(string) + "|" + org.(string) }
	got := map[string]map[string]any{}
	for _, r := range rows {
		if r["matched"] == true {
			got[key(r["sale_account_id"], r["partner_org"])] = r
		}
	}
	for _, w := range matched {
		r := got[key(w.SaleAccountID, *w.PartnerOrg)]
		if r == nil || r["account_name"] != w.AccountName || r["crm_account_id"] != w.CrmAccountID ||
			!sameOptional(r["partner_account_name"], w.PartnerAccountName) || !sameEpoch(r["match_date"], w.MatchDate) ||
			!sameOptional(r["industry"], w.Industry) || !sameOptional(r["website"], w.Website) || !sameOptional(r["owner_email"], w.OwnerEmail) ||
			!sameOptional(r["state"], w.State) || !sameOptional(r["partner_org_id"], w.PartnerOrgID) || r["title"] != w.AccountName {
			t.Fatalf("got %v, want %+v", r, w)
		}
	}
}

func TestSaleAccountMatchedTrueNeverCallsUnmatched(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	partner := h.sandbox.Dataset().PartnerNames()[0]
	rows := h.mustRun(query{table: "partnertap_sale_account", columns: saleAccountColumns,
		quals: quals(qual("matched", "=", true), qual("partner_org", "=", partner))})
	want := 0
	for _, m := range h.sandbox.Dataset().MatchedAccountRows() {
		if *m.PartnerOrg == partner {
			want++
		}
	}
	if len(rows) != want || want == 0 {
		t.Fatalf("got %d rows, want %d", len(rows), want)
	}
	if n := len(h.apiRequests(api.SaleAccountsUnmatched.Path)); n != 0 {
		t.Fatalf("matched = true called the unmatched endpoint %d times", n)
	}
	reqs := h.apiRequests(api.SaleAccountsMatched.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("partnerOrg") != partner {
		t.Fatalf("requests %+v", reqs)
	}
}

func TestSaleAccountUnmatchedForAPartner(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 800}}, demoSpc)
	partner := h.sandbox.Dataset().PartnerNames()[1]
	rows := h.mustRun(query{table: "partnertap_sale_account", columns: saleAccountColumns,
		quals: quals(qual("matched", "=", false), qual("partner_org", "=", partner))})
	matchedWithPartner := map[string]bool{}
	for _, m := range h.sandbox.Dataset().MatchedAccountRows() {
		if *m.PartnerOrg == partner {
			matchedWithPartner[m.SaleAccountID] = true
		}
	}
	want := len(h.sandbox.Dataset().AccountRows()) - len(matchedWithPartner)
	if len(rows) != want {
		t.Fatalf("got %d rows, want %d accounts not matched with %s", len(rows), want, partner)
	}
	for _, r := range rows {
		if matchedWithPartner[r["sale_account_id"].(string)] || r["partner_org"] != partner || r["matched"] != false {
			t.Fatalf("bad row %v", r)
		}
	}
	if n := len(h.apiRequests(api.SaleAccountsMatched.Path)); n != 0 {
		t.Fatalf("matched = false called the matched endpoint %d times", n)
	}
}

func TestSaleAccountSearchIsPushedDownAndEchoed(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	const search = "TECH"
	rows := h.mustRun(query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("search", search)})
	matches := func(a api.SaleAccount) bool {
		s := strings.ToLower(search)
		return strings.Contains(strings.ToLower(a.AccountName), s) || strings.Contains(strings.ToLower(a.CrmAccountID), s) ||
			(a.Website != nil && strings.Contains(strings.ToLower(*a.Website), s))
	}
	want := 0
	matchedIDs := map[string]bool{}
	for _, m := range h.sandbox.Dataset().MatchedAccountRows() {
		matchedIDs[m.SaleAccountID] = true
		if matches(m) {
			want++
		}
	}
	for _, a := range h.sandbox.Dataset().AccountRows() {
		if !matchedIDs[a.SaleAccountID] && matches(a) {
			want++
		}
	}
	if len(rows) != want || want == 0 {
		t.Fatalf("got %d rows, want %d", len(rows), want)
	}
	for _, r := range rows {
		if r["search"] != search {
			t.Fatalf("search column %v, want the qual echoed", r["search"])
		}
	}
	for _, path := range []string{api.SaleAccountsMatched.Path, api.SaleAccountsUnmatched.Path} {
		reqs := h.apiRequests(path)
		if len(reqs) != 1 || reqs[0].Query.Get("search") != search {
			t.Fatalf("%s: requests %+v, want one with search", path, reqs)
		}
	}
}

func TestSaleAccountLimitStopsAfterTheFirstList(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_sale_account", columns: []string{"sale_account_id"}, limit: 10})
	if len(rows) != 10 {
		t.Fatalf("got %d rows", len(rows))
	}
	m := h.apiRequests(api.SaleAccountsMatched.Path)
	if len(m) != 1 || m[0].Query.Get("size") != "10" || len(h.apiRequests(api.SaleAccountsUnmatched.Path)) != 0 {
		t.Fatalf("limit 10 should cost one request of size 10: %+v", h.sandbox.Requests())
	}
}

// TestRowsGoToTheSDKWithoutAnAllocationEach: a sale account row is handed over as a pointer into a
// block of rows; boxing each row was an allocation a row.
func TestRowsGoToTheSDKWithoutAnAllocationEach(t *testing.T) {
	term := "acme"
	toRow := inBlocks(func(a api.SaleAccount) saleAccountRow {
		return saleAccountRow{SaleAccount: a, Matched: true, Search: &term}
	})
	account := api.SaleAccount{SaleAccountID: "s1", AccountName: "Acme"}
	var last any
	if allocs := testing.AllocsPerRun(10*rowBlock, func() { last = toRow(account) }); allocs != 0 {
		t.Errorf("%.0f allocations a row", allocs)
	}
	if row := last.(*saleAccountRow); row.SaleAccountID != "s1" || !row.Matched || *row.Search != "acme" {
		t.Errorf("row = %+v", row)
	}
}
