package partnertap

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// The property behind every pushdown, over every table: for each key column's operators and
// values generated from the data and at the edges of their types (empty, delimiters, non-ASCII,
// very long, NaN and infinities, dates no int64 of nanoseconds holds), the rows a scan with the
// qual returns, filtered as Postgres then filters them, are exactly the unfiltered scan's rows
// filtered the same way; with a LIMIT, at least LIMIT of them (or all), and none other. A value
// the API cannot take is an error naming the valid ones, never a short answer.
func TestEveryPushdownIsExact(t *testing.T) {
	h := newHarness(t, sandbox.Config{
		Dataset:     sandbox.DatasetConfig{Accounts: 30, Partners: 6, Reps: 20, Opportunities: 150},
		V1RateLimit: -1,
	}, demoSpc+"page_size = 40\n")
	tables := Plugin(context.Background()).TableMap
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		table := tables[name]
		if table.List == nil || len(table.List.KeyColumns) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) { checked += checkPushdowns(t, h, table) })
	}
	t.Logf("%d scans compared", checked)
}

// fullPushdownSweep checks every generated predicate: `go test -run TestEveryPushdownIsExact
// ./partnertap/ -pushdown.full` (about 110 s). By default every 5th, and under -race every 15th
// with a third of the pairs, keeps go test fast.
var fullPushdownSweep = flag.Bool("pushdown.full", false, "check every generated pushdown predicate")

func pushdownStride() int {
	switch {
	case *fullPushdownSweep:
		return 1
	case raceDetector:
		return 15
	}
	return 5
}

// readSelector says whether a key column's value chooses what the API reads rather than
// filtering the rows of an unfiltered read: `search` is filter-only, an unfiltered scan of
// partnertap_dashboard_history reads the default interval and one of partnertap_matched_account
// the default matching type, and an unmatched sale account is one row unfiltered but one per
// partner asked for. The oracle is then the scan with the qual and no LIMIT: every row it
// returns carries the value (a row that did not would be dropped by Postgres: a short answer),
// and with a LIMIT the scan keeps at least LIMIT of those rows and no other.
func readSelector(table, column string) bool {
	switch column {
	case "search", "interval", "matching_type":
		return true
	case "partner_org":
		return table == "partnertap_sale_account"
	}
	return false
}

// pushdownCheck is one table's columns, its unfiltered rows, and the harness that reads it.
type pushdownCheck struct {
	t       *testing.T
	h       *harness
	table   *plugin.Table
	columns []string
	all     []map[string]any
	scans   int
}

func checkPushdowns(t *testing.T, h *harness, table *plugin.Table) int {
	c := &pushdownCheck{t: t, h: h, table: table}
	for _, col := range table.Columns {
		c.columns = append(c.columns, col.Name)
	}
	all, err := h.run(query{table: table.Name, columns: c.columns})
	if err != nil {
		t.Fatalf("unfiltered scan: %v", err)
	}
	if len(all) == 0 {
		t.Fatalf("the unfiltered scan returned no rows: nothing to compare")
	}
	c.all = all
	var singles []sqlPredicate
	for _, kc := range c.keyColumns() {
		singles = append(singles, c.predicates(kc)...)
	}
	for i, p := range singles {
		if i%pushdownStride() == 0 || p.value == "" { // the empty value always: it found two bugs
			c.check(p)
		}
	}
	// Pairs on two columns: each narrows what the API reads.
	for i := 0; i < len(singles); i += 7 * max(1, pushdownStride()/5) {
		for j := i + 3; j < len(singles) && j < i+40; j += 11 {
			if singles[i].column != singles[j].column {
				c.check(singles[i], singles[j])
			}
		}
	}
	return c.scans
}

