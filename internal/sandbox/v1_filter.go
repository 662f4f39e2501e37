package sandbox

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// recordFilter is a validated `filters` object: every entry must hold for a record to stay.
type recordFilter struct {
	entries []columnFilter
}

type columnFilter struct {
	column listColumn
	api.Filter
}

// parseFilters checks the filters against the list's columns: a key that is not one of its
// columns, or a range on a column that is not a number or date, is a 400 [ours].
func parseFilters(filters map[string]string, columns []listColumn) (recordFilter, error) {
	var rf recordFilter
	for key, value := range filters {
		c, known := column(columns, key)
		if !known {
			return rf, fmt.Errorf("unknown filter field '%s'", key)
		}
		f := api.ParseFilter(value)
		if kind := c.Kind(); f.Op == api.FilterOpRange && kind != api.TypeNumber && kind != api.TypeCurrency && kind != api.TypeDate {
			return rf, fmt.Errorf("filter field '%s' of type %s takes no range", key, c.Type)
		}
		rf.entries = append(rf.entries, columnFilter{column: c, Filter: f})
	}
	return rf, nil
}

// keeps applies the filter language [doc] with the sandbox's reading of what the docs leave open
// [ours]: equality is exact and case-sensitive, contains is case-insensitive, not-equal and
// contains-none keep nulls, ranges are inclusive and drop nulls and empty money values.
func (rf recordFilter) keeps(rec api.Record) bool {
	for _, f := range rf.entries {
		v, present := f.column.value(rec)
		isNull := !present || v == nil || v == ""
		text := strings.ToLower(valueText(v))
		switch f.Op {
		case api.FilterOpEqualsAny:
			if isNull || !slices.Contains(f.Values, valueText(v)) {
				return false
			}
		case api.FilterOpNotEqual:
			if !isNull && slices.Contains(f.Values, valueText(v)) {
				return false
			}
		case api.FilterOpContainsAll:
			for _, term := range f.Values {
				if isNull || !strings.Contains(text, strings.ToLower(term)) {
					return false
				}
			}
		case api.FilterOpContainsNone:
			for _, term := range f.Values {
				if !isNull && strings.Contains(text, strings.ToLower(term)) {
					return false
				}
			}
		case api.FilterOpRange:
			n, ok := number(v)
			lo, errLo := strconv.ParseFloat(f.Min, 64)
			hi, errHi := strconv.ParseFloat(f.Max, 64)
			if !ok || errLo != nil || errHi != nil || n < lo || n > hi {
				return false
			}
		}
	}
	return true
}

// valueText is a record value as the filter language compares it.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// matchesSearch is `search`: a case-insensitive substring of any text value [ours].
func matchesSearch(rec api.Record, search string) bool {
	s := strings.ToLower(search)
	for _, v := range rec {
		if t, ok := v.(string); ok && strings.Contains(strings.ToLower(t), s) {
			return true
		}
	}
	return false
}

// recordOrder is the row numbers of rows ordered by sort keys, each a column's key or alias, nulls
// last (a stable sort); each row is made once.
func recordOrder(rows view[api.Record], keys []sortKey, columns []listColumn) []int32 {
	cols := make([]listColumn, len(keys))
	values := make([][]any, len(keys)) // values[k][row]
	for k, key := range keys {
		cols[k], _ = column(columns, key.field)
		values[k] = make([]any, rows.n)
	}
	for r := range rows.n {
		rec := rows.at(r)
		for k := range keys {
			values[k][r] = cols[k].valueOf(rec)
		}
	}
	return stableOrder(rows.n, func(a, b int32) int {
		for k, key := range keys {
			if c := compareRecordValues(values[k][a], values[k][b]); c != 0 {
				if key.desc && values[k][a] != nil && values[k][b] != nil { // nulls last either way, as the legacy lists sort
					return -c
				}
				return c
			}
		}
		return 0
	})
}

func compareRecordValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return cmp.Compare(x, y)
		}
	}
	return strings.Compare(strings.ToLower(valueText(a)), strings.ToLower(valueText(b)))
}
