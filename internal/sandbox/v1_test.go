package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func (ts *testServer) post(t *testing.T, path string, body any, out any) (int, http.Header) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", ts.http.URL+path, bytes.NewReader(raw))
	req.Header.Set(api.HeaderAPIKey, DemoAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_ = json.NewDecoder(resp.Body).Decode(out)
	return resp.StatusCode, resp.Header
}

func TestV1RateLimit(t *testing.T) {
	ts := start(t, Config{V1RateLimit: 5})
	body := api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs}
	for i := 0; i < 5; i++ {
		var page api.ReportPage
		if status, _ := ts.post(t, api.ChannelEcosystemRecords, body, &page); status != 200 || len(page.Content) != api.DefaultPageSize {
			t.Fatalf("call %d: %d, %d rows", i, status, len(page.Content))
		}
	}
	var errBody api.ErrorBody
	status, header := ts.post(t, api.ChannelEcosystemRecords, body, &errBody)
	if status != 429 || header.Get("Retry-After") == "" || errBody.Status != 429 {
		t.Fatalf("sixth call in a minute: %d, Retry-After %q", status, header.Get("Retry-After"))
	}
}

func TestV1ContextIsRequired(t *testing.T) {
	ts := start(t, Config{})
	var errBody api.ErrorBody
	status, _ := ts.post(t, api.ReportPath(api.ReportAttributionEvents, "records"), api.ReportBody{}, &errBody)
	if status != 400 || errBody.Message == "" {
		t.Fatalf("no context: %d %+v", status, errBody)
	}
	var page api.ReportPage
	status, _ = ts.post(t, api.ReportPath(api.ReportAttributionEvents, "records"),
		api.ReportBody{Context: &api.ReportContext{PartnerPublicIDs: []string{ts.data.partners[0].PublicID}, EventTypeCodes: []string{"WORKFLOW"}}}, &page)
	if status != 200 || page.TotalElements == 0 {
		t.Fatalf("with context: %d, %d rows", status, page.TotalElements)
	}
	for _, r := range page.Content {
		if r["company_partner_public_id"] != ts.data.partners[0].PublicID || r["event_type_display_name"] != "Workflow" {
			t.Fatalf("row outside the context: %v", r)
		}
	}
	// /filterdata as the guides call it, with no context: every partner and event type.
	var values api.Page[api.FilterDataItem]
	status, _ = ts.post(t, api.ReportPath(api.ReportAttributionEvents, "filterdata")+"?filterField=partner_org_name&size=2000", struct{}{}, &values)
	if status != 200 || len(values.Content) != len(ts.data.partners) {
		t.Fatalf("filterdata without context: %d, %d values for %d partners", status, len(values.Content), len(ts.data.partners))
	}
}

func TestV1FilterLanguageAndEmptyMoney(t *testing.T) {
	ts := start(t, Config{})
	var page api.ReportPage
	status, _ := ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "records")+"?size=2000",
		api.ReportBody{Filters: map[string]string{"account_type": "Customer-,-Prospect", "annual_revenue": "100000<->1000000000000000"}}, &page)
	if status != 200 || page.TotalElements == 0 {
		t.Fatalf("%d, %d rows", status, page.TotalElements)
	}
	for _, r := range page.Content {
		if (r["account_type"] != "Customer" && r["account_type"] != "Prospect") || r["annual_revenue"].(float64) < 100000 {
			t.Fatalf("row outside the filter: %v", r)
		}
	}
	var all api.ReportPage
	ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "records")+"?size=2000", api.ReportBody{}, &all)
	empty := 0
	for _, r := range all.Content {
		if r["annual_revenue"] == "" {
			empty++
		}
	}
	if empty == 0 {
		t.Fatal("no empty money value: the plugin's handling of \"\" goes untested")
	}
	var errBody api.ErrorBody
	if status, _ := ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "records"), api.ReportBody{Filters: map[string]string{"account_name": "1<->2"}}, &errBody); status != 400 {
		t.Fatalf("a range on a string column: %d", status)
	}
}

