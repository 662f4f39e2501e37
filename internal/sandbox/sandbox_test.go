package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

type testServer struct {
	*Server
	http  *httptest.Server
	token string
}

func start(t *testing.T, cfg Config) *testServer {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := StartTestServer(s)
	t.Cleanup(srv.Close)
	ts := &testServer{Server: s, http: srv}
	var auth api.AuthResponse
	if status := ts.get(t, api.AuthPath+"?apiKey="+DemoAPIKey, "", &auth); status != 200 {
		t.Fatalf("auth: %d", status)
	}
	ts.token = auth.Token
	return ts
}

func (ts *testServer) get(t *testing.T, pathAndQuery, token string, out any) int {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.http.URL+pathAndQuery, nil)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("%s: %v", pathAndQuery, err)
	}
	return resp.StatusCode
}

func TestDatasetIsDeterministic(t *testing.T) {
	a, _ := NewDataset(DatasetConfig{Seed: 7})
	b, _ := NewDataset(DatasetConfig{Seed: 7})
	c, _ := NewDataset(DatasetConfig{Seed: 8})
	if !reflect.DeepEqual(a.MatchedAccountRows()[:50], b.MatchedAccountRows()[:50]) ||
		!reflect.DeepEqual(a.OpportunityRows()[:50], b.OpportunityRows()[:50]) ||
		!reflect.DeepEqual(a.RepChatRows(), b.RepChatRows()) {
		t.Fatal("the same seed generated different data")
	}
	if reflect.DeepEqual(a.AccountRows()[:10], c.AccountRows()[:10]) {
		t.Fatal("different seeds generated the same accounts")
	}
}

func TestDatasetLooksReal(t *testing.T) {
	d, _ := NewDataset(DatasetConfig{})
	opps := d.OpportunityRows()
	var nullAmounts, closed int
	years := map[int]bool{}
	for _, o := range opps {
		if o.Amount == nil {
			nullAmounts++
		}
		if o.IsClosed {
			closed++
		}
		years[time.Unix(o.SharedDate, 0).UTC().Year()] = true
	}
	if nullAmounts == 0 || nullAmounts > len(opps)/5 || closed == 0 || len(years) < 3 {
		t.Fatalf("nulls %d, closed %d, years %v: want some nulls, closed deals and dates over several years", nullAmounts, closed, years)
	}
	if len(d.PartnerNames()) != 24 || d.PartnerNames()[0] == d.PartnerNames()[1] {
		t.Fatalf("partners %v", d.PartnerNames())
	}
}

func TestPageEnvelopeClampAndSort(t *testing.T) {
	ts := start(t, Config{})
	var page api.Page[api.RepConnections]
	ts.get(t, api.NewRepConnections.Path+"?size=40&page=3", ts.token, &page)
	if page.TotalElements != 150 || page.TotalPages != 4 || page.Number != 3 || page.NumberOfElements != 30 ||
		page.Last == nil || !*page.Last || page.First || page.Pageable.Offset != 120 {
		t.Fatalf("envelope %+v", page)
	}
	ts.get(t, api.NewRepConnections.Path+"?size=5000", ts.token, &page)
	if page.Size != api.MaxPageSize {
		t.Fatalf("size 5000 not clamped: %d", page.Size)
	}
	ts.get(t, api.NewRepConnections.Path+"?size=2000&sort=acceptedPartnerships,desc&sort=repName", ts.token, &page)
	for i := 1; i < len(page.Content); i++ {
		a, b := page.Content[i-1], page.Content[i]
		if a.AcceptedPartnerships < b.AcceptedPartnerships {
			t.Fatalf("not sorted desc at %d", i)
		}
	}
}

