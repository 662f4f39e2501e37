package partnertap

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// equalsString is the value of a `column = 'value'` qual. A list (an IN the SDK did not split
// into one call per value) is not pushed down: SQL filters the superset.
func equalsString(d *plugin.QueryData, column string) (string, bool) {
	q, ok := d.EqualsQuals[column]
	if !ok || q == nil {
		return "", false
	}
	v, ok := q.Value.(*proto.QualValue_StringValue)
	if !ok {
		return "", false
	}
	return v.StringValue, true
}

// equalsValues is the values of a `column = 'value'` qual: one, or every value of an IN list the
// SDK passed unsplit (it calls the list once per value only when exactly one qual is a list).
// nil when the qual is absent. For a column that picks what the API reads (interval, search), the
// list must be read value by value: taking the default instead left Postgres no row to keep.
func equalsValues(d *plugin.QueryData, column string) []string {
	q, ok := d.EqualsQuals[column]
	if !ok || q == nil {
		return nil
	}
	switch v := q.Value.(type) {
	case *proto.QualValue_StringValue:
		return []string{v.StringValue}
	case *proto.QualValue_ListValue:
		var out []string
		for _, item := range v.ListValue.Values {
			// once each: `in ('DAY', 'DAY')` read DAY twice, and Postgres kept both copies
			if s, ok := item.Value.(*proto.QualValue_StringValue); ok && !slices.Contains(out, s.StringValue) {
				out = append(out, s.StringValue)
			}
		}
		return out
	}
	return nil
}

// equalsOneOf is equalsValues for a column whose values are an API enumeration, or def when the
// qual is absent; a value outside the enumeration is an error that lists the valid ones (one rule
// on every table: the API would refuse it, and a query that silently matched nothing would hide
// a typo).
func equalsOneOf(d *plugin.QueryData, column string, valid []string, def ...string) ([]string, error) {
	values := equalsValues(d, column)
	for _, v := range values {
		if !slices.Contains(valid, v) {
			return nil, fmt.Errorf("%s: %s must be one of %s, got %q", d.Table.Name, column, strings.Join(valid, ", "), v)
		}
	}
	if values == nil {
		return def, nil
	}
	return values, nil
}

// searchTerms is the `search` values to read one by one: [nil] (no search) when there is none.
// An empty search is a value, not the absence of one: it matches every row (the API reads it as
// no search) and each row echoes it, so that Postgres keeps them.
func searchTerms(d *plugin.QueryData) []*string {
	terms := equalsValues(d, "search")
	if terms == nil {
		return []*string{nil}
	}
	out := make([]*string, len(terms))
	for i := range terms {
		out[i] = &terms[i]
	}
	return out
}

// searchText is what the API gets for a search term: "" for none.
func searchText(term *string) string {
	if term == nil {
		return ""
	}
	return *term
}

// searchEcho is the `search` column's value for rows read by a term: null for none.
func searchEcho(term *string) any {
	if term == nil {
		return nil
	}
	return *term
}

// equalsBool is the value of a `column = true|false` qual, as equalsString.
func equalsBool(d *plugin.QueryData, column string) (value bool, ok bool) {
	q, found := d.EqualsQuals[column]
	if !found || q == nil {
		return false, false
	}
	v, ok := q.Value.(*proto.QualValue_BoolValue)
	if !ok {
		return false, false
	}
	return v.BoolValue, true
}

// setEquals copies `column = 'value'` quals into API query parameters.
// It returns false when one of them is empty: the API reads an empty parameter as no filter, and
// no partner org, division or rep has an empty name, so the scan has no rows and must not read
// them all.
func setEquals(d *plugin.QueryData, query url.Values, columnToParam map[string]string) bool {
	for column, param := range columnToParam {
		if v, ok := equalsString(d, column); ok {
			if v == "" {
				return false
			}
			query.Set(param, v)
		}
	}
	return true
}

// timeRange is the tightest inclusive range the quals on a timestamp column imply. `>` and `<`
// become inclusive bounds: the API returns a superset and SQL drops the boundary rows.
func timeRange(d *plugin.QueryData, column string) (from, to *time.Time) {
	quals, ok := d.Quals[column]
	if !ok {
		return nil, nil
	}
	for _, q := range quals.Quals {
		ts := q.Value.GetTimestampValue()
		if ts == nil {
			continue
		}
		t := ts.AsTime()
		switch q.Operator {
		case "=":
			from, to = later(from, t), earlier(to, t)
		case ">=", ">":
			from = later(from, t)
		case "<=", "<":
			to = earlier(to, t)
		}
	}
	return from, to
}

func later(current *time.Time, t time.Time) *time.Time {
	if current == nil || t.After(*current) {
		return &t
	}
	return current
}

func earlier(current *time.Time, t time.Time) *time.Time {
	if current == nil || t.Before(*current) {
		return &t
	}
	return current
}