// keyColumns are the key columns to generate quals for: every one on a table with few, and on
// the wide v1 tables every selector plus the first of each value type with varied data (the
// operators and encodings depend on the type, not the column).
func (c *pushdownCheck) keyColumns() []*plugin.KeyColumn {
	types := map[string]proto.ColumnType{}
	for _, col := range c.table.Columns {
		types[col.Name] = col.Type
	}
	keys := c.table.List.KeyColumns
	if len(keys) <= 4 {
		return keys
	}
	var picked []*plugin.KeyColumn
	perType := map[proto.ColumnType]int{}
	for _, kc := range keys {
		switch {
		case len(kc.Operators) == 1:
			picked = append(picked, kc) // a selector or an enumeration
		case perType[types[kc.Name]] < 1+btoi(types[kc.Name] == proto.ColumnType_STRING) && len(c.samples(kc.Name)) >= 2:
			perType[types[kc.Name]]++
			picked = append(picked, kc)
		}
	}
	return picked
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// samples are up to two distinct values of a column in the unfiltered rows.
func (c *pushdownCheck) samples(column string) []any {
	seen := map[string]any{}
	for _, r := range c.all {
		if v := r[column]; v != nil {
			seen[fmt.Sprint(v)] = v
		}
	}
	keys := slices.Sorted(maps.Keys(seen))
	var out []any
	for _, i := range []int{0, len(keys) - 1} {
		if i >= 0 && i < len(keys) && !slices.Contains(out, seen[keys[i]]) {
			out = append(out, seen[keys[i]])
		}
	}
	return out
}

// predicates are the quals to try on one key column: every declared operator over values from
// the data and at the edges of the column's type.
func (c *pushdownCheck) predicates(kc *plugin.KeyColumn) []sqlPredicate {
	var colType proto.ColumnType
	for _, col := range c.table.Columns {
		if col.Name == kc.Name {
			colType = col.Type
		}
	}
	samples := c.samples(kc.Name)
	var values []any
	switch colType {
	case proto.ColumnType_STRING:
		values = stringEdges(samples)
	case proto.ColumnType_DOUBLE:
		values = []any{0.0, -1.0, 1e300, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
		for _, s := range samples {
			f := s.(float64)
			values = append(values, f, math.Floor(f)+0.5)
		}
	case proto.ColumnType_INT:
		values = []any{int64(0), int64(-1), int64(math.MinInt64), int64(math.MaxInt64)}
		for _, s := range samples {
			values = append(values, s.(int64), s.(int64)+1)
		}
	case proto.ColumnType_TIMESTAMP:
		values = []any{time.Unix(0, 0).UTC(), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1677, 6, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2263, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)}
		for _, s := range samples {
			values = append(values, s.(time.Time), s.(time.Time).Add(1500*time.Millisecond))
		}
	case proto.ColumnType_BOOL:
		values = []any{true, false}
	default:
		c.t.Fatalf("%s: no values for a key column of type %v", kc.Name, colType)
	}
	var preds []sqlPredicate
	for _, op := range kc.Operators {
		for _, v := range values {
			preds = append(preds, sqlPredicate{kc.Name, op, v})
		}
	}
	if colType == proto.ColumnType_STRING && slices.Contains(kc.Operators, "=") && len(samples) > 0 {
		// an IN list, a value repeated
		s := samples[0].(string)
		preds = append(preds, sqlPredicate{kc.Name, "=", []string{s, strings.ToUpper(s), s}})
	}
	return preds
}

// stringEdges are string values and LIKE patterns: from the samples (exact, another case, a
// prefix, an infix, one character, trailing space) and hostile ones (empty, the v1 filter
// language's delimiters, LIKE's own metacharacters escaped, non-ASCII, 3,000 characters).
func stringEdges(samples []any) []any {
	values := []any{"", "%", "_", "%-,-%", "-?-", "a-!-", "%-^-%", `%\%%`, `\_%`, "%É%", "%é%", "Ünïcödé", strings.Repeat("x", 3000), strings.Repeat("%x", 1500)}
	for _, s := range samples {
		str := s.(string)
		r := []rune(str)
		values = append(values, str, strings.ToUpper(str), strings.ToLower(str), str+" ", str+"-,-"+str)
		if len(r) >= 3 {
			values = append(values, string(r[:1])+"%", "%"+string(r[1:3])+"%", "_"+string(r[1:2])+"%", strings.ToLower(string(r[:2]))+"%")
		}
	}
	return values
}

// check compares the scans with preds (no LIMIT, 1, 3) with the oracle.
func (c *pushdownCheck) check(preds ...sqlPredicate) {
	t := c.t
	name := describePreds(preds)
	var qs []*proto.Qual
	var selectors []sqlPredicate
	for _, p := range preds {
		qs = append(qs, qualAny(p.column, p.op, p.value))
		if readSelector(c.table.Name, p.column) {
			selectors = append(selectors, p)
		}
	}
	var want map[string]int
	if selectors == nil {
		want = c.kept(c.all, preds)
	}
	for _, limit := range []int64{-1, 1, 3} {
		// a limit of at least the matching rows is the scan without one
		if want != nil && limit >= 0 && size(want) < int(limit) {
			continue
		}
		c.scans++
		got, err := c.h.run(query{table: c.table.Name, columns: c.columns, quals: quals(qs...), limit: limit})
		if err != nil {
			if c.refusedRightly(preds, err) {
				return
			}
			t.Errorf("%s limit %d: %v", name, limit, err)
			return
		}
		kept := c.kept(got, preds)
		if want == nil { // a selector: the scan without a limit is the oracle
			if n := len(got) - size(c.kept(got, selectors)); n > 0 {
				t.Errorf("%s: %d rows do not carry the value of %s", name, n, describePreds(selectors))
			}
			want = kept
			continue
		}
		if limit < 0 {
			if !maps.Equal(kept, want) {
				t.Errorf("%s: %d rows after the pushdown, %d in the table (%s)", name, size(kept), size(want), diffCounts(kept, want))
			}
			continue
		}
		if extra := diffCounts(kept, want); !within(kept, want) {
			t.Errorf("%s limit %d: rows not in the table: %s", name, limit, extra)
		}
		if size(kept) < min(int(limit), size(want)) {
			t.Errorf("%s limit %d: %d rows kept, %d match", name, limit, size(kept), size(want))
		}
	}
}

// refusedRightly: a value outside an enumeration is an error naming the valid values, and only
// such a value (no row holds it).
func (c *pushdownCheck) refusedRightly(preds []sqlPredicate, err error) bool {
	if !strings.Contains(err.Error(), "must be one of") {
		return false
	}
	for _, p := range preds {
		if p.op == "=" && size(c.kept(c.all, []sqlPredicate{p})) == 0 && strings.Contains(err.Error(), p.column) {
			return true
		}
	}
	return false
}

// kept are the rows every predicate keeps, as a multiset of fingerprints.
func (c *pushdownCheck) kept(rows []map[string]any, preds []sqlPredicate) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		if !slices.ContainsFunc(preds, func(p sqlPredicate) bool { return !p.keeps(r) }) {
			out[c.fingerprint(r)]++
		}
	}
	return out
}

