package sandbox

import (
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// v1Routes mounts the Report Analytics v1 API: POST calls behind the api-key header (or a JWT).
func (s *Server) v1Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST "+api.ChannelEcosystemRecords, s.withV1Auth(s.pages.wrap(s, s.channelRecords)))
	mux.HandleFunc("POST "+api.ChannelEcosystemColumns, s.withV1Auth(s.channelColumns))
	mux.HandleFunc("POST "+api.ChannelEcosystemFilterData, s.withV1Auth(s.channelFilterData))
	mux.HandleFunc("POST "+api.ReportPathPrefix+"{reportType}/{part}", s.withV1Auth(s.pages.wrap(s, s.report)))
	mux.HandleFunc("GET "+api.ChannelEcosystemReportNames, s.withV1Auth(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []api.ReportName{
			{ChannelReportType: api.ChannelConnectedPartnerOrgs, DisplayName: "All Partner Organizations",
				Columns: columnMetas(s.dataOf(r).columns(s.orgOf(r), api.ChannelConnectedPartnerOrgs, -1))},
			{ChannelReportType: api.ChannelMatchedAccounts, DisplayName: "Partner Org Matched Accounts",
				Columns: columnMetas(s.dataOf(r).columns(s.orgOf(r), api.ChannelMatchedAccounts, -1))},
		})
	}))
	mux.HandleFunc("GET "+api.EventTypesPath, s.withV1Auth(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, EventTypes)
	}))
}

// withV1Auth accepts the api-key header [doc], or without it a JWT in Authorization [doc], and
// applies the per-key rate limit [doc] with a Retry-After [ours].
func (s *Server) withV1Auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(api.HeaderAPIKey)
		if key == "" {
			if status, err := s.checkToken(r); err != nil {
				writeError(w, r, status, err.Error())
				return
			}
			key = "jwt"
		} else if acct, ok := s.keys[key]; !ok {
			writeError(w, r, http.StatusUnauthorized, "Invalid API key")
			return
		} else if !slices.Contains(strings.Split(acct.permissions, ","), api.PermissionAPIAccess) {
			writeError(w, r, http.StatusForbidden, errForbidden.Error())
			return
		}
		if wait := s.v1Limiter.take(key, time.Now()); wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
			writeError(w, r, http.StatusTooManyRequests, "Rate limit of "+strconv.Itoa(s.v1Limiter.limit)+" requests per minute exceeded")
			return
		}
		h(w, r)
	}
}

// rollingLimiter allows `limit` requests per key in any rolling window, a minute [doc].
type rollingLimiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	seen   map[string][]time.Time
}

