package sandbox

import (
	"slices"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// The columns of a v1 list, as /columns reports them and as filters, sort and /filterdata take
// them [doc: "The key is the column name (as returned by the /columns endpoint)"]: the list's
// standard fields, the organization's custom CRM fields, and, for the matched accounts, the
// fields the partner shares (inside each record's partnerFields) [doc].

// listColumn is one column of a list.
type listColumn struct {
	api.Field
	custom      bool // a custom CRM field of the organization (CUSTOM_CRM_FIELD)
	partnerData bool // a field the partner shares, read from partnerFields
}

// partnerSharedColumns are the fields a partner may share on a matched account, keys lowercase
// and prefixed partner [doc]; which a partner shares is partnerShares.
var partnerSharedColumns = []api.Field{
	{Key: "partneraccountname", Title: "Partner Account Name", Type: api.TypeString},
	{Key: "partnercrmaccountid", Title: "Partner CRM Account Id", Type: api.TypeString},
	{Key: "partnercountry", Title: "Partner Country", Type: api.TypeString},
	{Key: "partnerCountry", Title: "Partner Country", Type: api.TypeString},
	{Key: "partneriscustomer", Title: "Partner Is Customer", Type: api.TypeBoolean},
	{Key: "partnerregistrationdate", Title: "Partner Registration Date", Type: api.TypeDate},
}

// keyAliases are keys the guides also use for a standard field: the partner-org guide's example
// record, /columns and filters name the account `name` and the org `partnerOrgName` [doc]. The
// sandbox serves the field tables' keys and takes both in filters, sort and /filterdata [ours].
var keyAliases = map[string]string{"name": "accountName", "partnerOrgName": "partnerName"}

// columns is list's columns as o sees them; partner is the matched accounts' partner (-1 for
// other lists).
func (d *Dataset) columns(o *org, list string, partner int) []listColumn {
	var out []listColumn
	for _, f := range api.ReportFields(list) {
		out = append(out, listColumn{Field: f})
	}
	for _, f := range o.customColumns(list) {
		out = append(out, listColumn{Field: f, custom: true})
	}
	if list == api.ChannelMatchedAccounts && partner >= 0 {
		shared := partnerShares(partner)
		for _, f := range partnerSharedColumns {
			if slices.Contains(shared, f.Key) {
				out = append(out, listColumn{Field: f, partnerData: true})
			}
		}
		for _, f := range o.sharedBy(partner) {
			out = append(out, listColumn{Field: f, partnerData: true})
		}
	}
	return out
}

// column finds the column key names (or an alias of one), if the list has it.
func column(columns []listColumn, key string) (listColumn, bool) {
	if standard, ok := keyAliases[key]; ok {
		key = standard
	}
	for _, c := range columns {
		if c.Key == key {
			return c, true
		}
	}
	return listColumn{}, false
}

// valueOf is a record's value of the column, nil when it has none.
func (c listColumn) valueOf(rec api.Record) any {
	v, _ := c.value(rec)
	return v
}

// value is a record's value of the column, and whether the record has it: a partner column's
// from partnerFields.
func (c listColumn) value(rec api.Record) (any, bool) {
	if c.partnerData {
		shared, _ := rec["partnerFields"].(map[string]any)
		v, ok := shared[c.Key]
		return v, ok
	}
	v, ok := rec[c.Key]
	return v, ok
}

// meta is the column as /columns answers it [doc shape].
func (c listColumn) meta(index int) api.ColumnMeta {
	m := api.ColumnMeta{Title: c.Title, Key: c.Key, Type: c.Type, ColumnIndex: index, IsPartnerData: c.partnerData,
		Active: true, Values: map[string]any{}}
	switch {
	case c.custom:
		m.Source, m.ColumnClassification = ptr("custom"), ptr("CUSTOM_CRM_FIELD")
	case !c.partnerData:
		m.Source, m.ColumnClassification = ptr("standard"), ptr("STANDARD")
	}
	return m
}

// columnMetas is a /columns answer.
func columnMetas(columns []listColumn) []api.ColumnMeta {
	out := make([]api.ColumnMeta, len(columns))
	for i, c := range columns {
		out[i] = c.meta(i)
	}
	return out
}
