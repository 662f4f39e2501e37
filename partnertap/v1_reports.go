package partnertap

import (
	"context"
	"strconv"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// reportTable is a table over one report-analytics report, whose standard fields are S's: a column
// per standard field, every one of them a key column pushed down through the filter language,
// custom fields as JSON, `search`.
func reportTable[S api.FieldSet](name, description, reportType, titleKey string) *plugin.Table {
	var set S
	idx := set.Index()
	fields := idx.Fields
	keys := append(v1KeyColumns(fields), searchKeyColumn)
	cols := append(v1Columns(fields), customFieldsColumn, searchColumn,
		&plugin.Column{Name: "title", Type: proto.ColumnType_STRING, Transform: fromV1Field(idx, titleKey), Description: titleDescription})
	if api.AttributionReport(reportType) {
		keys = append(keys, &plugin.KeyColumn{Name: "event_type_code", Require: plugin.Optional, Operators: []string{"="}})
		cols = append(cols, &plugin.Column{Name: "event_type_code", Type: proto.ColumnType_STRING, Transform: transform.From(eventTypeCode),
			Description: "The event type's code (e.g. ACTION_LIST, WORKFLOW); sent in the report's context. Without it, every type is read."})
	}
	return &plugin.Table{
		Name:        name,
		Description: description,
		List:        &plugin.ListConfig{Hydrate: listReport[S](reportType), KeyColumns: keys},
		Columns:     cols,
	}
}

func listReport[S api.FieldSet](reportType string) plugin.HydrateFunc {
	var set S
	idx := set.Index()
	fields, codeAt := idx.Fields, idx.Position("event_type_display_name")
	return func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
		if !readsForWholeInList(d, fields) {
			return nil, nil
		}
		body := api.ReportBody{Filters: v1Filters(d, fields)}
		codeOf := map[string]string{} // event type display name → code
		if api.AttributionReport(reportType) {
			reportCtx, types, err := attributionContext(ctx, d, reportType)
			if err != nil {
				return nil, err
			}
			body.Context = reportCtx
			for _, t := range types {
				codeOf[t.DisplayName] = t.Code
			}
		}
		qualCode, _ := equalsString(d, "event_type_code")
		return nil, readEach(ctx, d, searchTerms(d), func(search *string) error {
			body.Search = searchText(search)
			echo := &v1Echo{search: searchEcho(search)}
			toRow := func(rec api.Row[S]) any {
				row, code := newV1Row(rec, echo), qualCode
				if codeAt >= 0 {
					if name, ok := rec.Values[codeAt].(string); ok && codeOf[name] != "" {
						code = codeOf[name]
					}
				}
				row.eventTypeCode = nilIfEmpty(code)
				return row
			}
			return streamV1Pages(ctx, d, api.ReportPath(reportType, "records"), body, api.V1KeyFields[reportType], toRow)
		})
	}
}

// attributionContext builds the context the attribution reports need from the key columns:
// company_partner_public_id, event_type_code and event_date (and, for the pipeline reports,
// opp_created_date) ranges. Without them it names every connected partner and every event type.
func attributionContext(ctx context.Context, d *plugin.QueryData, reportType string) (*api.ReportContext, []api.EventType, error) {
	c, err := getClient(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	var types []api.EventType
	if err := c.api.GetV1(ctx, api.EventTypesPath, &types); err != nil {
		return nil, nil, err
	}
	rc := &api.ReportContext{}
	if code, ok := equalsString(d, "event_type_code"); ok {
		rc.EventTypeCodes = []string{code}
	} else {
		for _, t := range types {
			rc.EventTypeCodes = append(rc.EventTypeCodes, t.Code)
		}
	}
	if ids := equalsValues(d, "company_partner_public_id"); ids != nil {
		rc.PartnerPublicIDs = ids
	} else if rc.PartnerPublicIDs, err = partnerPublicIDs(ctx, d, c); err != nil {
		return nil, nil, err
	}
	if from, to := timeRange(d, "event_date"); from != nil || to != nil {
		rc.EventDateStart, rc.EventDateEnd = epochText(from, false), epochText(to, true)
	}
	if reportType != api.ReportAttributionEvents {
		if from, to := timeRange(d, "opp_created_date"); from != nil || to != nil {
			rc.OppCreatedDateStart, rc.OppCreatedDateEnd = epochText(from, false), epochText(to, true)
		}
	}
	return rc, types, nil
}

// epochText is a range bound as the context writes dates: epoch seconds as a string, rounded
// outwards so the range only widens. An open side is the widest date, as in the filter language:
// the API applies a start only with an end [doc], so a one-sided range sends both.
func epochText(t *time.Time, upper bool) string {
	switch {
	case t == nil && upper:
		return api.FilterRangeDateMax
	case t == nil:
		return api.FilterRangeDateMin
	}
	secs := t.Unix()
	if upper && t.Nanosecond() > 0 {
		secs++
	}
	return strconv.FormatInt(secs, 10)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
