package partnertap

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/iancoleman/strcase"
	"github.com/turbot/go-kit/helpers"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// fromGo is the plugin's DefaultTransform: like the SDK's transform.FromGo (column rep_id reads
// the field RepID), but with each field's index cached per row type. The SDK's field lookup
// compiled a regular expression for every column of every row, which made a 10,000-row scan take
// seconds. Patch 0006 of third_party/steampipe-plugin-sdk compiles it once, but the lookup still
// goes through go-reflector's FieldByName for every column of every row: a 100k-row scan took
// twice the CPU with the SDK's transforms (see docs/performance.md); this one costs a map lookup.
func fromGo() *transform.ColumnTransforms { return transform.From(goFieldValue) }

// fromField reads a named field, like transform.FromField, through the same cache.
func fromField(name string) *transform.ColumnTransforms {
	return transform.FromP(namedFieldValue, name)
}

type fieldKey struct {
	rowType reflect.Type
	field   string
}

// fieldIndexes caches reflect field index paths by row type and field name.
var fieldIndexes sync.Map

func goFieldValue(_ context.Context, d *transform.TransformData) (any, error) {
	return fieldValue(d.HydrateItem, goFieldName(d.ColumnName))
}

func namedFieldValue(_ context.Context, d *transform.TransformData) (any, error) {
	return fieldValue(d.HydrateItem, d.Param.(string))
}

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
	v := reflect.ValueOf(item)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	key := fieldKey{v.Type(), field}
	cached, ok := fieldIndexes.Load(key)
	if !ok {
		f, found := v.Type().FieldByName(field)
		if !found {
			return nil, fmt.Errorf("row type %s has no field %s", v.Type(), field)
		}
		cached, _ = fieldIndexes.LoadOrStore(key, f.Index)
	}
	fv := v.FieldByIndex(cached.([]int))
	if fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return nil, nil
		}
		fv = fv.Elem()
	}
	return fv.Interface(), nil
}
