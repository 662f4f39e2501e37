package partnertap

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// v1Bodies decodes the bodies of the v1 calls to path.
func v1Bodies[T any](t *testing.T, h *harness, path string) []T {
	t.Helper()
	var out []T
	for _, r := range h.apiRequests(path) {
		var b T
		if err := json.Unmarshal([]byte(r.Body), &b); err != nil {
			t.Fatalf("body %q: %v", r.Body, err)
		}
		out = append(out, b)
	}
	return out
}

var globalAccountsPath = api.ReportPath(api.ReportGlobalAccounts, "records")

func TestV1TablesMatchDataset(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	d := h.sandbox.Dataset()
	matched := len(d.MatchedAccountRows())
	cases := []struct {
		table string
		want  int
	}{
		{"partnertap_partner_org", len(d.PartnerNames())},
		{"partnertap_matched_account", matched},
		{"partnertap_global_overlap_account", matched},
		{"partnertap_global_overlap_opportunity", len(d.ReportRecords(api.ReportGlobalOpportunities))},
		{"partnertap_attribution_event", d.AttributionEventCount()},
		{"partnertap_pipeline_attribution_detail", (d.AttributionEventCount() + 2) / 3},
		{"partnertap_pipeline_attribution_summary", (d.AttributionEventCount() + 5) / 6},
		{"partnertap_report_column", reportColumnCount(d)},
	}
	for _, c := range cases {
		rows := h.mustRun(query{table: c.table, columns: []string{"title"}})
		if len(rows) != c.want {
			t.Errorf("%s: %d rows, want %d", c.table, len(rows), c.want)
		}
	}
	for _, r := range h.sandbox.Requests() {
		if strings.HasPrefix(r.Path, "/v1/") && r.Auth != "api-key" {
			t.Fatalf("v1 call %s authenticated with %s, want the api-key header", r.Path, r.Auth)
		}
	}
}

func reportColumnCount(d *sandbox.Dataset) int {
	n := 0
	for _, t := range reportColumnTypes {
		n += d.ColumnCount(t)
	}
	return n
}

func TestV1PartnerOrgValues(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_partner_org", columns: []string{"company_partner_public_id", "partner_name", "partner_type", "first_connected_date", "recommended"}})
	byName := indexBy(t, rows, "partner_name")
	for _, name := range h.sandbox.Dataset().PartnerNames() {
		r := byName[name]
		if r == nil || len(r["company_partner_public_id"].(string)) != 36 || r["partner_type"] == nil {
			t.Fatalf("%s: %v", name, r)
		}
		if _, ok := r["first_connected_date"].(time.Time); !ok {
			t.Fatalf("first_connected_date %T", r["first_connected_date"])
		}
	}
}

func TestV1TokenOnlyConnectionSendsAuthorization(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	token := mintDemoToken(t, sb)
	h := newHarness(t, sandbox.Config{}, `token = "`+token+`"`+"\nbase_url = \"%s\"\n")
	rows := h.mustRun(query{table: "partnertap_partner_org", columns: []string{"partner_name"}})
	reqs := h.apiRequests(api.ChannelEcosystemRecords)
	if len(rows) != 24 || len(reqs) != 1 || reqs[0].Auth != "jwt" {
		t.Fatalf("%d rows, requests %+v: want the JWT in Authorization", len(rows), reqs)
	}
}

func TestMatchedAccountReadsOnePartnerOrAll(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	orgs := h.mustRun(query{table: "partnertap_partner_org", columns: []string{"company_partner_public_id", "partner_name"}})
	id := orgs[0]["company_partner_public_id"].(string)
	h.sandbox.ResetRequests()
	rows := h.mustRun(query{table: "partnertap_matched_account", columns: []string{"account_name", "partner_fields", "matching_type", "company_partner_name"},
		quals: eq("company_partner_public_id", id)})
	bodies := v1Bodies[api.ChannelEcosystemBody](t, h, api.ChannelEcosystemRecords)
	if len(bodies) != 1 || bodies[0].CompanyPartnerPublicID != id || bodies[0].MatchingType != api.MatchingMutual || bodies[0].ChannelReportType != api.ChannelMatchedAccounts {
		t.Fatalf("bodies %+v: want one matched-accounts call for the partner", bodies)
	}
	want := 0
	for _, m := range h.sandbox.Dataset().MatchedAccountRows() {
		if *m.PartnerOrg == orgs[0]["partner_name"] {
			want++
		}
	}
	if len(rows) != want || want == 0 {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(rows[0]["partner_fields"].(string)), &fields); err != nil || fields["partneraccountname"] == nil {
		t.Fatalf("partner_fields %v (%v)", rows[0]["partner_fields"], err)
	}
	if rows[0]["matching_type"] != api.MatchingMutual {
		t.Fatalf("matching_type %v", rows[0]["matching_type"])
	}
	h.sandbox.ResetRequests()
	h.mustRun(query{table: "partnertap_matched_account", columns: []string{"account_name"}, limit: -1})
	if n := len(h.apiRequests(api.ChannelEcosystemRecords)); n != 1+24 {
		t.Fatalf("without a partner: %d calls, want 1 for the partner orgs and 24 for their accounts", n)
	}
}

