package partnertap

import (
	"slices"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	sdkquals "github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// The SDK reads an IN list on a key column by calling the list once per distinct value, each call
// seeing `column = value` (doListForQualValues; it leaves a list unsplit only when two quals are
// lists). The v1 filter language's equals-any takes the whole list in one request: split, a
// 41-value IN cost 41 requests. So on a v1 table the call for the list's first value reads for the
// whole list and the others read nothing. Number and date columns stay split: their filter is a
// range, and one range over the list's values would read far more than the values.

// readsForWholeInList reports whether this list call reads: false for a call whose IN value the
// call for the list's first value reads. That call gets the whole list back in its quals (and so
// in its filters and its limit check). A call that is no split of an IN list on fields reads as it is.
func readsForWholeInList(d *plugin.QueryData, fields []api.Field) bool {
	column, listQual := splitInList(d, fields)
	if listQual == nil {
		return true
	}
	value := d.EqualsQuals[column]
	if listQual.Value.GetListValue().Values[0] != value {
		return false
	}
	whole := sdkquals.NewQual(listQual)
	var columnQuals sdkquals.QualSlice
	for _, q := range d.Quals[column].Quals {
		if q.Operator == sdkquals.QualOperatorEqual && q.Value == value {
			q = whole
		}
		columnQuals = append(columnQuals, q)
	}
	d.Quals[column] = &plugin.KeyColumnQuals{Name: column, Quals: columnQuals}
	d.EqualsQuals[column] = whole.Value
	return true
}

// splitInList finds the IN list the SDK split for this call: a string or boolean field's
// `column = any(list)` qual in the query whose list holds this call's value (the same
// *proto.QualValue, as the SDK passes it on). nil when there is none.
func splitInList(d *plugin.QueryData, fields []api.Field) (string, *proto.Qual) {
	for _, f := range fields {
		if f.Kind() != api.TypeString && f.Kind() != api.TypeBoolean {
			continue
		}
		column := columnName(f.Key)
		value := d.EqualsQuals[column]
		if value == nil || value.GetListValue() != nil {
			continue
		}
		for _, q := range d.QueryContext.UnsafeQuals[column].GetQuals() {
			if list := q.Value.GetListValue(); list != nil && q.GetStringValue() == sdkquals.QualOperatorEqual && slices.Contains(list.Values, value) {
				return column, q
			}
		}
	}
	return "", nil
}
