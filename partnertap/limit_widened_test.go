package partnertap

import (
	"math"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// LIMIT over a qual the API gets widened, or not at all, still gives LIMIT rows when as many
// match: the SDK stops the scan after LIMIT streamed rows, so every streamed row must be one
// Postgres keeps. Seen before the fix: annual_revenue > X limit 1 gave 0 rows while 246 matched,
// account_name not ilike 'a%' limit 5 gave 4, period_start > date limit 1 gave 0.
func TestLimitOverAWidenedQualReturnsLimitRows(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 400}, V1RateLimit: -1}, demoSpc+"page_size = 50\n")
	table := "partnertap_global_overlap_account"
	columns := []string{"crm_account_id", "partner_org_name", "account_name", "account_type", "annual_revenue", "partner_first_match_date"}
	all := h.mustRun(query{table: table, columns: columns})
	sample := func(column string, i int) any { return all[(i*37)%len(all)][column] }
	var preds []sqlPredicate
	for i := 0; i < 3; i++ {
		if rev, ok := sample("annual_revenue", i).(float64); ok {
			for _, op := range []string{">", "<", ">=", "<=", "="} {
				preds = append(preds, sqlPredicate{"annual_revenue", op, rev}, sqlPredicate{"annual_revenue", op, math.Floor(rev) + 0.5})
			}
		}
		if ts, ok := sample("partner_first_match_date", i).(time.Time); ok {
			for _, op := range []string{">", "<", "="} {
				preds = append(preds, sqlPredicate{"partner_first_match_date", op, ts}, sqlPredicate{"partner_first_match_date", op, ts.Add(1500 * time.Millisecond)})
			}
		}
		if typ, ok := sample("account_type", i).(string); ok {
			preds = append(preds, sqlPredicate{"account_type", "<>", typ}, sqlPredicate{"account_type", "=", typ + "-,-x"})
		}
		name, _ := sample("account_name", i).(string)
		for _, pat := range []string{name[:1] + "%", "%" + name[1:3] + "%", "_" + name[1:2] + "%", "%a%e%"} {
			for _, op := range []string{"~~", "~~*", "!~~*"} {
				preds = append(preds, sqlPredicate{"account_name", op, pat})
			}
		}
	}
	for _, p := range preds {
		matching := 0
		for _, r := range all {
			if p.keeps(r) {
				matching++
			}
		}
		for _, limit := range []int64{1, 5} {
			got, err := h.run(query{table: table, columns: columns, quals: quals(qualAny(p.column, p.op, p.value)), limit: limit})
			if err != nil {
				t.Fatalf("%+v: %v", p, err)
			}
			kept := 0
			for _, r := range got {
				if p.keeps(r) {
					kept++
				}
			}
			if want := min(int64(matching), limit); int64(kept) < want {
				t.Errorf("%s %s %v limit %d: %d rows after Postgres's filter, want %d (%d match)", p.column, p.op, p.value, limit, kept, want, matching)
			}
		}
	}

	// The legacy time series: period_start > a point's own start, limit 1.
	points := h.mustRun(query{table: "partnertap_dashboard_history", columns: []string{"division", "period_start"}})
	start := points[0]["period_start"].(time.Time)
	got := h.mustRun(query{table: "partnertap_dashboard_history", columns: []string{"division", "period_start"},
		quals: quals(qual("period_start", ">", start)), limit: 1})
	if len(got) != 1 || !got[0]["period_start"].(time.Time).After(start) {
		t.Fatalf("period_start > %v limit 1: %v", start, got)
	}
}

// Two IN lists on a legacy table reach the plugin unsplit and the API unfiltered: under a limit,
// rows outside the lists must not count towards it.
func TestLimitOverTwoInListsOnALegacyTable(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	data := h.sandbox.Dataset()
	partners := data.PartnerNames()[5:7]
	matching := 0
	for _, o := range data.OpportunityRows() {
		if o.PartnerOrg == partners[0] || o.PartnerOrg == partners[1] {
			matching++
		}
	}
	rows := h.mustRun(query{table: "partnertap_opportunity", columns: []string{"opportunity_id", "partner_org", "direction"},
		quals: quals(qual("partner_org", "=", partners), qual("direction", "=", []string{"INBOUND", "OUTBOUND"})), limit: 5})
	kept := 0
	for _, r := range rows {
		if r["partner_org"] == partners[0] || r["partner_org"] == partners[1] {
			kept++
		}
	}
	if want := min(matching, 5); kept < want {
		t.Fatalf("%d rows of the two partners under limit 5, want %d (%d match)", kept, want, matching)
	}
}

// A limit counts the matched accounts, not the partners of the parent list: account_name = x
// limit 1 finds x whichever partner has it (the partner list was cut at 1 partner, so it came
// back empty unless the first partner had it). The limit check reads the record after the
// table's aliases, as the columns do.
func TestLimitOnMatchedAccountsSearchesEveryPartner(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	all := h.mustRun(query{table: "partnertap_matched_account", columns: []string{"account_name", "company_partner_public_id"}})
	name := all[0]["account_name"].(string)
	rows := h.mustRun(query{table: "partnertap_matched_account", columns: []string{"account_name"},
		quals: quals(qual("account_name", "=", name)), limit: 1})
	if len(rows) != 1 || rows[0]["account_name"] != name {
		t.Fatalf("account_name = %q limit 1: %v", name, rows)
	}
}