func TestV1FilterData(t *testing.T) {
	ts := start(t, Config{})
	var strings api.Page[api.FilterDataItem]
	status, _ := ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "filterdata")+"?filterField=account_type&size=50", api.ReportBody{}, &strings)
	if status != 200 || len(strings.Content) == 0 || strings.Content[0].FilterType != "STRING" || strings.Content[0].FilterData == nil {
		t.Fatalf("string filterdata: %d %+v", status, strings)
	}
	var numbers api.Page[api.FilterDataItem]
	ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "filterdata")+"?filterField=annual_revenue", api.ReportBody{}, &numbers)
	if len(numbers.Content) != 1 || numbers.Content[0].FilterType != "CURRENCY" || numbers.Content[0].FilterRangeMin == nil ||
		*numbers.Content[0].FilterRangeMin > *numbers.Content[0].FilterRangeMax {
		t.Fatalf("currency filterdata: %+v", numbers)
	}
	var errBody api.ErrorBody
	if status, _ := ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "filterdata")+"?filterField=nope", api.ReportBody{}, &errBody); status != 400 {
		t.Fatalf("unknown field: %d", status)
	}
}

// TestContextDatesFollowTheGuide: a start and an end make an inclusive window; a start or an end
// alone is ignored, and dateRangeDays counts back from now, which a full range outranks.
func TestContextDatesFollowTheGuide(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	days := 30
	cases := []struct {
		days       *int
		start, end string
		from, to   int64
		msg        string
	}{
		{nil, "100", "200", 100, 200, ""},
		{&days, "100", "200", 100, 200, ""},
		{nil, "100", "", math.MinInt64, math.MaxInt64, ""},
		{nil, "", "200", math.MinInt64, math.MaxInt64, ""},
		{&days, "100", "", now.AddDate(0, 0, -30).Unix(), math.MaxInt64, ""},
		{&days, "", "", now.AddDate(0, 0, -30).Unix(), math.MaxInt64, ""},
		{nil, "", "", math.MinInt64, math.MaxInt64, ""},
		{nil, "yesterday", "200", 0, 0, "dates must be epoch seconds as strings"},
	}
	for _, c := range cases {
		from, to, msg := dateRange(now, c.days, c.start, c.end)
		if from != c.from || to != c.to || msg != c.msg {
			t.Errorf("days %v start %q end %q: %d..%d %q, want %d..%d %q", c.days, c.start, c.end, from, to, msg, c.from, c.to, c.msg)
		}
	}
}

