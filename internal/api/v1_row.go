package api

import (
	"slices"
	"strconv"
	"time"
)

// A v1 record holds up to about 85 fields. Decoded as a map, each record cost a key string per
// field, a grown map and a map lookup per column per row, and a page of them 6 KiB a row of live
// heap; a Row holds the standard fields by position instead, each already the value its column
// shows.

// FieldSet names a v1 list's standard fields as a type, so that a page of its rows decodes
// against them (go-json's UnmarshalJSON has no other way to know the list).
type FieldSet interface{ Index() *FieldIndex }

// FieldIndex is a list's standard fields and where each key is in a Row.
type FieldIndex struct {
	Fields  []Field
	pos     map[string]int
	aliases map[string]int // documented alternative keys, used when the standard key is absent
	quoted  [][]byte       // each key as JSON writes it plainly, quotes included (see keyOrder)
}

// maxFields bounds a list's standard fields: a Row marks the fields a record had in a bitset.
const maxFields = 256

// NewFieldIndex indexes fields; aliases maps an alternative key to the standard key it stands for.
func NewFieldIndex(fields []Field, aliases map[string]string) *FieldIndex {
	if len(fields) > maxFields {
		panic("api: a v1 list has more than " + strconv.Itoa(maxFields) + " standard fields")
	}
	idx := &FieldIndex{Fields: fields, pos: make(map[string]int, len(fields)), aliases: map[string]int{},
		quoted: make([][]byte, len(fields))}
	for i, f := range fields {
		if !slices.Contains(ValueTypes, f.Kind()) {
			panic("api: v1 field " + f.Key + " has type " + strconv.Quote(f.Type) + ", which is none of the guides' types")
		}
		idx.pos[f.Key] = i
		idx.quoted[i] = plainlyQuoted(f.Key)
	}
	for alias, standard := range aliases {
		pos, ok := idx.pos[standard]
		if !ok {
			panic("api: the alias " + alias + " stands for " + standard + ", which is no standard field of the list")
		}
		idx.aliases[alias] = pos
	}
	return idx
}

// Position is where the standard field key is in a Row's Values, or -1.
func (idx *FieldIndex) Position(key string) int {
	if i, ok := idx.pos[key]; ok {
		return i
	}
	return -1
}

// IsStandard says whether key is a standard field of the list or a documented alias of one.
func (idx *FieldIndex) IsStandard(key string) bool {
	_, standard := idx.pos[key]
	_, alias := idx.aliases[key]
	return standard || alias
}

// ReportIndex is the field index of a v1 list (a report or channel report type), nil for another.
func ReportIndex(reportType string) *FieldIndex {
	return map[string]*FieldIndex{
		ChannelConnectedPartnerOrgs: partnerOrgIndex, ChannelMatchedAccounts: matchedAccountIndex,
		ReportGlobalAccounts: globalAccountIndex, ReportGlobalOpportunities: globalOpportunityIndex,
		ReportAttributionEvents: attributionEventIndex, ReportPipelineDetail: pipelineDetailIndex,
		ReportPipelineSummary: pipelineSummaryIndex,
	}[reportType]
}

// Row is one v1 record decoded against its list's standard fields: Values[i] is Fields[i]'s value
// as its column shows it (see ColumnValue), nil when null or absent; Other holds every other key
// (custom_* fields, partnerFields), nil when there is none.
type Row[S FieldSet] struct {
	Values []any
	Other  map[string]any
}

// The field sets of the v1 lists, with the aliases one documented example uses: it names the org
// `partnerOrgName` and the account `name` [doc].
type (
	PartnerOrgs         struct{}
	MatchedAccounts     struct{}
	GlobalAccounts      struct{}
	GlobalOpportunities struct{}
	AttributionEvents   struct{}
	PipelineDetails     struct{}
	PipelineSummaries   struct{}
)

var (
	partnerOrgIndex        = NewFieldIndex(PartnerOrgFields, map[string]string{"partnerOrgName": "partnerName"})
	matchedAccountIndex    = NewFieldIndex(MatchedAccountFields, map[string]string{"name": "accountName"})
	globalAccountIndex     = NewFieldIndex(GlobalAccountFields, nil)
	globalOpportunityIndex = NewFieldIndex(GlobalOpportunityFields, nil)
	attributionEventIndex  = NewFieldIndex(AttributionEventFields, nil)
	pipelineDetailIndex    = NewFieldIndex(PipelineDetailFields, nil)
	pipelineSummaryIndex   = NewFieldIndex(PipelineSummaryFields, nil)
)

func (PartnerOrgs) Index() *FieldIndex         { return partnerOrgIndex }
func (MatchedAccounts) Index() *FieldIndex     { return matchedAccountIndex }
func (GlobalAccounts) Index() *FieldIndex      { return globalAccountIndex }
func (GlobalOpportunities) Index() *FieldIndex { return globalOpportunityIndex }
func (AttributionEvents) Index() *FieldIndex   { return attributionEventIndex }
func (PipelineDetails) Index() *FieldIndex     { return pipelineDetailIndex }
func (PipelineSummaries) Index() *FieldIndex   { return pipelineSummaryIndex }

// ColumnValue is a field's JSON value as its column shows it: money and numbers sent as text are
// numbers (an empty one is null [doc]), dates are epoch seconds [doc]; anything else as it came.
func ColumnValue(f Field, v any) any {
	if v == nil {
		return nil
	}
	switch f.Kind() {
	case TypeCurrency, TypeNumber:
		if s, isText := v.(string); isText {
			if s == "" {
				return nil
			}
			if n, err := strconv.ParseFloat(s, 64); err == nil {
				return n
			}
		}
	case TypeDate:
		if n, isNum := v.(float64); isNum {
			return time.Unix(int64(n), 0).UTC()
		}
	}
	return v
}
