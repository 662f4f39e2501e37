//go:build e2e

package e2e

import (
	"fmt"
	"slices"
	"testing"
)

// TestAWholeRowReferenceShowsEveryColumn: through the real Steampipe, `to_jsonb(t)` of a legacy
// and of a v1 table equals the same rows built from every column named (a subquery's `select *`
// is expanded into its columns, which the FDW then asks for). The FDW leaves the whole-row
// reference out of the columns it asks the plugin for, so a plugin that built only the columns
// asked (SDK patch 0015, withdrawn) showed null for every other column, with no error; with the
// cache off, and with it on after a narrow read of the same table.
func TestAWholeRowReferenceShowsEveryColumn(t *testing.T) {
	for _, table := range []string{"partnertap_dashboard", "partnertap_partner_org", "partnertap_opportunity"} {
		for _, env := range [][]string{cacheOff, nil} {
			mustQueryEnv(t, env, fmt.Sprintf("select title from %s", table)) // a narrow read the cache may keep
			whole := jsonTexts(t, mustQueryEnv(t, env, fmt.Sprintf("select to_jsonb(t)::text as j from %s t", table)))
			named := jsonTexts(t, mustQueryEnv(t, env, fmt.Sprintf("select to_jsonb(s)::text as j from (select * from %s) s", table)))
			if len(named) == 0 {
				t.Fatalf("%s: no rows", table)
			}
			if !slices.Equal(whole, named) {
				t.Errorf("%s (env %v): to_jsonb(t) gave\n%v\nwant, from every column named,\n%v", table, env, whole[:min(2, len(whole))], named[:min(2, len(named))])
			}
		}
	}
}

// jsonTexts is the j column of every row, sorted.
func jsonTexts(t *testing.T, rows []row) []string {
	t.Helper()
	out := make([]string, len(rows))
	for i, r := range rows {
		s, ok := r["j"].(string)
		if !ok {
			t.Fatalf("row %d: j is %T, want text", i, r["j"])
		}
		out[i] = s
	}
	slices.Sort(out)
	return out
}