// take records a request, or says how long until one is allowed.
func (l *rollingLimiter) take(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.limit <= 0 {
		return 0
	}
	recent := l.seen[key][:0]
	for _, t := range l.seen[key] {
		if now.Sub(t) < l.window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= l.limit {
		l.seen[key] = recent
		return l.window - now.Sub(recent[0])
	}
	l.seen[key] = append(recent, now)
	return 0
}

func decodeBody(w http.ResponseWriter, r *http.Request, into any) bool {
	if err := json.Unmarshal(readBody(r), into); err != nil {
		writeError(w, r, http.StatusBadRequest, "malformed request body: "+err.Error())
		return false
	}
	return true
}

func (s *Server) channelRecords(w http.ResponseWriter, r *http.Request) {
	var body api.ChannelEcosystemBody
	if !decodeBody(w, r, &body) {
		return
	}
	var rows view[api.Record]
	p := -1
	switch body.ChannelReportType {
	case api.ChannelConnectedPartnerOrgs:
		rows = view[api.Record]{n: len(s.dataOf(r).partners), at: s.dataOf(r).partnerOrgRecord}
	case api.ChannelMatchedAccounts:
		p = s.dataOf(r).partnerByPublicID(body.CompanyPartnerPublicID)
		if body.CompanyPartnerPublicID == "" || (body.MatchingType != api.MatchingMutual && body.MatchingType != api.MatchingAllPartnerOrgs) {
			writeError(w, r, http.StatusBadRequest, "PARTNER_ORG_MATCHED_ACCOUNTS needs companyPartnerPublicId and matchingType MUTUAL or ALL_PARTNER_ORGS")
			return
		}
		rows = s.orgOf(r).withCustomFields(api.ChannelMatchedAccounts, s.dataOf(r).matchedAccountsOf(p), p<<24, p)
	default:
		writeError(w, r, http.StatusBadRequest, "unknown channelReportType '"+body.ChannelReportType+"'")
		return
	}
	list := recordList{kind: body.ChannelReportType, name: s.listName(r) + " " + jsonText(body)}
	s.serveRecords(w, r, list, rows, s.dataOf(r).columns(s.orgOf(r), body.ChannelReportType, p), body.Filters, body.Search)
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	reportType, part := r.PathValue("reportType"), r.PathValue("part")
	fields := api.ReportFields(reportType)
	if fields == nil || !slices.Contains(api.ReportTypes, reportType) {
		writeError(w, r, http.StatusNotFound, "unknown report type '"+reportType+"'")
		return
	}
	var body api.ReportBody
	if !decodeBody(w, r, &body) {
		return
	}
	columns := s.dataOf(r).columns(s.orgOf(r), reportType, -1)
	switch part {
	case "columns":
		writeJSON(w, http.StatusOK, columnMetas(columns))
		return
	case "records", "filterdata":
	default:
		writeError(w, r, http.StatusNotFound, "No endpoint POST "+r.URL.Path)
		return
	}
	var rows view[api.Record]
	switch reportType {
	case api.ReportGlobalAccounts:
		d := s.dataOf(r)
		refs := d.matchedRefs(-1)
		rows = view[api.Record]{n: refs.n, at: func(i int) api.Record { return d.globalAccountRecord(refs.at(i)) }}
		rows = s.orgOf(r).withCustomFields(reportType, rows, 0, -1)
	case api.ReportGlobalOpportunities:
		rows = view[api.Record]{n: len(s.dataOf(r).opps.overlaps), at: s.dataOf(r).globalOpportunityRecord}
		rows = s.orgOf(r).withCustomFields(reportType, rows, 0, -1)
	case api.ReportAttributionEvents, api.ReportPipelineDetail, api.ReportPipelineSummary:
		// The guides require a context for records, and show /filterdata without one [doc, both]:
		// the sandbox answers /filterdata without one over every partner and event type [ours].
		if part == "filterdata" && (body.Context == nil || len(body.Context.PartnerPublicIDs) == 0 && len(body.Context.EventTypeCodes) == 0) {
			rows = sliceView(s.dataOf(r).attributionRecords(reportType, s.dataOf(r).wholeContext()))
			break
		}
		ctx, msg := s.dataOf(r).readContext(body.Context, reportType, s.now())
		if msg != "" {
			writeError(w, r, http.StatusBadRequest, msg)
			return
		}
		rows = sliceView(s.dataOf(r).attributionRecords(reportType, ctx))
	}
	if part == "filterdata" {
		s.serveFilterData(w, r, rows, columns)
		return
	}
	s.serveRecords(w, r, recordList{kind: reportType, name: s.listName(r) + " " + jsonText(body)}, rows, columns, body.Filters, body.Search)
}

// readContext validates an attribution report's context: both lists are required [doc], 400 [ours].
func (d *Dataset) readContext(c *api.ReportContext, reportType string, now time.Time) (attributionContext, string) {
	if c == nil || len(c.PartnerPublicIDs) == 0 || len(c.EventTypeCodes) == 0 {
		return attributionContext{}, reportType + " needs context.partnerPublicIds and context.eventTypeCodes"
	}
	ctx := attributionContext{partners: map[string]bool{}, types: map[string]bool{}}
	for _, id := range c.PartnerPublicIDs {
		ctx.partners[id] = true
	}
	for _, code := range c.EventTypeCodes {
		ctx.types[code] = true
	}
	var msg string
	ctx.eventFrom, ctx.eventTo, msg = dateRange(now, c.DateRangeDays, c.EventDateStart, c.EventDateEnd)
	if msg == "" {
		ctx.oppFrom, ctx.oppTo, msg = dateRange(now, c.OppCreatedDateDays, c.OppCreatedDateStart, c.OppCreatedDateEnd)
	}
	return ctx, msg
}

// dateRange is the window of a context's dates [doc]: an inclusive start and end when both are
// set; else the days before now, when days is set; else no bound. A start or an end alone is
// ignored [doc: "must be paired"]. A value that is not epoch seconds is a 400 [ours].
func dateRange(now time.Time, days *int, start, end string) (int64, int64, string) {
	var bounds [2]int64
	for i, v := range []string{start, end} {
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, 0, "dates must be epoch seconds as strings"
		}
		bounds[i] = n
	}
	switch {
	case start != "" && end != "":
		return bounds[0], bounds[1], ""
	case days != nil:
		return now.Add(-time.Duration(*days) * 24 * time.Hour).Unix(), math.MaxInt64, ""
	}
	return math.MinInt64, math.MaxInt64, ""
}

