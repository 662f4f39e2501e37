package partnertap

import (
	"context"
	"reflect"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// legacyRows are the row types the legacy paged tables hand to the SDK, by pointer (inBlocks).
var legacyRows = map[string]any{
	"partnertap_sale_account":              &saleAccountRow{},
	"partnertap_opportunity":               &api.SharedOpportunity{},
	"partnertap_opportunity_share_summary": &api.OppShareSummary{},
	"partnertap_rep_partnership_stat":      &api.RepConnections{},
	"partnertap_chat_exchange":             &api.ChatExchange{},
	"partnertap_rep_chat":                  &api.RepChat{},
}

// filled is a row of the type of row with every field set (set) or every pointer nil (!set).
func filled(row any, set bool) any {
	v := reflect.New(reflect.TypeOf(row).Elem())
	var fill func(reflect.Value, int)
	fill = func(s reflect.Value, seed int) {
		for i := range s.NumField() {
			f := s.Field(i)
			switch f.Kind() {
			case reflect.Struct:
				fill(f, seed+i*100)
			case reflect.Pointer:
				if set {
					f.Set(reflect.New(f.Type().Elem()))
					setScalar(f.Elem(), seed+i)
				}
			default:
				setScalar(f, seed+i)
			}
		}
	}
	fill(v.Elem(), 1)
	return v.Interface()
}

func setScalar(f reflect.Value, n int) {
	switch f.Kind() {
	case reflect.String:
		f.SetString("value " + string(rune('a'+n%26)))
	case reflect.Int64:
		f.SetInt(int64(n) * 1_000_003)
	case reflect.Float64:
		f.SetFloat(float64(n) + 0.25)
	case reflect.Bool:
		f.SetBool(n%2 == 1)
	}
}

// TestEveryLegacyColumnIsReadByItsOffset: every column of a legacy paged table that reads a field
// of its row reads it without reflect, and gets what reflect gets, set or null.
func TestEveryLegacyColumnIsReadByItsOffset(t *testing.T) {
	tables := Plugin(context.Background()).TableMap
	for name, empty := range legacyRows {
		table := tables[name]
		if table == nil {
			t.Fatalf("no table %s", name)
		}
		read := 0
		for _, c := range table.Columns {
			index, err := fieldIndex(reflect.TypeOf(empty).Elem(), goFieldName(c.Name))
			if err != nil {
				continue // a column that is no field of the row: title, a filter-only column
			}
			reader := newFieldReader(reflect.TypeOf(empty), index)
			if reader == nil {
				t.Errorf("%s.%s is read through reflect", name, c.Name)
				continue
			}
			read++
			for _, row := range []any{filled(empty, true), filled(empty, false)} {
				got, want := reader.value(row), valueAt(reflect.ValueOf(row).Elem(), index)
				if got != want {
					t.Errorf("%s.%s: %#v, reflect reads %#v", name, c.Name, got, want)
				}
			}
		}
		if read < 5 {
			t.Errorf("%s: %d columns read by offset", name, read)
		}
	}
}

// TestAFieldReaderNeedsAPointerRowAndAKnownType: rows held by value, fields behind an embedded
// pointer and named types are left to reflect.
func TestAFieldReaderNeedsAPointerRowAndAKnownType(t *testing.T) {
	type named string
	type inner struct{ City string }
	type row struct {
		*inner
		Kind named
		Name string
	}
	typ := reflect.TypeFor[*row]()
	for _, c := range []struct {
		item  reflect.Type
		field string
	}{{typ.Elem(), "Name"}, {typ, "City"}, {typ, "Kind"}} {
		f, _ := typ.Elem().FieldByName(c.field)
		if newFieldReader(c.item, f.Index) != nil {
			t.Errorf("%s.%s has a reader", c.item, c.field)
		}
	}
	f, _ := typ.Elem().FieldByName("Name")
	if r := newFieldReader(typ, f.Index); r == nil || r.value(&row{Name: "x"}) != "x" || r.value((*row)(nil)) != nil {
		t.Error("no reader for a string field of a pointer row, or a wrong value")
	}
}
