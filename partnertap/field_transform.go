package partnertap

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/iancoleman/strcase"
	"github.com/turbot/go-kit/helpers"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// fromGo reads the field named after the column, like the SDK's transform.FromGo (column rep_id
// reads the field RepID), but resolves the field once. The SDK's field lookup compiled a regular
// expression for every column of every row, which made a 10,000-row scan take seconds. Patch 0006
// of third_party/steampipe-plugin-sdk compiles it once, but the lookup still goes through
// go-reflector's FieldByName for every column of every row: a 100k-row scan took twice the CPU
// with the SDK's transforms (see docs/performance.md). Each call makes a transform with its own
// slot (readField): give every column its own (withFieldTransforms), and a row costs no lookup.
func fromGo() *transform.ColumnTransforms { return readField(goFieldName) }

// fromField reads a named field, like transform.FromField, the way fromGo reads its column's.
func fromField(name string) *transform.ColumnTransforms {
	return readField(func(string) string { return name })
}

// readField is a transform that reads the field fieldOf names for the column, with a slot that
// remembers the row type, column and field it last resolved. A row held by pointer is read at the
// field's offset (fieldReader), any other through reflect.
func readField(fieldOf func(column string) string) *transform.ColumnTransforms {
	var slot atomic.Pointer[resolvedField]
	return transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
		itemType := reflect.TypeOf(d.HydrateItem)
		f := slot.Load()
		if f == nil || f.itemType != itemType || f.column != d.ColumnName {
			v, ok := derefRow(d.HydrateItem)
			if !ok {
				return nil, nil
			}
			index, err := fieldIndex(v.Type(), fieldOf(d.ColumnName))
			if err != nil {
				return nil, err
			}
			f = &resolvedField{itemType: itemType, column: d.ColumnName, index: index, reader: newFieldReader(itemType, index)}
			slot.Store(f)
		}
		if f.reader != nil {
			return f.reader.value(d.HydrateItem), nil
		}
		v, ok := derefRow(d.HydrateItem)
		if !ok {
			return nil, nil
		}
		return valueAt(v, f.index), nil
	})
}

// resolvedField is a column's field in rows of one dynamic type.
type resolvedField struct {
	itemType reflect.Type
	column   string
	index    []int
	reader   *fieldReader // nil: read through reflect
}

// withFieldTransforms gives every column that would fall back to the plugin's DefaultTransform (no
// transform of its own, none from its table) a fromGo of its own: the DefaultTransform is one for
// all columns, and its slot would hold one column at a time.
func withFieldTransforms(tables map[string]*plugin.Table) map[string]*plugin.Table {
	for _, t := range tables {
		if t.DefaultTransform != nil {
			continue // the SDK applies the table's own default before the plugin's
		}
		for _, c := range t.Columns {
			if c.Transform == nil {
				c.Transform = fromGo()
			}
		}
	}
	return tables
}

type fieldKey struct {
	rowType reflect.Type
	field   string
}

// fieldIndexes caches reflect field index paths by row type and field name.
var fieldIndexes sync.Map

// goFieldNames caches the Go name of each column, e.g. crm_account_id → CrmAccountID.
var goFieldNames sync.Map

func goFieldName(column string) string {
	if name, ok := goFieldNames.Load(column); ok {
		return name.(string)
	}
	name := helpers.LintName(strcase.ToCamel(column))
	goFieldNames.Store(column, name)
	return name
}

// fieldValue is item's field (promoted fields included), with a nil pointer as null and any
// other pointer dereferenced.
func fieldValue(item any, field string) (any, error) {
	v, ok := derefRow(item)
	if !ok {
		return nil, nil
	}
	index, err := fieldIndex(v.Type(), field)
	if err != nil {
		return nil, err
	}
	return valueAt(v, index), nil
}

// derefRow is the struct a row points to; false for a nil pointer.
func derefRow(item any) (reflect.Value, bool) {
	v := reflect.ValueOf(item)
	if !v.IsValid() {
		return v, false // no row at all
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, true
}

// fieldIndex is the index path of a row type's field, cached.
func fieldIndex(t reflect.Type, field string) ([]int, error) {
	key := fieldKey{t, field}
	if cached, ok := fieldIndexes.Load(key); ok {
		return cached.([]int), nil
	}
	f, found := t.FieldByName(field)
	if !found {
		return nil, fmt.Errorf("row type %s has no field %s", t, field)
	}
	fieldIndexes.Store(key, f.Index)
	return f.Index, nil
}

// valueAt is the field at index of v, with a nil pointer as null and any other one dereferenced.
func valueAt(v reflect.Value, index []int) any {
	fv := v.FieldByIndex(index)
	if fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return nil
		}
		fv = fv.Elem()
	}
	return fv.Interface()
}
