package partnertap

import (
	"cmp"
	"math"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	sdkquals "github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Under a SQL LIMIT, the FDW passes the limit down because every qual is on a key column, and the
// SDK ends the scan once LIMIT rows are streamed. The API gets some quals widened (`>` as an
// inclusive range, dates rounded outwards, `<>` keeping nulls, LIKE as "contains all its literal
// runs") or not at all (a value holding a delimiter): its extra rows would count towards the limit
// and Postgres, filtering them out, would return fewer rows than asked for. So under a limit every
// row is first checked against every qual as Postgres checks it, and only rows it keeps are
// streamed. Without a limit the superset is streamed as is: Postgres filters it.

// v1RowCheck is the check of a v1 record (api.Row's values, by position in fields, and other
// keys) against the scan's quals on fields and on the table's dynamic columns, or nil when the
// scan has no limit or no qual on them.
func v1RowCheck(d *plugin.QueryData, fields []api.Field) func(values []any, other map[string]any) bool {
	if d.QueryContext.Limit == nil {
		return nil
	}
	var checks []func([]any, map[string]any) bool
	for i, f := range fields {
		if kq, ok := d.Quals[columnName(f.Key)]; ok {
			checks = append(checks, func(values []any, _ map[string]any) bool { return qualsHold(kq.Quals, values[i]) })
		}
	}
	for _, c := range dynamicColumnsOf(d.Table) {
		if kq, ok := d.Quals[c.name]; ok {
			checks = append(checks, func(_ []any, other map[string]any) bool { return qualsHold(kq.Quals, c.value(other)) })
		}
	}
	if len(checks) == 0 {
		return nil
	}
	return func(values []any, other map[string]any) bool {
		for _, check := range checks {
			if !check(values, other) {
				return false
			}
		}
		return true
	}
}

// listQualCheck is, under a limit, the check of a legacy row against the IN lists the SDK passed
// unsplit (two lists in one query), which the legacy API cannot take and so reads unfiltered; nil
// when there is none. A row's column value is its Go field, as the default transform reads it.
func listQualCheck(d *plugin.QueryData) func(row any) bool {
	if d.QueryContext.Limit == nil {
		return nil
	}
	var lists []*sdkquals.Qual
	for _, kq := range d.Quals {
		for _, q := range kq.Quals {
			if _, ok := q.Value.GetValue().(*proto.QualValue_ListValue); ok && q.Operator == sdkquals.QualOperatorEqual {
				lists = append(lists, q)
			}
		}
	}
	if len(lists) == 0 {
		return nil
	}
	return func(row any) bool {
		for _, q := range lists {
			value, err := fieldValue(row, goFieldName(q.Column))
			if err == nil && !qualHolds(q, value) {
				return false
			}
		}
		return true
	}
}

// columnQualsHold is whether a column's value passes every qual the scan has on that column.
func columnQualsHold(d *plugin.QueryData, column string, value any) bool {
	kq, ok := d.Quals[column]
	return !ok || qualsHold(kq.Quals, value)
}

// qualsHold is whether a value passes every one of quals.
func qualsHold(quals sdkquals.QualSlice, value any) bool {
	for _, q := range quals {
		if !qualHolds(q, value) {
			return false
		}
	}
	return true
}

// qualHolds is whether a column value passes a qual, as Postgres decides: a null passes no
// comparison; a qual this does not know how to check is taken to hold (the row is kept, as
// without a limit).
func qualHolds(q *sdkquals.Qual, value any) bool {
	if list, ok := q.Value.GetValue().(*proto.QualValue_ListValue); ok {
		if q.Operator != sdkquals.QualOperatorEqual {
			return true
		}
		for _, item := range list.ListValue.Values { // = any
			if compareQual(q.Operator, value, item) {
				return true
			}
		}
		return false
	}
	return compareQual(q.Operator, value, q.Value)
}

func compareQual(op string, value any, qv *proto.QualValue) bool {
	if value == nil {
		return false
	}
	switch v := value.(type) {
	case string:
		s, ok := qv.GetValue().(*proto.QualValue_StringValue)
		if !ok {
			return true
		}
		switch op {
		case sdkquals.QualOperatorLike:
			return likeMatch(s.StringValue, v, false)
		case sdkquals.QualOperatorILike:
			return likeMatch(s.StringValue, v, true)
		case sdkquals.QualOperatorNotILike:
			return !likeMatch(s.StringValue, v, true)
		}
		return ordered(op, strings.Compare(v, s.StringValue)) // bytes, as the C collation orders
	case bool:
		b, ok := qv.GetValue().(*proto.QualValue_BoolValue)
		if !ok {
			return true
		}
		return ordered(op, cmp.Compare(boolOrder(v), boolOrder(b.BoolValue)))
	case float64:
		var n float64
		switch x := qv.GetValue().(type) {
		case *proto.QualValue_Int64Value:
			n = float64(x.Int64Value)
		case *proto.QualValue_DoubleValue:
			n = x.DoubleValue
		default:
			return true
		}
		return ordered(op, compareFloat(v, n))
	case time.Time:
		ts, ok := qv.GetValue().(*proto.QualValue_TimestampValue)
		if !ok {
			return true
		}
		return ordered(op, v.Compare(ts.TimestampValue.AsTime()))
	}
	return true
}

// compareFloat orders doubles as Postgres does: NaN equals NaN and is greater than any number.
func compareFloat(a, b float64) int {
	switch aNaN, bNaN := math.IsNaN(a), math.IsNaN(b); {
	case aNaN && bNaN:
		return 0
	case aNaN:
		return 1
	case bNaN:
		return -1
	}
	return cmp.Compare(a, b)
}

// boolOrder places false before true, as Postgres orders booleans.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ordered is whether a comparison's result c (-1, 0, 1) satisfies op.
func ordered(op string, c int) bool {
	switch op {
	case sdkquals.QualOperatorEqual:
		return c == 0
	case sdkquals.QualOperatorNotEqual:
		return c != 0
	case sdkquals.QualOperatorLess:
		return c < 0
	case sdkquals.QualOperatorLessOrEqual:
		return c <= 0
	case sdkquals.QualOperatorGreater:
		return c > 0
	case sdkquals.QualOperatorGreaterOrEqual:
		return c >= 0
	}
	return true
}

// likeToken is one element of a LIKE pattern: a literal rune, _ (any one rune) or % (any run).
type likeToken struct {
	r   rune
	any int // 0 literal, 1 for _, 2 for %
}

// likeMatch is Postgres's `s LIKE pattern` (ILIKE when fold): % and _ wildcards, backslash escapes.
// ILIKE folds ASCII letters only, as Steampipe's database does (its collation is C). A pattern
// ending in a lone backslash, which Postgres refuses, is taken to match.
func likeMatch(pattern, s string, fold bool) bool {
	var tokens []likeToken
	runes := []rune(pattern)
	for i := 0; i < len(runes); i++ {
		switch r := runes[i]; r {
		case '%':
			tokens = append(tokens, likeToken{any: 2})
		case '_':
			tokens = append(tokens, likeToken{any: 1})
		case '\\':
			if i+1 == len(runes) {
				return true
			}
			i++
			tokens = append(tokens, likeToken{r: runes[i]})
		default:
			tokens = append(tokens, likeToken{r: r})
		}
	}
	text := []rune(s)
	same := func(a, b rune) bool {
		if fold {
			a, b = foldASCII(a), foldASCII(b)
		}
		return a == b
	}
	// Wildcard matching with backtracking to the last %: linear in practice, quadratic at worst.
	ti, pi, star, mark := 0, 0, -1, 0
	for ti < len(text) {
		switch {
		case pi < len(tokens) && tokens[pi].any == 2:
			star, mark = pi, ti
			pi++
		case pi < len(tokens) && (tokens[pi].any == 1 || same(tokens[pi].r, text[ti])):
			pi++
			ti++
		case star >= 0:
			pi, mark = star+1, mark+1
			ti = mark
		default:
			return false
		}
	}
	for pi < len(tokens) && tokens[pi].any == 2 {
		pi++
	}
	return pi == len(tokens)
}

func foldASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}
