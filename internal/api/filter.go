package api

import (
	"slices"
	"strings"
)

// The v1 filter language [doc]: `filters` maps a column key to one string; inside it `-,-`
// separates values and a suffix (or, for ranges, an infix) picks the operation.
const (
	FilterValueSep       = "-,-"
	FilterNotEqualSuffix = "-!-"
	FilterContainsSuffix = "-?-"
	FilterExcludesSuffix = "-^-"
	FilterRangeSeparator = "<->"
	FilterOpEqualsAny    = "equals_any"
	FilterOpNotEqual     = "not_equal"
	FilterOpContainsAll  = "contains_all"
	FilterOpContainsNone = "contains_none"
	FilterOpRange        = "range"
	FilterRangeDateMin   = "0"                 // the open side of a one-sided date range [ours]
	FilterRangeDateMax   = "253402300799"      // 9999-12-31T23:59:59Z [ours]
	FilterRangeNumberMin = "-1000000000000000" // -1e15 [ours]
	FilterRangeNumberMax = "1000000000000000"  // 1e15 [ours]
)

// filterDelimiters may not appear in a value: the language has no escape [ours].
var filterDelimiters = []string{FilterValueSep, FilterNotEqualSuffix, FilterContainsSuffix, FilterExcludesSuffix, FilterRangeSeparator}

// Filter is one decoded filter value.
type Filter struct {
	Op       string
	Values   []string // for every operation but range
	Min, Max string   // for range
}

// Encode writes a filter in the language. ok is false when it cannot be written faithfully: a
// value holds a delimiter, is empty, begins or ends with "-", or the text would decode to
// something else. Such a filter must not be sent [ours].
func (f Filter) Encode() (string, bool) {
	var s string
	switch f.Op {
	case FilterOpRange:
		s = f.Min + FilterRangeSeparator + f.Max
	case FilterOpEqualsAny, FilterOpNotEqual, FilterOpContainsAll, FilterOpContainsNone:
		if len(f.Values) == 0 {
			return "", false
		}
		s = strings.Join(f.Values, FilterValueSep) + map[string]string{
			FilterOpNotEqual: FilterNotEqualSuffix, FilterOpContainsAll: FilterContainsSuffix, FilterOpContainsNone: FilterExcludesSuffix,
		}[f.Op]
	default:
		return "", false
	}
	for _, v := range append(slices.Clone(f.Values), f.Min, f.Max) {
		if hasDelimiter(v) {
			return "", false
		}
	}
	// A list value that begins or ends with "-" touches a separator or suffix: a parser other than
	// ours could cut it elsewhere, so it is not sent either [ours].
	for _, v := range f.Values {
		if strings.HasPrefix(v, "-") || strings.HasSuffix(v, "-") {
			return "", false
		}
	}
	if slices.Contains(f.Values, "") || !ParseFilter(s).equal(f) {
		return "", false
	}
	return s, true
}

func hasDelimiter(v string) bool {
	for _, d := range filterDelimiters {
		if strings.Contains(v, d) {
			return true
		}
	}
	return false
}

// ParseFilter reads a filter as the service does [doc]: a range if it holds `<->`, else the
// operation its suffix names, equals-any without one.
func ParseFilter(s string) Filter {
	if min, max, ok := strings.Cut(s, FilterRangeSeparator); ok {
		return Filter{Op: FilterOpRange, Min: min, Max: max}
	}
	op := FilterOpEqualsAny
	for suffix, o := range map[string]string{FilterNotEqualSuffix: FilterOpNotEqual, FilterContainsSuffix: FilterOpContainsAll, FilterExcludesSuffix: FilterOpContainsNone} {
		if strings.HasSuffix(s, suffix) {
			op, s = o, strings.TrimSuffix(s, suffix)
			break
		}
	}
	return Filter{Op: op, Values: strings.Split(s, FilterValueSep)}
}

func (f Filter) equal(g Filter) bool {
	return f.Op == g.Op && f.Min == g.Min && f.Max == g.Max && slices.Equal(f.Values, g.Values)
}