// fingerprint is a row's every column but the filter-only search, which echoes its qual.
func (c *pushdownCheck) fingerprint(r map[string]any) string {
	var b strings.Builder
	for _, col := range c.columns {
		if col != "search" {
			fmt.Fprintf(&b, "%s=%v|", col, r[col])
		}
	}
	return b.String()
}

func describePreds(preds []sqlPredicate) string {
	var parts []string
	for _, p := range preds {
		v := fmt.Sprintf("%v", p.value)
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		parts = append(parts, fmt.Sprintf("%s %s %q", p.column, p.op, v))
	}
	return strings.Join(parts, " and ")
}

func size(m map[string]int) int {
	n := 0
	for _, k := range m {
		n += k
	}
	return n
}

// within says whether multiset a is contained in multiset b.
func within(a, b map[string]int) bool {
	for k, n := range a {
		if b[k] < n {
			return false
		}
	}
	return true
}

// diffCounts names a few rows whose counts differ, for a failure message.
func diffCounts(got, want map[string]int) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if got[k] != want[k] && len(out) < 2 {
			out = append(out, fmt.Sprintf("%d× (want %d) %.150s", got[k], want[k], k))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got[k] != want[k] && got[k] == 0 && len(out) < 4 {
			out = append(out, fmt.Sprintf("missing %d× %.150s", want[k], k))
		}
	}
	return strings.Join(out, "; ")
}
