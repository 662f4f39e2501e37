package partnertap

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// A v1 record has about 60 fields and a query usually shows a few: decoding only the fields the
// query's columns read is most of a narrow read's cost. wantedFields says which those are.

// fieldUse is what a v1 column that is not named after a standard field reads of a record.
type fieldUse struct {
	field  string // a standard field's key, or ""
	others bool   // the record's keys that are not standard fields
}

// v1ColumnUses are the v1 tables' columns that are not standard fields, except `title`, whose field
// each table names. A column in neither makes the read decode every field: a column added without
// an entry here costs speed, never values.
var v1ColumnUses = map[string]fieldUse{
	"search":          {}, // echoed from the request
	"matching_type":   {},
	"custom_fields":   {others: true},
	"partner_fields":  {others: true},
	"event_type_code": {field: "event_type_display_name"},
}

// readEveryField turns wantedFields off: the test of it compares with reads that decode everything.
var readEveryField = false

// wantedFields is what of idx's records the query's columns and quals read, the title column being
// titleKey's field; nil (everything) when a column is not known.
func wantedFields(d *plugin.QueryData, idx *api.FieldIndex, titleKey string) *api.Wanted {
	if readEveryField {
		return nil
	}
	byColumn := make(map[string]int, len(idx.Fields))
	for i, f := range idx.Fields {
		byColumn[columnName(f.Key)] = i
	}
	dynamic := map[string]bool{} // read from the other keys
	for _, c := range dynamicColumnsOf(d.Table) {
		dynamic[c.name] = true
	}
	wanted := &api.Wanted{}
	read := func(column string) bool {
		if i, ok := byColumn[column]; ok {
			wanted.Add(i)
			return true
		}
		use, ok := v1ColumnUses[column]
		switch {
		case dynamic[column]:
			use, ok = fieldUse{others: true}, true
		case column == "title":
			use, ok = fieldUse{field: titleKey}, true
		case plugin.IsReservedColumnName(column): // filled by the SDK
			use, ok = fieldUse{}, true
		}
		if !ok {
			return false
		}
		if i := idx.Position(use.field); i >= 0 {
			wanted.Add(i)
		}
		wanted.Others = wanted.Others || use.others
		return true
	}
	for _, column := range d.QueryContext.Columns {
		if !read(column) {
			return nil
		}
	}
	for column := range d.Quals { // a row is checked against its quals (v1RowCheck)
		if !read(column) {
			return nil
		}
	}
	return wanted
}