// TestReportGrainsAreTheGuides: the Global Opp Overlap List is each opportunity once per partner
// its account overlaps with, the same partners the Global Overlap List gives the account, one
// opportunity id never carrying two names or dates; the Pipeline Attribution Summary is one row
// per top parent account and new opportunity, its counters the sums of the detail's events, and
// its total their sum.
func TestReportGrainsAreTheGuides(t *testing.T) {
	d, err := NewDataset(DatasetConfig{Accounts: 600, Partners: 8, Reps: 20, Opportunities: 400})
	if err != nil {
		t.Fatal(err)
	}
	partnersOf := map[string]map[string]bool{} // account id → partners, from the Global Overlap List
	for _, rec := range d.ReportRecords(api.ReportGlobalAccounts) {
		id := rec["crm_account_id"].(string)
		if partnersOf[id] == nil {
			partnersOf[id] = map[string]bool{}
		}
		partnersOf[id][rec["partner_org_name"].(string)] = true
	}
	oppPartners, oppSeen, oppAccount := map[string]map[string]bool{}, map[string]string{}, map[string]string{}
	for _, rec := range d.ReportRecords(api.ReportGlobalOpportunities) {
		opp, account, partner := rec["crm_opportunity_id"].(string), rec["crm_account_id"].(string), rec["partner_org_name"].(string)
		if !partnersOf[account][partner] {
			t.Fatalf("opportunity %s on %s with %s, which the Global Overlap List does not match with it", opp, account, partner)
		}
		if int(rec["partner_count"].(float64)) != len(partnersOf[account]) {
			t.Fatalf("opportunity %s: partner_count %v, the account has %d partners", opp, rec["partner_count"], len(partnersOf[account]))
		}
		same := fmt.Sprintf("%s|%v|%v|%v|%v|%v", account, rec["opportunity_name"], rec["crm_created_date"], rec["close_date"], rec["amount"], rec["stage_name"])
		oppAccount[opp] = account
		if seen, ok := oppSeen[opp]; ok && seen != same {
			t.Fatalf("opportunity %s is %s and %s", opp, seen, same)
		}
		oppSeen[opp] = same
		if oppPartners[opp] == nil {
			oppPartners[opp] = map[string]bool{}
		} else if oppPartners[opp][partner] {
			t.Fatalf("opportunity %s twice with %s", opp, partner)
		}
		oppPartners[opp][partner] = true
	}
	for opp, partners := range oppPartners {
		if account := oppAccount[opp]; len(partners) != len(partnersOf[account]) {
			t.Fatalf("opportunity %s: %d rows, its account overlaps %d partners", opp, len(partners), len(partnersOf[account]))
		}
	}
	if len(oppPartners) == 0 {
		t.Fatal("no opportunity overlaps")
	}

	counted := map[string]map[string]float64{} // top parent/opp → counter → events
	for _, rec := range d.ReportRecords(api.ReportPipelineDetail) {
		key := rec["top_parent_crm_account_id"].(string) + "/" + rec["opp_crm_opportunity_id"].(string)
		if counted[key] == nil {
			counted[key] = map[string]float64{}
		}
		counter, ok := summaryCounters[rec["event_subtype_display_name"].(string)]
		if !ok {
			t.Fatalf("a detail row's event %v counts in no summary counter", rec["event_subtype_display_name"])
		}
		counted[key][counter]++
	}
	summary := d.ReportRecords(api.ReportPipelineSummary)
	if len(summary) != len(counted) || len(summary) == 0 {
		t.Fatalf("%d summary rows, %d top parent and opportunity pairs in the detail", len(summary), len(counted))
	}
	nonZero := map[string]bool{}
	for _, rec := range summary {
		key := rec["top_parent_crm_account_id"].(string) + "/" + rec["opp_crm_opportunity_id"].(string)
		total := 0.0
		for _, counter := range summaryCounters {
			if rec[counter].(float64) != counted[key][counter] {
				t.Fatalf("%s: %s %v, the detail has %v", key, counter, rec[counter], counted[key][counter])
			}
			total += rec[counter].(float64)
			nonZero[counter] = nonZero[counter] || rec[counter].(float64) > 0
		}
		if rec["total_attribution_events"].(float64) != total {
			t.Fatalf("%s: total_attribution_events %v, the counters sum to %v", key, rec["total_attribution_events"], total)
		}
	}
	if len(nonZero) != len(summaryCounters) {
		t.Fatalf("counters ever above zero: %v", nonZero)
	}
}