// A descending sort puts the largest first and the rows without a value last, on the legacy
// lists and the v1 ones alike.
func TestDescendingSortKeepsNullsLast(t *testing.T) {
	ts := start(t, Config{})
	var amounts []*float64
	for page := 0; ; page++ {
		var opps api.Page[api.SharedOpportunity]
		ts.get(t, api.OppsShared.Path+"?size=2000&sort=amount,desc&page="+strconv.Itoa(page), ts.token, &opps)
		for _, o := range opps.Content {
			amounts = append(amounts, o.Amount)
		}
		if opps.Last == nil || *opps.Last {
			break
		}
	}
	var records []map[string]any
	for page := 0; ; page++ {
		var accounts api.Page[map[string]any]
		status, _ := ts.post(t, api.ReportPath(api.ReportGlobalAccounts, "records")+"?size=2000&sort=annual_revenue,desc&page="+strconv.Itoa(page),
			api.ReportBody{Filters: map[string]string{}}, &accounts)
		if status != 200 {
			t.Fatalf("v1 sort: status %d", status)
		}
		if records = append(records, accounts.Content...); accounts.Last == nil || *accounts.Last {
			break
		}
	}
	var revenues []*float64
	for _, rec := range records {
		v, _ := api.ColumnValue(api.Field{Type: api.TypeCurrency}, rec["annual_revenue"]).(float64)
		if rec["annual_revenue"] == nil {
			revenues = append(revenues, nil)
		} else {
			revenues = append(revenues, &v)
		}
	}
	for name, values := range map[string][]*float64{"oppssharedlist by amount": amounts, "GLOBAL_VERTICAL_ACCOUNTS by annual_revenue": revenues} {
		nulls := 0
		for i, v := range values {
			switch {
			case v == nil:
				nulls++
			case nulls > 0:
				t.Fatalf("%s: a value at %d after a null", name, i)
			case i > 0 && *v > *values[i-1]:
				t.Fatalf("%s: %v after %v at %d, not descending", name, *v, *values[i-1], i)
			}
		}
		if nulls == 0 || nulls == len(values) {
			t.Fatalf("%s: %d nulls of %d rows, want some", name, nulls, len(values))
		}
	}
}

// TestPagingIsAsLenientAsSpringData: paging parameters Spring Data cannot use get its defaults,
// not a 400; a sort it cannot apply is ignored, and the envelope says so.
func TestPagingIsAsLenientAsSpringData(t *testing.T) {
	ts := start(t, Config{})
	cases := []struct {
		query              string
		number, size       int
		offset             int64
		sorted, descending bool
	}{
		{"page=-1&size=40", 0, 40, 0, false, false},
		{"page=abc&size=40", 0, 40, 0, false, false},
		{"page=99999999999&size=40", 0, 40, 0, false, false}, // not a 32-bit integer
		{"page=9&size=40", 9, 40, 360, false, false},         // past the end: offset still page x size
		{"size=0", 0, 20, 0, false, false},
		{"size=-5&page=2", 2, 20, 40, false, false},
		{"size=abc", 0, 20, 0, false, false},
		{"size=99999", 0, api.MaxPageSize, 0, false, false},
		{"sort=password", 0, 20, 0, false, false},
		{"sort=password,desc&sort=", 0, 20, 0, false, false},
		{"sort=acceptedPartnerships,sideways", 0, 20, 0, true, false}, // "sideways" is a property, unsortable
		{"sort=acceptedPartnerships,DESC", 0, 20, 0, true, true},
	}
	for _, c := range cases {
		var page api.Page[api.RepConnections]
		if status := ts.get(t, api.NewRepConnections.Path+"?"+c.query, ts.token, &page); status != 200 {
			t.Fatalf("%s: status %d", c.query, status)
		}
		if page.Number != c.number || page.Size != c.size || page.Pageable.Offset != c.offset || page.Sort.Sorted != c.sorted ||
			page.Sort.Unsorted == c.sorted || page.Pageable.Sort != page.Sort {
			t.Errorf("%s: page %d size %d offset %d sort %+v, want page %d size %d offset %d sorted %v",
				c.query, page.Number, page.Size, page.Pageable.Offset, page.Sort, c.number, c.size, c.offset, c.sorted)
		}
		for i := 1; c.sorted && i < len(page.Content); i++ {
			a, b := page.Content[i-1].AcceptedPartnerships, page.Content[i].AcceptedPartnerships
			if (c.descending && a < b) || (!c.descending && a > b) {
				t.Fatalf("%s: not sorted at %d", c.query, i)
			}
		}
	}
}

