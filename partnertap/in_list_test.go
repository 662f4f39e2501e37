package partnertap

import (
	"fmt"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// An IN list on a v1 table's text column is one read with the filter language's equals-any, not
// one per value (the SDK calls the list once per value; 41 values cost 41 requests), and returns
// exactly the rows of those values; a value listed twice returns its rows once.
func TestV1InListIsOneReadOfExactlyItsRows(t *testing.T) {
	h := newHarness(t, sandbox.Config{V1RateLimit: -1}, demoSpc)
	for _, c := range []struct{ table, column string }{
		{"partnertap_partner_org", "partner_name"},
		{"partnertap_matched_account", "account_name"},
		{"partnertap_matched_account", "company_partner_public_id"},
		{"partnertap_global_overlap_account", "account_name"},
		{"partnertap_global_overlap_opportunity", "opportunity_name"},
		{"partnertap_attribution_event", "account_name"},
		{"partnertap_attribution_event", "company_partner_public_id"},
		{"partnertap_pipeline_attribution_detail", "opp_name"},
		{"partnertap_pipeline_attribution_summary", "top_parent_crm_account_name"},
	} {
		t.Run(c.table+"."+c.column, func(t *testing.T) {
			want := map[string]int{} // rows per value, from the unfiltered scan
			var values []string
			for _, row := range h.mustRun(query{table: c.table, columns: []string{c.column}}) {
				v, _ := row[c.column].(string)
				if v == "" {
					continue
				}
				if want[v] == 0 && len(values) < 5 {
					values = append(values, v)
				}
				want[v]++
			}
			if len(values) < 2 {
				t.Fatalf("the sandbox has %d values of %s", len(values), c.column)
			}
			one, oneRequests := h.countRequests(func() []map[string]any {
				return h.mustRun(query{table: c.table, columns: []string{c.column}, quals: eq(c.column, values[0])})
			})
			list, listRequests := h.countRequests(func() []map[string]any {
				return h.mustRun(query{table: c.table, columns: []string{c.column}, quals: quals(qual(c.column, "=", values))})
			})
			if c.column != "company_partner_public_id" || c.table != "partnertap_matched_account" {
				// (matched accounts are read partner by partner: one read per partner named)
				if listRequests != oneRequests {
					t.Errorf("in (%d values): %d requests, = one value: %d", len(values), listRequests, oneRequests)
				}
			}
			if got := countBy(list, c.column); fmt.Sprint(got) != fmt.Sprint(subset(want, values)) {
				t.Errorf("in %q: rows per value %v, want %v", values, got, subset(want, values))
			}
			twice := h.mustRun(query{table: c.table, columns: []string{c.column}, quals: quals(qual(c.column, "=", []string{values[0], values[0]}))})
			if len(twice) != len(one) || len(one) != want[values[0]] {
				t.Errorf("in (%q twice): %d rows; = it: %d; in the scan: %d", values[0], len(twice), len(one), want[values[0]])
			}
		})
	}
}

// A value listed twice in an IN list is read once on the legacy tables too, whether the SDK
// splits the list (one list in the query) or passes it whole (two lists).
func TestLegacyInListWithARepeatedValueReadsItOnce(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	division := h.sandbox.Dataset().DashboardRows()[0].Division
	one := h.mustRun(query{table: "partnertap_dashboard_history", columns: []string{"division", "interval"},
		quals: quals(qual("interval", "=", "DAY"), qual("division", "=", division))})
	if len(one) == 0 {
		t.Fatal("no DAY points")
	}
	for name, qs := range map[string]*query{
		"split":   {quals: quals(qual("interval", "=", []string{"DAY", "DAY"}), qual("division", "=", division))},
		"unsplit": {quals: quals(qual("interval", "=", []string{"DAY", "DAY"}), qual("division", "=", []string{division, division}))},
	} {
		// (a list the SDK passes whole reads every division: Postgres keeps this one's)
		rows := countBy(h.mustRun(query{table: "partnertap_dashboard_history", columns: []string{"division", "interval"}, quals: qs.quals}), "division")[division]
		if rows != len(one) {
			t.Errorf("%s: interval in ('DAY', 'DAY'): %d rows, interval = 'DAY': %d", name, rows, len(one))
		}
	}
}

// countRequests runs read and returns its rows and how many requests the sandbox received meanwhile.
func (h *harness) countRequests(read func() []map[string]any) ([]map[string]any, int) {
	before := len(h.sandbox.Requests())
	rows := read()
	return rows, len(h.sandbox.Requests()) - before
}

func countBy(rows []map[string]any, column string) map[string]int {
	out := map[string]int{}
	for _, row := range rows {
		v, _ := row[column].(string)
		out[v]++
	}
	return out
}

func subset(counts map[string]int, keys []string) map[string]int {
	out := map[string]int{}
	for _, k := range keys {
		out[k] = counts[k]
	}
	return out
}
