package partnertap

import (
	"context"
	"strconv"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Each PartnerTap org maps its own CRM fields into the v1 lists, and each partner shares its own
// fields on matched accounts: /columns reports both. A connection's v1 tables get a typed column
// for each (the schema is dynamic, built per connection: schema.go), besides the standard columns,
// which keep their names and types whatever /columns says.

// dynamicColumn is a column of one connection's v1 table that the static schema does not have.
type dynamicColumn struct {
	name  string    // the SQL column's name (dynamicColumnName)
	field api.Field // the key, title and type /columns reports
	// shared is a field a partner shares, read from the record's partnerFields; it is not sent as
	// a filter, since a partner that does not share it has no such column to filter on.
	shared bool
}

// partnerFieldsKey is the matched-account key holding the partner's shared fields [doc].
const partnerFieldsKey = "partnerFields"

// value is the column's value in a record's keys that are not standard fields.
func (c *dynamicColumn) value(other map[string]any) any {
	source := other
	if c.shared {
		source, _ = other[partnerFieldsKey].(map[string]any)
	}
	return api.ColumnValue(c.field, source[c.field.Key])
}

// dynamicValue is a dynamic column's transform: the column is the transform's Param.
func dynamicValue(_ context.Context, d *transform.TransformData) (any, error) {
	row, _ := d.HydrateItem.(v1Row)
	return d.Param.(*dynamicColumn).value(row.other), nil
}

// addDynamicColumns gives table a column, and a key column where it can be pushed down, for each
// column of report's /columns answer that is not a standard field.
func addDynamicColumns(table *plugin.Table, report string, metas []api.ColumnMeta) {
	idx := api.ReportIndex(report)
	taken := map[string]bool{}
	for _, c := range table.Columns {
		taken[c.Name] = true
	}
	keys := map[string]bool{}
	for _, m := range metas {
		if m.Key == "" || m.Key == partnerFieldsKey || idx.IsStandard(m.Key) || keys[m.Key] {
			continue // a matched account's partners report their shared columns each: the first wins
		}
		keys[m.Key] = true
		c := &dynamicColumn{field: api.Field{Key: m.Key, Title: m.Title, Type: m.Type},
			shared: report == api.ChannelMatchedAccounts && m.IsPartnerData}
		if _, known := v1ColumnTypes[c.field.Kind()]; !known {
			c.field.Type = api.TypeString // a type the guides do not list is read as text
		}
		c.name = dynamicColumnName(m.Key, c.shared, func(name string) bool { return taken[name] })
		taken[c.name] = true
		table.Columns = append(table.Columns, &plugin.Column{Name: c.name, Type: v1ColumnTypes[c.field.Kind()],
			Description: c.describe(), Transform: transform.FromP(dynamicValue, c)})
		if !c.shared {
			table.List.KeyColumns = append(table.List.KeyColumns, v1KeyColumn(c.name, c.field))
		}
	}
}

func (c *dynamicColumn) describe() string {
	if c.shared {
		return describe(c.field) + " Shared by the partner (partnerFields key " + c.field.Key + "); null where a partner does not share it."
	}
	return describe(c.field) + " Your org's own field (key " + c.field.Key + ")."
}

// dynamicColumnName is the column name of a key: snake case, letters, digits and underscores only,
// prefixed field_ where it would start with a digit or a prefix Steampipe reserves (sp_). A name
// the table already has (a standard column, an earlier dynamic one) takes the suffix _custom (for
// an org's field) or _partner (for a partner's), then _2, _3 and so on.
func dynamicColumnName(key string, shared bool, taken func(string) bool) string {
	var b strings.Builder
	separate := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, "_") {
			b.WriteByte('_')
		}
	}
	runes := []rune(key)
	lower := func(j int) bool { // a lower-case letter or a digit at j
		return j >= 0 && j < len(runes) && (runes[j] >= 'a' && runes[j] <= 'z' || runes[j] >= '0' && runes[j] <= '9')
	}
	for i, r := range runes {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			// A word starts at a capital after a lower-case letter or a digit, or at the last
			// capital of a run followed by a lower-case letter: ARRValue is arr_value.
			if lower(i-1) || i > 0 && runes[i-1] >= 'A' && runes[i-1] <= 'Z' && lower(i+1) {
				separate()
			}
			b.WriteRune(r + 'a' - 'A')
		default:
			separate()
		}
	}
	name := strings.TrimSuffix(b.String(), "_")
	if name == "" || name[0] >= '0' && name[0] <= '9' || plugin.IsReservedColumnName(name) {
		name = "field_" + name
	}
	if !taken(name) {
		return name
	}
	name += map[bool]string{false: "_custom", true: "_partner"}[shared]
	for n, base := 2, name; taken(name); n++ {
		name = base + "_" + strconv.Itoa(n)
	}
	return name
}

// dynamicColumnsOf are table's dynamic columns: this connection's, since each connection has its
// own tables.
func dynamicColumnsOf(table *plugin.Table) []*dynamicColumn {
	if table == nil {
		return nil
	}
	var out []*dynamicColumn
	for _, c := range table.Columns {
		if c.Transform != nil && len(c.Transform.Transforms) > 0 {
			if dc, ok := c.Transform.Transforms[0].Param.(*dynamicColumn); ok {
				out = append(out, dc)
			}
		}
	}
	return out
}