func TestAuthErrors(t *testing.T) {
	ts := start(t, Config{})
	var body api.ErrorBody
	cases := []struct {
		path, token string
		status      int
	}{
		{api.AuthPath, "", 400},
		{api.AuthPath + "?apiKey=nope", "", 401},
		{api.DashboardByDivision.Path, "", 401},
		{api.DashboardByDivision.Path, "garbage", 401},
		{api.DashboardByDivision.Path, "Bearer " + ts.token, 200},
	}
	for _, c := range cases {
		var out any = &body
		if c.status == 200 {
			out = &[]api.DivisionDashboard{}
		}
		if status := ts.get(t, c.path, c.token, out); status != c.status {
			t.Errorf("%s with %q: %d, want %d", c.path, c.token, status, c.status)
		}
	}
	var restricted api.AuthResponse
	ts.get(t, api.AuthPath+"?apiKey="+RestrictedAPIKey, "", &restricted)
	if status := ts.get(t, api.DashboardByDivision.Path, restricted.Token, &body); status != 403 {
		t.Errorf("token without API_ACCESS: %d, want 403", status)
	}
	// An expired token is refused.
	short := start(t, Config{TokenLifetime: time.Second})
	time.Sleep(1100 * time.Millisecond)
	if status := short.get(t, api.DashboardByDivision.Path, short.token, &body); status != 401 {
		t.Errorf("expired token: %d, want 401", status)
	}
}

func TestTokenHasTheDocumentedClaims(t *testing.T) {
	ts := start(t, Config{})
	claims := jwt.MapClaims{}
	tok, _, err := jwt.NewParser().ParseUnverified(ts.token, claims)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Header["alg"] != "HS256" || claims["iss"] != "PartnerTap" || claims[api.ClaimPermissions] != "ADMIN_VIEW_REPORTS,API_ACCESS" ||
		len(claims["sub"].(string)) != 32 || len(claims[api.ClaimAdminID].(string)) != 32 {
		t.Fatalf("claims %v header %v", claims, tok.Header)
	}
	if exp, iat := claims["exp"].(float64), claims["iat"].(float64); exp-iat != 2592600 {
		t.Fatalf("lifetime %v, want the documented 2592600 s", exp-iat)
	}
}

func TestRequestLogRedactsTheKey(t *testing.T) {
	ts := start(t, Config{})
	for _, r := range ts.Requests() {
		if r.Query.Get(api.AuthKeyParam) == DemoAPIKey {
			t.Fatal("the request log holds the API key")
		}
	}
	if len(ts.Requests()) != 1 || ts.Requests()[0].Query.Get(api.AuthKeyParam) != "[REDACTED]" {
		t.Fatalf("log %+v", ts.Requests())
	}
}

// A million accounts generate and serve in bounded memory: the sandbox keeps indexes, not rows.
func TestMillionAccounts(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a million accounts")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ts := start(t, Config{Dataset: DatasetConfig{Accounts: 1_000_000}})
	var page api.Page[api.SaleAccount]
	ts.get(t, api.SaleAccountsMatched.Path+"?size=2000&page=300", ts.token, &page)
	if len(page.Content) != 2000 || page.TotalElements < 800_000 {
		t.Fatalf("page of %d rows, %d in all", len(page.Content), page.TotalElements)
	}
	ts.get(t, api.SaleAccountsUnmatched.Path+"?size=100&page=4000&partnerOrg="+urlQuery(ts.data.PartnerNames()[2]), ts.token, &page)
	if len(page.Content) != 100 {
		t.Fatalf("unmatched page of %d rows", len(page.Content))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Fatalf("a million accounts hold %d MiB of heap, want under 64", grown>>20)
	}
}