func TestAttributionContextFromKeyColumnsAndDefaults(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	path := api.ReportPath(api.ReportAttributionEvents, "records")
	all := h.mustRun(query{table: "partnertap_attribution_event", columns: []string{"event_name", "event_type_code", "company_partner_public_id", "event_date"}})
	ctx := v1Bodies[api.ReportBody](t, h, path)[0].Context
	if ctx == nil || len(ctx.PartnerPublicIDs) != 24 || len(ctx.EventTypeCodes) != len(sandbox.EventTypes) {
		t.Fatalf("default context %+v: want every partner and every event type", ctx)
	}
	for _, r := range all {
		if r["event_type_code"] == nil {
			t.Fatalf("row without event_type_code: %v", r)
		}
	}
	// The filters come from a row, so they select some rows whatever the dataset's seed draws.
	partner, eventType := all[0]["company_partner_public_id"].(string), all[0]["event_type_code"].(string)
	from := all[0]["event_date"].(time.Time).Truncate(24*time.Hour).AddDate(0, -3, 0)
	to := from.AddDate(0, 6, 0)
	h.sandbox.ResetRequests()
	rows := h.mustRun(query{table: "partnertap_attribution_event", columns: []string{"event_name", "event_type_code", "company_partner_public_id", "event_date"},
		quals: quals(qual("company_partner_public_id", "=", partner), qual("event_type_code", "=", eventType),
			qual("event_date", ">=", from), qual("event_date", "<", to))})
	ctx = v1Bodies[api.ReportBody](t, h, path)[0].Context
	if fmt.Sprint(ctx.PartnerPublicIDs) != "["+partner+"]" || fmt.Sprint(ctx.EventTypeCodes) != "["+eventType+"]" ||
		ctx.EventDateStart != unix(from) || ctx.EventDateEnd != unix(to) {
		t.Fatalf("context %+v", ctx)
	}
	want := 0
	for _, r := range all {
		ts := r["event_date"].(time.Time)
		if r["company_partner_public_id"] == partner && r["event_type_code"] == eventType && !ts.Before(from) && ts.Before(to) {
			want++
		}
	}
	if len(rows) != want || want == 0 {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	// A one-sided range sends both bounds: the API applies a start only with an end [doc]. It
	// starts at the median event date, so it keeps some rows and drops some.
	var dates []time.Time
	for _, r := range all {
		dates = append(dates, r["event_date"].(time.Time))
	}
	slices.SortFunc(dates, time.Time.Compare)
	from = dates[len(dates)/2]
	h.sandbox.ResetRequests()
	rows = h.mustRun(query{table: "partnertap_attribution_event", columns: []string{"event_name", "event_date"},
		quals: quals(qual("event_date", ">=", from))})
	ctx = v1Bodies[api.ReportBody](t, h, path)[0].Context
	if ctx.EventDateStart != unix(from) || ctx.EventDateEnd != api.FilterRangeDateMax {
		t.Fatalf("one-sided context %+v", ctx)
	}
	want = 0
	for _, r := range all {
		if !r["event_date"].(time.Time).Before(from) {
			want++
		}
	}
	if len(rows) != want || want == len(all) {
		t.Fatalf("event_date >= %s: %d rows, want %d of %d", from, len(rows), want, len(all))
	}
}

// A range on opp_created_date of the pipeline reports goes into the context as
// oppCreatedDateStart and End, and the rows are those of the range.
func TestPipelineContextFromOppCreatedDate(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	path := api.ReportPath(api.ReportPipelineDetail, "records")
	columns := []string{"crm_opportunity_id", "opp_created_date"}
	all := h.mustRun(query{table: "partnertap_pipeline_attribution_detail", columns: columns})
	var dates []time.Time
	for _, r := range all {
		if d, ok := r["opp_created_date"].(time.Time); ok {
			dates = append(dates, d)
		}
	}
	if len(dates) < 10 {
		t.Fatalf("%d rows with an opp_created_date", len(dates))
	}
	slices.SortFunc(dates, time.Time.Compare)
	from, to := dates[len(dates)/4].Truncate(time.Second), dates[3*len(dates)/4].Truncate(time.Second)
	h.sandbox.ResetRequests()
	rows := h.mustRun(query{table: "partnertap_pipeline_attribution_detail", columns: columns,
		quals: quals(qual("opp_created_date", ">=", from), qual("opp_created_date", "<=", to))})
	ctx := v1Bodies[api.ReportBody](t, h, path)[0].Context
	if ctx == nil || ctx.OppCreatedDateStart != unix(from) || ctx.OppCreatedDateEnd != unix(to) || ctx.EventDateStart != "" {
		t.Fatalf("context %+v: want oppCreatedDateStart %s and End %s", ctx, unix(from), unix(to))
	}
	want := 0
	for _, d := range dates {
		if !d.Before(from) && !d.After(to) {
			want++
		}
	}
	if len(rows) != want || want == len(all) {
		t.Fatalf("%d rows, want %d of %d", len(rows), want, len(all))
	}
}

func mintDemoToken(t *testing.T, sb *sandbox.Server) string {
	t.Helper()
	tok, err := sb.MintDemoToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// The pipeline reports keep the event's own fields next to the opportunity's.
func TestPipelineDetailKeepsEventFields(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_pipeline_attribution_detail", columns: []string{"event_type_code", "partner_org_name", "opp_name"}})
	names := map[any]bool{}
	for _, n := range h.sandbox.Dataset().PartnerNames() {
		names[n] = true
	}
	for _, r := range rows {
		if r["event_type_code"] == nil || !names[r["partner_org_name"]] || r["opp_name"] == nil {
			t.Fatalf("row %v: event fields lost", r)
		}
	}
}