// TestChannelEcosystemAsThePartnerOrgGuideShowsIt: report-names lists both channel reports with
// their columns; the matched accounts' /columns needs the partner and lists its shared columns;
// their /filterdata is served; a filter works on a partner-shared key and on the guide's `name`.
func TestChannelEcosystemAsThePartnerOrgGuideShowsIt(t *testing.T) {
	ts := start(t, Config{V1RateLimit: -1})
	req, _ := http.NewRequest("GET", ts.http.URL+api.ChannelEcosystemReportNames, nil)
	req.Header.Set(api.HeaderAPIKey, DemoAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var names []api.ReportName
	_ = json.NewDecoder(resp.Body).Decode(&names)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(names) != 2 || names[1].ChannelReportType != api.ChannelMatchedAccounts ||
		len(names[1].Columns) != len(api.MatchedAccountFields)+len(newOrgs()[DemoOrg].customColumns(api.ChannelMatchedAccounts)) {
		t.Fatalf("report-names: %d %+v", resp.StatusCode, names)
	}

	matched := api.ChannelEcosystemBody{ChannelReportType: api.ChannelMatchedAccounts, MatchingType: api.MatchingMutual}
	var errBody api.ErrorBody
	if status, _ := ts.post(t, api.ChannelEcosystemColumns, matched, &errBody); status != 400 {
		t.Fatalf("/columns without companyPartnerPublicId: %d", status)
	}
	matched.CompanyPartnerPublicID = ts.data.partners[0].PublicID // partner 0 shares its country
	var cols []api.ColumnMeta
	ts.post(t, api.ChannelEcosystemColumns, matched, &cols)
	shared := map[string]bool{}
	for _, c := range cols {
		if c.IsPartnerData {
			shared[c.Key] = c.Source == nil && c.ColumnClassification == nil
		}
	}
	if !shared["partneraccountname"] || !shared["partnercountry"] || len(shared) != len(partnerShares(0)) {
		t.Fatalf("partner-shared columns %v, want %v", shared, partnerShares(0))
	}

	var values api.Page[api.FilterDataItem]
	if status, _ := ts.post(t, api.ChannelEcosystemFilterData+"?filterField=partnercountry&size=100", matched, &values); status != 200 || len(values.Content) < 2 {
		t.Fatalf("/filterdata of a partner-shared column: %d %+v", status, values)
	}
	country := *values.Content[0].FilterData
	var all, byCountry, byName api.Page[map[string]any]
	ts.post(t, api.ChannelEcosystemRecords+"?size=2000", matched, &all)
	matched.Filters = map[string]string{"partnercountry": country}
	ts.post(t, api.ChannelEcosystemRecords+"?size=2000", matched, &byCountry)
	want := 0
	for _, rec := range all.Content {
		if rec["partnerFields"].(map[string]any)["partnercountry"] == country {
			want++
		}
	}
	if int(byCountry.TotalElements) != want || want == 0 || want == len(all.Content) {
		t.Fatalf("partnercountry = %s: %d records, want %d of %d", country, byCountry.TotalElements, want, len(all.Content))
	}
	name := all.Content[0]["accountName"].(string)
	matched.Filters = map[string]string{"name": name}
	ts.post(t, api.ChannelEcosystemRecords, matched, &byName)
	if byName.TotalElements == 0 || byName.Content[0]["accountName"] != name {
		t.Fatalf("name = %s: %+v", name, byName)
	}
}

// TestGuideFilterOnACustomField: the Global Overlap List guide's boolean filter on a custom field.
func TestGuideFilterOnACustomField(t *testing.T) {
	ts := start(t, Config{V1RateLimit: -1})
	var page api.Page[map[string]any]
	path := api.ReportPath(api.ReportGlobalAccounts, "records") + "?size=2000"
	status, _ := ts.post(t, path, api.ReportBody{Filters: map[string]string{"custom_ispartnerpaid": "true"}}, &page)
	if status != 200 || page.TotalElements == 0 {
		t.Fatalf("custom_ispartnerpaid = true: %d, %d rows", status, page.TotalElements)
	}
	for _, r := range page.Content {
		if r["custom_ispartnerpaid"] != true {
			t.Fatalf("row %v", r)
		}
	}
}

// oppCreatedDateDays keeps the pipeline reports' opportunities created in the days before now
// [doc: pipeline-attribution-detail §2.1].
func TestOppCreatedDateDaysKeepsRecentOpportunities(t *testing.T) {
	ts := start(t, Config{})
	var partners []string
	for _, rec := range ts.data.PartnerOrgRecords() {
		partners = append(partners, rec["companyPartnerPublicId"].(string))
	}
	var types []string
	for _, e := range EventTypes {
		types = append(types, e.Code)
	}
	read := func(days *int) []api.Record {
		var all []api.Record
		for page := 0; ; page++ {
			var p api.ReportPage
			body := api.ReportBody{Filters: map[string]string{},
				Context: &api.ReportContext{PartnerPublicIDs: partners, EventTypeCodes: types, OppCreatedDateDays: days}}
			if status, _ := ts.post(t, api.ReportPath(api.ReportPipelineDetail, "records")+"?size=2000&page="+strconv.Itoa(page), body, &p); status != 200 {
				t.Fatalf("status %d", status)
			}
			if all = append(all, p.Content...); p.Last == nil || *p.Last {
				return all
			}
		}
	}
	days := 400
	all := read(nil)
	// The server takes its own now during the read: its bound lies between these two.
	sinceAt := func(now time.Time) int64 { return now.Add(-time.Duration(days) * 24 * time.Hour).Unix() }
	earliest := sinceAt(time.Now())
	recent := read(&days)
	latest := sinceAt(time.Now())
	want := 0
	for _, rec := range all {
		if created, ok := rec["opp_created_date"].(float64); ok && int64(created) >= latest {
			want++
		}
	}
	if len(recent) < want || want == 0 || len(recent) == len(all) {
		t.Fatalf("oppCreatedDateDays %d: %d rows, want %d (or the few created within the read's time) of %d", days, len(recent), want, len(all))
	}
	for _, rec := range recent {
		if created, _ := rec["opp_created_date"].(float64); int64(created) < earliest {
			t.Fatalf("a row created at %v, before %d", rec["opp_created_date"], earliest)
		}
	}
}