func urlQuery(s string) string {
	return (&url.URL{RawQuery: url.Values{"x": {s}}.Encode()}).RawQuery[2:]
}

// The sandbox refuses what the guides say the API refuses, and what we chose to refuse where they
// are silent (docs/api.md, "Errors"), with the status and a message that says what is wrong.
func TestRequestsTheAPIRefuses(t *testing.T) {
	ts := start(t, Config{})
	partner := ts.data.PartnerOrgRecords()[0]["companyPartnerPublicId"].(string)
	records := api.ChannelEcosystemRecords
	globalAccounts := api.ReportPath(api.ReportGlobalAccounts, "records")
	cases := []struct {
		method, path, body string
		status             int
		message            string
	}{
		{"GET", api.OppsShared.Path + "?direction=SIDEWAYS", "", 400, "direction must be INBOUND or OUTBOUND"},
		{"GET", api.DashboardHistory.Path + "?from=yesterday", "", 400, "from must be epoch seconds"},
		{"GET", api.DashboardHistory.Path + "?to=1.5", "", 400, "to must be epoch seconds"},
		{"GET", api.DashboardHistory.Path + "?interval=YEAR", "", 400, "interval must be DAY, WEEK or MONTH"},
		{"GET", api.DashboardHistory.Path + "?from=2000&to=1000", "", 400, "from must not be after to"},
		{"POST", records, `{"channelReportType":`, 400, "malformed request body"},
		{"POST", records, `{"channelReportType":"PARTNER_ORG_MATCHED_ACCOUNTS","matchingType":"MUTUAL"}`, 400, "needs companyPartnerPublicId"},
		{"POST", records, `{"channelReportType":"PARTNER_ORG_MATCHED_ACCOUNTS","matchingType":"SOME","companyPartnerPublicId":"` + partner + `"}`, 400, "matchingType MUTUAL or ALL_PARTNER_ORGS"},
		{"POST", records, `{"channelReportType":"PARTNER_ORG_EVERYTHING"}`, 400, "unknown channelReportType 'PARTNER_ORG_EVERYTHING'"},
		{"POST", api.ReportPath("GLOBAL_EVERYTHING", "records"), `{}`, 404, "unknown report type 'GLOBAL_EVERYTHING'"},
		{"POST", api.ReportPath(api.ReportGlobalAccounts, "download"), `{}`, 404, "No endpoint POST"},
		{"POST", globalAccounts, `{"filters":{"no_such_field":"x"}}`, 400, "unknown filter field 'no_such_field'"},
		{"POST", globalAccounts, `{"filters":{"account_name":"a<->b"}}`, 400, "takes no range"},
	}
	for _, c := range cases {
		status, raw := ts.rawAnswer(t, c.method, c.path, DemoAPIKey, c.body)
		var body api.ErrorBody
		if err := json.Unmarshal(raw, &body); err != nil || status != c.status || body.Status != c.status || !strings.Contains(body.Message, c.message) {
			t.Errorf("%s %s %s: %d %s, want %d with %q", c.method, c.path, c.body, status, raw, c.status, c.message)
		}
	}
	// A partner id no partner has is no error: an empty list.
	status, raw := ts.rawAnswer(t, "POST", records, DemoAPIKey,
		`{"channelReportType":"PARTNER_ORG_MATCHED_ACCOUNTS","matchingType":"MUTUAL","companyPartnerPublicId":"no-such-partner"}`)
	var page api.ReportPage
	if err := json.Unmarshal(raw, &page); err != nil || status != 200 || len(page.Content) != 0 || page.TotalElements != 0 {
		t.Errorf("an unknown partner: %d %.200s, want 200 and no row", status, raw)
	}
}
