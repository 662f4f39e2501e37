package partnertap

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	sdkquals "github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// v1Filters turns the query's quals on fields and on the table's dynamic columns (an org's own
// fields) into the v1 `filters` object. Every filter it sends keeps at least the rows SQL wants
// (the API may return more, which Postgres then drops); a qual it cannot express that way, e.g. a
// value holding a delimiter, is not sent.
func v1Filters(d *plugin.QueryData, fields []api.Field) map[string]string {
	filters := map[string]string{}
	addFilter := func(column string, f api.Field) {
		if kq, ok := d.Quals[column]; ok {
			if s, ok := keyFilter(kq.Quals, f.Kind()); ok {
				filters[f.Key] = s
			}
		}
	}
	for _, f := range fields {
		addFilter(columnName(f.Key), f)
	}
	for _, c := range dynamicColumnsOf(d.Table) {
		if !c.shared {
			addFilter(c.name, c.field)
		}
	}
	return filters
}

// keyFilter is the filter, encoded, for a column's quals, if one can keep every row they keep.
func keyFilter(quals []*sdkquals.Qual, kind string) (string, bool) {
	var filter *api.Filter
	if kind == api.TypeNumber || kind == api.TypeCurrency || kind == api.TypeDate {
		filter = rangeFilter(quals, kind)
	} else {
		for _, q := range quals {
			if filter = qualFilter(q, kind); filter != nil {
				break // one filter per key: any one of them is a superset of the conjunction
			}
		}
	}
	if filter == nil {
		return "", false
	}
	return filter.Encode()
}

// qualFilter is the filter for one qual on a string or boolean column, or nil.
func qualFilter(q *sdkquals.Qual, typ string) *api.Filter {
	values := qualTexts(q.Value, typ)
	if values == nil {
		return nil
	}
	switch q.Operator {
	case sdkquals.QualOperatorEqual:
		return &api.Filter{Op: api.FilterOpEqualsAny, Values: values}
	case sdkquals.QualOperatorNotEqual:
		if len(values) == 1 { // `<> all` of a list is not a single qual value here
			return &api.Filter{Op: api.FilterOpNotEqual, Values: values}
		}
	case sdkquals.QualOperatorLike, sdkquals.QualOperatorILike:
		// Every literal run of the pattern must appear, in any case: a superset of (i)like.
		if terms := likeLiterals(values[0]); len(terms) > 0 && len(values) == 1 {
			return &api.Filter{Op: api.FilterOpContainsAll, Values: terms}
		}
	case sdkquals.QualOperatorNotILike:
		// Exactly `not ilike '%x%'` is "contains none of x"; any other pattern is not.
		if term, ok := containsPattern(values[0]); ok && len(values) == 1 {
			return &api.Filter{Op: api.FilterOpContainsNone, Values: []string{term}}
		}
	}
	return nil
}

// qualTexts is a qual's value(s) as the filter language writes them; nil when it has none.
func qualTexts(v *proto.QualValue, typ string) []string {
	switch x := v.GetValue().(type) {
	case *proto.QualValue_StringValue:
		if typ == api.TypeString {
			return []string{x.StringValue}
		}
	case *proto.QualValue_BoolValue:
		if typ == api.TypeBoolean {
			return []string{strconv.FormatBool(x.BoolValue)}
		}
	case *proto.QualValue_ListValue:
		var out []string
		for _, item := range x.ListValue.Values {
			texts := qualTexts(item, typ)
			if len(texts) != 1 {
				return nil
			}
			out = append(out, texts[0])
		}
		return out
	}
	return nil
}

// likeLiterals is the literal runs of a LIKE pattern; nil when it uses an escape.
func likeLiterals(pattern string) []string {
	if strings.Contains(pattern, `\`) {
		return nil
	}
	var terms []string
	for _, part := range strings.FieldsFunc(pattern, func(r rune) bool { return r == '%' || r == '_' }) {
		terms = append(terms, part)
	}
	return terms
}

// containsPattern recognizes '%x%' with no other wildcard in x.
func containsPattern(pattern string) (string, bool) {
	if len(pattern) < 3 || !strings.HasPrefix(pattern, "%") || !strings.HasSuffix(pattern, "%") {
		return "", false
	}
	inner := pattern[1 : len(pattern)-1]
	if strings.ContainsAny(inner, `%_\`) {
		return "", false
	}
	return inner, true
}

// rangeFilter is the tightest inclusive range the quals imply, its open sides the widest values of
// the type; `>` and `<` become inclusive, a superset. nil when no qual gives a bound.
func rangeFilter(qs sdkquals.QualSlice, typ string) *api.Filter {
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, q := range qs {
		v, ok := qualNumber(q.Value, typ)
		if !ok {
			continue
		}
		switch q.Operator {
		case sdkquals.QualOperatorEqual:
			lo, hi = math.Max(lo, math.Floor(v)), math.Min(hi, math.Ceil(v))
			if typ != api.TypeDate {
				lo, hi = math.Max(lo, v), math.Min(hi, v)
			}
		case sdkquals.QualOperatorGreater, sdkquals.QualOperatorGreaterOrEqual:
			lo = math.Max(lo, floorIfDate(v, typ))
		case sdkquals.QualOperatorLess, sdkquals.QualOperatorLessOrEqual:
			hi = math.Min(hi, ceilIfDate(v, typ))
		}
	}
	if math.IsInf(lo, -1) && math.IsInf(hi, 1) {
		return nil
	}
	minText, maxText := api.FilterRangeNumberMin, api.FilterRangeNumberMax
	if typ == api.TypeDate {
		minText, maxText = api.FilterRangeDateMin, api.FilterRangeDateMax
	}
	if !math.IsInf(lo, -1) {
		minText = strconv.FormatFloat(lo, 'f', -1, 64)
	}
	if !math.IsInf(hi, 1) {
		maxText = strconv.FormatFloat(hi, 'f', -1, 64)
	}
	return &api.Filter{Op: api.FilterOpRange, Min: minText, Max: maxText}
}

// qualNumber is a numeric or timestamp qual as a number (epoch seconds for dates).
func qualNumber(v *proto.QualValue, typ string) (float64, bool) {
	switch x := v.GetValue().(type) {
	case *proto.QualValue_Int64Value:
		return float64(x.Int64Value), typ != api.TypeDate
	case *proto.QualValue_DoubleValue:
		return x.DoubleValue, typ != api.TypeDate
	case *proto.QualValue_TimestampValue:
		t := x.TimestampValue.AsTime()
		// Not UnixNano, which overflows before 1678 and after 2262: '9999-12-31' matched nothing.
		return float64(t.Unix()) + float64(t.Nanosecond())/float64(time.Second), typ == api.TypeDate
	}
	return 0, false
}

// Dates in records are whole seconds: widen sub-second bounds outwards.
func floorIfDate(v float64, typ string) float64 {
	if typ == api.TypeDate {
		return math.Floor(v)
	}
	return v
}

func ceilIfDate(v float64, typ string) float64 {
	if typ == api.TypeDate {
		return math.Ceil(v)
	}
	return v
}
