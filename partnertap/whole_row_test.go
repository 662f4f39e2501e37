package partnertap

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// TestEveryRowCarriesEveryColumnWhateverTheQueryNames: the columns Steampipe's FDW sends do not
// say all that a query reads. It leaves a whole-row reference (`select to_jsonb(t) from
// partnertap_sale_account t`, `row_to_json(t)`) out of them: that query asks for no column, as
// count(*) does, and `select t, city from ... t` asks for city alone. So every table builds every
// column of every row whatever the columns asked. Until December 6 SDK patch 0015 built only the
// asked columns and the v1 tables decoded only the fields those read: to_jsonb(t) showed null for
// every other column, with no error.
func TestEveryRowCarriesEveryColumnWhateverTheQueryNames(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 200, Partners: 3, Reps: 15, Opportunities: 100}, V1RateLimit: -1}, demoSpc)
	tables := Plugin(context.Background()).TableMap
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		var columns []string
		for _, c := range tables[name].Columns {
			columns = append(columns, c.Name)
		}
		want := rowsAsText(h.mustRun(query{table: name, columns: columns}))
		if len(want) == 0 {
			t.Fatalf("%s: no rows", name)
		}
		for _, asked := range [][]string{nil, columns[len(columns)-1:]} {
			if got := rowsAsText(h.mustRun(query{table: name, columns: asked})); !slices.Equal(got, want) {
				t.Errorf("%s, asking for %v (a whole-row reference): %d rows\n%v\nwant every column, %d rows\n%v", name, asked, len(got), head(got), len(want), head(want))
			}
		}
	}
}

// rowsAsText is each row with every column and value, sorted: a report whose rows the sandbox
// aggregates has no promised order.
func rowsAsText(rows []map[string]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r) // fmt prints a map's keys sorted
	}
	slices.Sort(out)
	return out
}

func head(rows []string) []string { return rows[:min(len(rows), 2)] }
