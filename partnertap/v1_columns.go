package partnertap

import (
	"context"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	sdkquals "github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// columnName is a v1 field key as a column name: camelCase becomes snake_case.
func columnName(key string) string {
	var b strings.Builder
	for i, r := range key {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

var v1ColumnTypes = map[string]proto.ColumnType{
	api.TypeString: proto.ColumnType_STRING, api.TypeNumber: proto.ColumnType_DOUBLE,
	api.TypeCurrency: proto.ColumnType_DOUBLE, api.TypeDate: proto.ColumnType_TIMESTAMP, api.TypeBoolean: proto.ColumnType_BOOL,
}

// v1Columns is a column per standard field, read from the row by its position.
func v1Columns(fields []api.Field) []*plugin.Column {
	cols := make([]*plugin.Column, 0, len(fields))
	for i, f := range fields {
		cols = append(cols, &plugin.Column{
			Name:        columnName(f.Key),
			Type:        v1ColumnTypes[f.Kind()],
			Description: describe(f),
			Transform:   transform.FromP(v1FieldValue, i),
		})
	}
	return cols
}

// v1KeyColumns makes every standard field a key column.
func v1KeyColumns(fields []api.Field) plugin.KeyColumnSlice {
	var keys plugin.KeyColumnSlice
	for _, f := range fields {
		keys = append(keys, v1KeyColumn(columnName(f.Key), f))
	}
	return keys
}

// v1KeyColumn is column name as a key column of field f, with the operators f's type can push down.
func v1KeyColumn(name string, f api.Field) *plugin.KeyColumn {
	return &plugin.KeyColumn{Name: name, Require: plugin.Optional, Operators: v1Operators[f.Kind()]}
}

// Operators each v1 column type accepts as a key column. Only what can be pushed down without
// losing a row is declared: `not like` (case-sensitive) cannot become the case-insensitive
// "contains none", so it is left to Postgres.
var v1Operators = map[string][]string{
	api.TypeString:   {sdkquals.QualOperatorEqual, sdkquals.QualOperatorNotEqual, sdkquals.QualOperatorLike, sdkquals.QualOperatorILike, sdkquals.QualOperatorNotILike},
	api.TypeBoolean:  {sdkquals.QualOperatorEqual, sdkquals.QualOperatorNotEqual},
	api.TypeNumber:   rangeOperators,
	api.TypeCurrency: rangeOperators,
	api.TypeDate:     rangeOperators,
}

var rangeOperators = []string{sdkquals.QualOperatorEqual, sdkquals.QualOperatorLess, sdkquals.QualOperatorLessOrEqual, sdkquals.QualOperatorGreater, sdkquals.QualOperatorGreaterOrEqual}

// describe is a field's column description: its title in the guides and, for money and dates,
// how the value is read.
func describe(f api.Field) string {
	desc := f.Title + "."
	switch f.Kind() {
	case api.TypeCurrency:
		desc += " Money; an empty value is null."
	case api.TypeDate:
		desc += " From epoch seconds."
	}
	return desc
}

// v1Row is a decoded v1 record (api.Row's values and other keys) and what the query used to read
// it, echoed into filter-only columns.
type v1Row struct {
	values        []any
	other         map[string]any
	echo          *v1Echo // shared by the rows of one read
	eventTypeCode any
}

// v1Echo is what one read sent for the filter-only columns: its search and matching type.
type v1Echo struct {
	search, matchingType any
}

// newV1Row is the row of a decoded record read with echo.
func newV1Row[S api.FieldSet](rec api.Row[S], echo *v1Echo) v1Row {
	return v1Row{values: rec.Values, other: rec.Other, echo: echo}
}

// v1FieldValue reads the standard field at position d.Param.
func v1FieldValue(_ context.Context, d *transform.TransformData) (any, error) {
	row, _ := d.HydrateItem.(v1Row)
	if i := d.Param.(int); i < len(row.values) {
		return row.values[i], nil
	}
	return nil, nil
}

// fromV1Field reads the standard field key of a list (a table's title).
func fromV1Field(idx *api.FieldIndex, key string) *transform.ColumnTransforms {
	i := idx.Position(key)
	if i < 0 {
		panic("partnertap: " + key + " is not a standard field")
	}
	return transform.FromP(v1FieldValue, i)
}

// otherJSON reads a record key that is not a standard field (e.g. partnerFields) as JSON text.
func otherJSON(_ context.Context, d *transform.TransformData) (any, error) {
	row, _ := d.HydrateItem.(v1Row)
	v, ok := row.other[d.Param.(string)]
	if !ok || v == nil {
		return nil, nil
	}
	return string(api.AppendJSONValue(nil, v)), nil
}

// customFields collects the record's custom CRM fields (custom_*) into one JSON object, keys
// sorted, written here: the SDK marshals any other value of a JSON column with encoding/json's
// reflection, 10% of a v1 read's CPU for this column alone.
func customFields(_ context.Context, d *transform.TransformData) (any, error) {
	row, _ := d.HydrateItem.(v1Row)
	var keys []string
	for k := range row.other {
		if strings.HasPrefix(k, api.CustomFieldPrefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b, _ := api.AppendJSONObject(make([]byte, 0, 32*len(keys)+2), row.other, keys) // every key is in it
	return string(b), nil
}

func echoedSearch(_ context.Context, d *transform.TransformData) (any, error) {
	if row, ok := d.HydrateItem.(v1Row); ok && row.echo != nil {
		return row.echo.search, nil
	}
	return nil, nil
}

func echoedMatchingType(_ context.Context, d *transform.TransformData) (any, error) {
	if row, ok := d.HydrateItem.(v1Row); ok && row.echo != nil {
		return row.echo.matchingType, nil
	}
	return nil, nil
}

func eventTypeCode(_ context.Context, d *transform.TransformData) (any, error) {
	row, _ := d.HydrateItem.(v1Row)
	return row.eventTypeCode, nil
}

// searchColumn is the filter-only `search` column of v1 tables: the search that read the row (not
// the qual, which may be a list the plugin read term by term).
var searchColumn = &plugin.Column{Name: "search", Type: proto.ColumnType_STRING, Transform: transform.From(echoedSearch),
	Description: "Filter only: the API's free-text search, a case-insensitive substring of any text field."}

// searchKeyColumn is exact for the query cache: search filters rows without being a row value, so
// only an identical search may answer from the cache.
var searchKeyColumn = &plugin.KeyColumn{Name: "search", Require: plugin.Optional, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact}

var customFieldsColumn = &plugin.Column{Name: "custom_fields", Type: proto.ColumnType_JSON, Transform: transform.From(customFields),
	Description: "Custom CRM fields of the row (keys custom_*), as one JSON object."}

var stringType = proto.ColumnType_STRING
