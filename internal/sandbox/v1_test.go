package sandbox

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
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
