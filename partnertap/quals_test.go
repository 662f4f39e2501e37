package partnertap

import (
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// One rule for a value outside a column's API enumeration, on every table: an error that lists the
// valid values (not an empty answer that hides a typo, nor the API's 400).
func TestValueOutsideAnEnumerationIsAnErrorListingTheValidOnes(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	cases := []struct{ table, column, want string }{
		{"partnertap_opportunity", "direction", `partnertap_opportunity: direction must be one of INBOUND, OUTBOUND, got "inbound"`},
		{"partnertap_dashboard_history", "interval", `partnertap_dashboard_history: interval must be one of DAY, WEEK, MONTH, got "inbound"`},
		{"partnertap_matched_account", "matching_type", `partnertap_matched_account: matching_type must be one of MUTUAL, ALL_PARTNER_ORGS, got "inbound"`},
	}
	for _, c := range cases {
		h.sandbox.ResetRequests()
		_, err := h.run(query{table: c.table, columns: []string{c.column}, quals: eq(c.column, "inbound")})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s where %s = 'inbound': %v, want %q", c.table, c.column, err, c.want)
		}
	}
}

// With two IN lists the SDK splits neither, so a column that picks what the API reads gets the
// whole list: each value is read in turn. Taking the default interval, or echoing the list as the
// row's search, left Postgres no row to keep.
func TestTwoInListsReadEveryValueOfAColumnThatPicksTheRead(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	data := h.sandbox.Dataset()
	divisions := []string{data.DashboardRows()[0].Division, data.DashboardRows()[1].Division}

	rows := h.mustRun(query{table: "partnertap_dashboard_history", columns: []string{"division", "interval", "period_start"},
		quals: quals(qual("interval", "=", []string{"WEEK", "DAY"}), qual("division", "=", divisions))})
	got := map[string]int{}
	for _, r := range rows {
		if r["division"] == divisions[0] || r["division"] == divisions[1] { // Postgres's filter
			got[r["interval"].(string)]++
		}
	}
	if got["WEEK"] == 0 || got["DAY"] == 0 || got["MONTH"] != 0 {
		t.Fatalf("intervals read: %v, want WEEK and DAY points only", got)
	}

	other := strings.ToLower(strings.Fields(data.AccountRows()[3].AccountName)[0])
	terms := []string{"tech", other}
	rows = h.mustRun(query{table: "partnertap_sale_account", columns: []string{"sale_account_id", "search", "matched"},
		quals: quals(qual("search", "=", terms), qual("partner_org", "=", data.PartnerNames()[:2]))})
	perTerm := map[any]int{}
	for _, r := range rows {
		perTerm[r["search"]]++
	}
	if perTerm["tech"] == 0 || perTerm[other] == 0 || len(perTerm) != 2 {
		t.Fatalf("rows per search: %v, want rows of each term, each row carrying its term", perTerm)
	}

	rows = h.mustRun(query{table: "partnertap_global_overlap_account", columns: []string{"account_name", "search"},
		quals: quals(qual("search", "=", terms), qual("account_type", "=", []string{"Customer", "Prospect"}))})
	perTerm = map[any]int{}
	for _, r := range rows {
		perTerm[r["search"]]++
	}
	if perTerm["tech"] == 0 || perTerm[other] == 0 || len(perTerm) != 2 {
		t.Fatalf("v1 rows per search: %v, want rows of each term, each row carrying its term", perTerm)
	}
}