// serveRecords filters, searches, sorts and pages records of a list with the given columns.
// recordList names a v1 list a request reads: its type (a channel report type or a report type)
// and the list as the request asks for it (org, path, sort, body), for the orders kept of it.
type recordList struct{ kind, name string }

// jsonText is a request body as JSON, its maps' keys sorted: the same body, the same text.
func jsonText(body any) string {
	raw, _ := json.Marshal(body)
	return string(raw)
}

func (s *Server) serveRecords(w http.ResponseWriter, r *http.Request, list recordList, rows view[api.Record], columns []listColumn, filters map[string]string, search string) {
	rf, err := parseFilters(filters, columns)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	var keys []string
	for _, c := range columns {
		keys = append(keys, c.Key)
	}
	for alias := range keyAliases {
		keys = append(keys, alias)
	}
	params := readPageParams(r, keys)
	name := list.name
	if ops, ok := recordChurnOps(list.kind); ok {
		if churned, version, ok := churnedView(&s.churn, rows, list.name, list.kind, ops); ok {
			rows, name = churned, version
		}
	}
	if len(rf.entries) > 0 || search != "" {
		rows = filtered(rows, func(rec api.Record) bool { return rf.keeps(rec) && (search == "" || matchesSearch(rec, search)) })
	}
	if len(params.sort) > 0 {
		sorted := rows
		order := s.orders.get(name, func() []int32 { return recordOrder(sorted, params.sort, columns) })
		rows = view[api.Record]{n: len(order), at: func(i int) api.Record { return sorted.at(int(order[i])) }}
		params.sort = nil
	}
	page := pageOf(rows, params)
	var noData *string
	if page.TotalElements == 0 {
		noData = ptr("No data found")
	}
	writeReportPage(w, api.ReportPage{Page: page, NoDataFoundMessage: noData})
}

