package sdkpatch

import (
	"context"
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

// An IN list on a key column makes the SDK call the list once per value (doListForQualValues).
// Each call must keep the column's other quals, and a value listed twice must be read once:
// unpatched, `n in (7, 2) and n < 5` gave the call for 7 the qual n = 7 alone, and it returned
// row 7 (which SQL drops; under a LIMIT it used up the limit), and `n in (3, 3)` returned row 3
// twice, rows Postgres does not deduplicate.
func TestInListCallsKeepTheColumnsQualsAndReadEachValueOnce(t *testing.T) {
	srv := serveTables(t, map[string]*plugin.Table{"filtered_numbers": filteredNumbers(10)})
	for _, c := range []struct {
		name  string
		quals []*proto.Qual
		want  []int64
	}{
		{"n in (7, 2) and n < 5", []*proto.Qual{inList(7, 2), numberQual("<", 5)}, []int64{2}},
		{"n in (3, 3)", []*proto.Qual{inList(3, 3)}, []int64{3}},
		{"n in (4, 1, 4) and n > 0", []*proto.Qual{inList(4, 1, 4), numberQual(">", 0)}, []int64{1, 4}},
	} {
		rows, err := scanWhere(srv, "filtered_numbers", []string{"n"}, map[string]*proto.Quals{"n": {Quals: c.quals}}, false, consumer{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		slices.Sort(rows)
		if !slices.Equal(rows, c.want) {
			t.Errorf("%s: rows %v, want %v", c.name, rows, c.want)
		}
	}
}

// filteredNumbers is a table of n = 0 .. count-1 whose list returns only the rows that pass
// every qual it is given on n, as a plugin pushing its quals down to an API does.
func filteredNumbers(count int) *plugin.Table {
	return &plugin.Table{
		Name: "filtered_numbers",
		List: &plugin.ListConfig{
			KeyColumns: plugin.KeyColumnSlice{{Name: "n", Require: plugin.Optional, Operators: []string{"=", "<", ">"}}},
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				for n := range int64(count) {
					if passes(d.Quals["n"], n) {
						d.StreamListItem(ctx, numberRow{N: n})
					}
				}
				return nil, nil
			},
		},
		Columns: []*plugin.Column{{Name: "n", Type: proto.ColumnType_INT}},
	}
}

func passes(kq *plugin.KeyColumnQuals, n int64) bool {
	if kq == nil {
		return true
	}
	for _, q := range kq.Quals {
		if !holds(q, n) {
			return false
		}
	}
	return true
}

func holds(q *quals.Qual, n int64) bool {
	if list := q.Value.GetListValue(); list != nil {
		return slices.ContainsFunc(list.Values, func(v *proto.QualValue) bool { return v.GetInt64Value() == n })
	}
	v := q.Value.GetInt64Value()
	switch q.Operator {
	case "<":
		return n < v
	case ">":
		return n > v
	}
	return n == v
}

func inList(values ...int64) *proto.Qual {
	list := &proto.QualValueList{}
	for _, v := range values {
		list.Values = append(list.Values, &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: v}})
	}
	return &proto.Qual{FieldName: "n", Operator: &proto.Qual_StringValue{StringValue: "="},
		Value: &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: list}}}
}

func numberQual(op string, v int64) *proto.Qual {
	return &proto.Qual{FieldName: "n", Operator: &proto.Qual_StringValue{StringValue: op},
		Value: &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: v}}}
}
