package partnertap

import (
	"context"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
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

// v1Columns is a column per standard field, read from the record by its key.
func v1Columns(fields []api.Field) []*plugin.Column {
	cols := make([]*plugin.Column, 0, len(fields))
	for _, f := range fields {
		cols = append(cols, &plugin.Column{
			Name:        columnName(f.Key),
			Type:        v1ColumnTypes[f.Type],
			Description: describe(f),
			Transform:   transform.FromP(recordValue, f),
		})
	}
	return cols
}

// v1KeyColumns makes every standard field a key column with the operators its type can push down.
func v1KeyColumns(fields []api.Field) plugin.KeyColumnSlice {
	var keys plugin.KeyColumnSlice
	for _, f := range fields {
		keys = append(keys, &plugin.KeyColumn{Name: columnName(f.Key), Require: plugin.Optional, Operators: v1Operators[f.Type]})
	}
	return keys
}

// describe is a field's column description: its title and, for money, that empty is null.
func describe(f api.Field) string {
	words := strings.ReplaceAll(columnName(f.Key), "_", " ")
	desc := strings.ToUpper(words[:1]) + words[1:] + "."
	switch f.Type {
	case api.TypeCurrency:
		desc += " Money; an empty value is null."
	case api.TypeDate:
		desc += " From epoch seconds."
	}
	return desc
}

// recordValue reads a field from a record (see v1Value).
func recordValue(_ context.Context, d *transform.TransformData) (any, error) {
	return v1Value(d.Param.(api.Field), recordOf(d.HydrateItem)), nil
}

// v1Row is a record and what the query used to read it (echoed into filter-only columns).
type v1Row struct {
	Record api.Record
	Extra  map[string]any
}

func recordOf(item any) api.Record {
	switch x := item.(type) {
	case v1Row:
		return x.Record
	case api.Record:
		return x
	}
	return nil
}

// customFields collects the record's custom CRM fields (custom_*) into one JSON object.
func customFields(_ context.Context, d *transform.TransformData) (any, error) {
	out := map[string]any{}
	for k, v := range recordOf(d.HydrateItem) {
		if strings.HasPrefix(k, api.CustomFieldPrefix) {
			out[k] = v
		}
	}
	return out, nil
}

// extraValue reads a value the list call attached to the row.
func extraValue(_ context.Context, d *transform.TransformData) (any, error) {
	if row, ok := d.HydrateItem.(v1Row); ok {
		return row.Extra[d.Param.(string)], nil
	}
	return nil, nil
}

// recordKey reads a record key that is not a standard field (e.g. partnerFields).
func recordKey(_ context.Context, d *transform.TransformData) (any, error) {
	return recordOf(d.HydrateItem)[d.Param.(string)], nil
}

// searchColumn is the filter-only `search` column of v1 tables: the search that read the row (not
// the qual, which may be a list the plugin read term by term).
var searchColumn = &plugin.Column{Name: "search", Type: proto.ColumnType_STRING, Transform: transform.FromP(extraValue, "search"),
	Description: "Filter only: the API's free-text search, a case-insensitive substring of any text field."}

var searchKeyColumn = &plugin.KeyColumn{Name: "search", Require: plugin.Optional, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact}

var customFieldsColumn = &plugin.Column{Name: "custom_fields", Type: proto.ColumnType_JSON, Transform: transform.From(customFields),
	Description: "Custom CRM fields of the row (keys custom_*), as one JSON object."}

var stringType = proto.ColumnType_STRING

// fromRecordKey reads one key of the record as is.
func fromRecordKey(key string) *transform.ColumnTransforms { return transform.FromP(recordKey, key) }

// withAliases copies documented alternative keys onto the standard ones when a record uses them:
// one documented example names the org `partnerOrgName` and the account `name`.
func withAliases(aliases map[string]string) func(api.Record) any {
	return func(rec api.Record) any {
		for alias, standard := range aliases {
			if _, has := rec[standard]; !has {
				if v, ok := rec[alias]; ok {
					rec[standard] = v
				}
			}
		}
		return rec
	}
}