// serveFilterData answers the distinct values (strings) or the range (numbers) of one column.
func (s *Server) serveFilterData(w http.ResponseWriter, r *http.Request, rows view[api.Record], columns []listColumn) {
	key := r.URL.Query().Get(api.ParamFilterField)
	field, ok := column(columns, key)
	if !ok {
		writeError(w, r, http.StatusBadRequest, "unknown filterField '"+key+"'")
		return
	}
	filterType := map[string]string{api.TypeNumber: "NUMBER", api.TypeCurrency: "CURRENCY", api.TypeDate: "DATE"}[field.Kind()]
	var items []api.FilterDataItem
	if filterType != "" {
		lo, hi, any := 0.0, 0.0, false
		for i := 0; i < rows.n; i++ {
			if v, ok := number(field.valueOf(rows.at(i))); ok {
				if !any || v < lo {
					lo = v
				}
				if !any || v > hi {
					hi = v
				}
				any = true
			}
		}
		item := api.FilterDataItem{FilterType: filterType}
		if any {
			item.FilterRangeMin, item.FilterRangeMax = &lo, &hi
		}
		items = []api.FilterDataItem{item}
	} else {
		seen := map[string]bool{}
		var values []string
		for i := 0; i < rows.n; i++ {
			if v := field.valueOf(rows.at(i)); v != nil && v != "" && !seen[valueText(v)] {
				seen[valueText(v)] = true
				values = append(values, valueText(v))
			}
		}
		sort.Strings(values)
		for _, v := range values {
			items = append(items, api.FilterDataItem{FilterData: ptr(v), FilterType: "STRING"})
		}
	}
	params := readPageParams(r, nil)
	writeJSON(w, http.StatusOK, pageOf(sliceView(items), params))
}

// channelColumns answers a channel list's columns; the matched accounts' need the partner
// [doc: companyPartnerPublicId "Required when channelReportType is PARTNER_ORG_MATCHED_ACCOUNTS"].
func (s *Server) channelColumns(w http.ResponseWriter, r *http.Request) {
	var body api.ChannelEcosystemBody
	if columns, ok := s.channelListColumns(w, r, &body); ok {
		writeJSON(w, http.StatusOK, columnMetas(columns))
	}
}

// channelFilterData answers the values of one column of a channel list [doc].
func (s *Server) channelFilterData(w http.ResponseWriter, r *http.Request) {
	var body api.ChannelEcosystemBody
	columns, ok := s.channelListColumns(w, r, &body)
	if !ok {
		return
	}
	rows := view[api.Record]{n: len(s.dataOf(r).partners), at: s.dataOf(r).partnerOrgRecord}
	if body.ChannelReportType == api.ChannelMatchedAccounts {
		rows = s.dataOf(r).matchedAccountsOf(s.dataOf(r).partnerByPublicID(body.CompanyPartnerPublicID))
	}
	s.serveFilterData(w, r, rows, columns)
}

// channelListColumns reads a columns or filterdata body into body and answers the list's
// columns, or writes the error.
func (s *Server) channelListColumns(w http.ResponseWriter, r *http.Request, body *api.ChannelEcosystemBody) ([]listColumn, bool) {
	if !decodeBody(w, r, body) {
		return nil, false
	}
	switch body.ChannelReportType {
	case api.ChannelConnectedPartnerOrgs:
		return s.dataOf(r).columns(s.orgOf(r), body.ChannelReportType, -1), true
	case api.ChannelMatchedAccounts:
		if body.CompanyPartnerPublicID == "" {
			writeError(w, r, http.StatusBadRequest, "PARTNER_ORG_MATCHED_ACCOUNTS needs companyPartnerPublicId")
			return nil, false
		}
		return s.dataOf(r).columns(s.orgOf(r), body.ChannelReportType, s.dataOf(r).partnerByPublicID(body.CompanyPartnerPublicID)), true
	}
	writeError(w, r, http.StatusBadRequest, "unknown channelReportType '"+body.ChannelReportType+"'")
	return nil, false
}

// partnerByPublicID finds a partner by its v1 public id; -1 when none has it.
func (d *Dataset) partnerByPublicID(id string) int {
	for i, p := range d.partners {
		if p.PublicID == id {
			return i
		}
	}
	return -1
}

// matchedAccountsOf is partner p's matched accounts; none when p is -1 (an unknown partner).
func (d *Dataset) matchedAccountsOf(p int) view[api.Record] {
	if p < 0 {
		return view[api.Record]{}
	}
	ids := d.accounts.byPartner[p]
	return view[api.Record]{n: len(ids), at: func(i int) api.Record { return d.matchedAccountRecord(int(ids[i]), p) }}
}
