package partnertap

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// v1TableNames are the tables whose records are decoded field by field (wantedFields).
var v1TableNames = []string{
	"partnertap_partner_org", "partnertap_matched_account", "partnertap_global_overlap_account",
	"partnertap_global_overlap_opportunity", "partnertap_attribution_event",
	"partnertap_pipeline_attribution_detail", "partnertap_pipeline_attribution_summary",
}

// TestEachColumnAloneReadsWhatEveryColumnReads: a v1 read decodes only the fields its columns and
// quals read, so every column of every v1 table, read alone, and read under a LIMIT beside a qual
// on another column (checked on the row, v1RowCheck), must show what a read decoding every field
// shows.
func TestEachColumnAloneReadsWhatEveryColumnReads(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 300, Partners: 4, Reps: 20, Opportunities: 150}, V1RateLimit: -1}, demoSpc)
	tables := Plugin(context.Background()).TableMap
	t.Cleanup(func() { readEveryField = false })
	for _, name := range v1TableNames {
		var columns []string
		for _, c := range tables[name].Columns {
			columns = append(columns, c.Name)
		}
		readEveryField = true
		all := h.mustRun(query{table: name, columns: columns})
		readEveryField = false
		if len(all) == 0 {
			t.Fatalf("%s: no rows", name)
		}
		for _, column := range columns {
			alone := h.mustRun(query{table: name, columns: []string{column}})
			if got, want := valuesOf(alone, column), valuesOf(all, column); !reflect.DeepEqual(got, want) {
				t.Errorf("%s.%s read alone: %v, want %v", name, column, got, want)
			}
		}
		// A qual on a text column whose value the first row has, checked on each row under a LIMIT.
		qualColumn, value := firstTextValue(all, columns)
		if qualColumn == "" {
			continue
		}
		q := query{table: name, columns: columns, quals: eq(qualColumn, value), limit: 3}
		readEveryField = true
		want := h.mustRun(q)
		readEveryField = false
		q.columns = []string{"title"}
		got := h.mustRun(q)
		if !reflect.DeepEqual(valuesOf(got, "title"), valuesOf(want, "title")) || len(got) == 0 {
			t.Errorf("%s: title where %s = %q limit 3: %v, want %v", name, qualColumn, value, valuesOf(got, "title"), valuesOf(want, "title"))
		}
	}
}

// valuesOf is a column's values, sorted: the sandbox does not promise the order of a report whose
// rows it aggregates.
func valuesOf(rows []map[string]any, column string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r[column])
	}
	slices.Sort(out)
	return out
}

// firstTextValue is a standard text column other than title and search, and the first row's value
// of it.
func firstTextValue(rows []map[string]any, columns []string) (string, string) {
	for _, c := range columns {
		if v, ok := rows[0][c].(string); ok && v != "" && c != "title" && c != "search" && c != "custom_fields" && c != "partner_fields" {
			return c, v
		}
	}
	return "", ""
}
