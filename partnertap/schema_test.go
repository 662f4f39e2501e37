package partnertap

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// dynamicSpc is a connection with key's org's columns; %s is the sandbox URL.
func dynamicSpc(key string, extra string) string {
	return `api_key = "` + key + `"` + "\nbase_url = \"%s\"\ndynamic_columns = true\n" + extra
}

// newDynamicHarness is a plugin whose connections, by name, use those keys' orgs' columns.
func newDynamicHarness(t *testing.T, cfg sandbox.Config, keys map[string]string, extra string) *harness {
	t.Helper()
	h := newHarness(t, cfg, demoSpc)
	spcs := map[string]string{}
	for name, key := range keys {
		spcs[name] = fmt.Sprintf(dynamicSpc(key, extra), h.url)
	}
	h.configureConnections(spcs)
	return h
}

// columnTypes is a table's columns in a connection's schema, by name.
func (h *harness) columnTypes(connection, table string) map[string]proto.ColumnType {
	h.t.Helper()
	res, err := h.plugin.GetSchema(&proto.GetSchemaRequest{Connection: connection})
	if err != nil {
		h.t.Fatal(err)
	}
	schema := res.GetSchema().GetSchema()[table]
	if schema == nil {
		h.t.Fatalf("connection %s has no table %s", connection, table)
	}
	out := map[string]proto.ColumnType{}
	for _, c := range schema.Columns {
		if !plugin.IsReservedColumnName(c.Name) { // _ctx, sp_ctx, sp_connection_name: the SDK's
			out[c.Name] = c.Type
		}
	}
	return out
}

func TestEachConnectionHasItsOrgsColumns(t *testing.T) {
	h := newDynamicHarness(t, sandbox.Config{}, map[string]string{"demo": sandbox.DemoAPIKey, "second": sandbox.SecondOrgAPIKey}, "")
	static := tablePartnerTapGlobalOverlapAccount(t.Context()).Columns
	demo, second := h.columnTypes("demo", "partnertap_global_overlap_account"), h.columnTypes("second", "partnertap_global_overlap_account")
	for _, c := range static { // the standard columns whatever /columns says
		if demo[c.Name] != c.Type || second[c.Name] != c.Type {
			t.Errorf("standard column %s: %v and %v, want %v", c.Name, demo[c.Name], second[c.Name], c.Type)
		}
	}
	wantDemo := map[string]proto.ColumnType{"custom_tier": proto.ColumnType_STRING, "custom_region": proto.ColumnType_STRING,
		"custom_ispartnerpaid": proto.ColumnType_BOOL}
	wantSecond := map[string]proto.ColumnType{"custom_segment": proto.ColumnType_STRING, "custom_arr": proto.ColumnType_DOUBLE,
		"custom_renewal_date": proto.ColumnType_TIMESTAMP, "custom_employees": proto.ColumnType_DOUBLE}
	for _, c := range []struct {
		got, want map[string]proto.ColumnType
	}{{demo, wantDemo}, {second, wantSecond}} {
		if len(c.got) != len(static)+len(c.want) {
			t.Errorf("%d columns, want the %d standard ones and %v", len(c.got), len(static), c.want)
		}
		for name, typ := range c.want {
			if c.got[name] != typ {
				t.Errorf("column %s: %v, want %v", name, c.got[name], typ)
			}
		}
	}
	// The matched accounts: the org's fields and every partner's shared ones, typed.
	matched := h.columnTypes("second", "partnertap_matched_account")
	for name, typ := range map[string]proto.ColumnType{"custom_segment": proto.ColumnType_STRING, "custom_arr": proto.ColumnType_DOUBLE,
		"partneraccountname": proto.ColumnType_STRING, "partnercountry": proto.ColumnType_STRING, "partner_country": proto.ColumnType_STRING,
		"partneriscustomer": proto.ColumnType_BOOL, "partnerregistrationdate": proto.ColumnType_TIMESTAMP,
		"partnerterritory": proto.ColumnType_STRING, "partnerpipelinevalue": proto.ColumnType_DOUBLE} {
		if matched[name] != typ {
			t.Errorf("matched accounts' %s: %v, want %v", name, matched[name], typ)
		}
	}
	if _, ok := h.columnTypes("demo", "partnertap_matched_account")["partnerterritory"]; ok {
		t.Error("the demo org's partners share the second org's partnerterritory")
	}
	if _, ok := matched["custom_tier"]; ok {
		t.Error("the second org's matched accounts show the demo org's custom_tier")
	}
	// The description is the field's title.
	res, err := h.plugin.GetSchema(&proto.GetSchemaRequest{Connection: "second"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.GetSchema().GetSchema()["partnertap_global_overlap_account"].Columns {
		if c.Name == "custom_renewal_date" && !strings.HasPrefix(c.Description, "Renewal Date.") {
			t.Errorf("custom_renewal_date's description %q does not start with its title", c.Description)
		}
	}
	// Read once per connection: each list's /columns, the matched accounts' once per partner, for
	// the first 20 of the demo org's 24 and all 16 of the second org's.
	want := 2 * (len(v1TableReports) - 1)
	for _, org := range []string{sandbox.DemoOrg, sandbox.SecondOrg} {
		want += min(len(h.sandbox.OrgDataset(org).PartnerNames()), maxPartnerColumnReads)
	}
	if got := len(columnsRequests(h)); got != want {
		t.Errorf("%d /columns requests for two connections, want %d", got, want)
	}
}

// columnsRequests are the /columns requests the sandbox received.
func columnsRequests(h *harness) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range h.sandbox.Requests() {
		if strings.HasSuffix(r.Path, "/columns") {
			out = append(out, r)
		}
	}
	return out
}

// Each dynamic column holds the record's own value of its key, typed: the oracle is the same
// record's custom_fields, which shows the keys as they came.
func TestDynamicColumnsHoldTheRecordsValues(t *testing.T) {
	h := newDynamicHarness(t, sandbox.Config{}, map[string]string{"second": sandbox.SecondOrgAPIKey}, "")
	rows := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: -1,
		columns: []string{"crm_account_id", "custom_fields", "custom_segment", "custom_arr", "custom_renewal_date", "custom_employees"}})
	if len(rows) != len(h.sandbox.OrgDataset(sandbox.SecondOrg).MatchedAccountRows()) {
		t.Fatalf("%d rows", len(rows))
	}
	nonNull := map[string]int{}
	for _, r := range rows {
		var raw map[string]any
		if err := json.Unmarshal([]byte(r["custom_fields"].(string)), &raw); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"custom_segment": raw["custom_segment"], "custom_arr": raw["custom_arr"], "custom_employees": raw["custom_employees"], "custom_renewal_date": nil}
		if epoch, ok := raw["custom_renewal_date"].(float64); ok {
			want["custom_renewal_date"] = time.Unix(int64(epoch), 0).UTC()
		}
		for column, v := range want {
			if got := r[column]; fmt.Sprint(got) != fmt.Sprint(v) {
				t.Fatalf("%s of %s: %v (%T), its record has %v", column, r["crm_account_id"], got, got, v)
			}
			if v != nil {
				nonNull[column]++
			}
		}
	}
	for _, column := range []string{"custom_segment", "custom_arr", "custom_renewal_date", "custom_employees"} {
		if nonNull[column] < len(rows)/2 || nonNull[column] == len(rows) {
			t.Errorf("%s: %d of %d rows not null: the values are not the sandbox's mix", column, nonNull[column], len(rows))
		}
	}
}

// A qual on an org's field is a filter on its key, with the same superset rule as the standard
// columns; under a LIMIT each row is checked, so a widened filter never makes the answer short.
func TestQualsOnDynamicColumnsArePushedDown(t *testing.T) {
	h := newDynamicHarness(t, sandbox.Config{}, map[string]string{"second": sandbox.SecondOrgAPIKey}, "")
	all := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: -1, columns: []string{"custom_segment", "custom_arr"}})
	enterprise, rich := 0, 0
	for _, r := range all {
		if r["custom_segment"] == "Enterprise" {
			enterprise++
		}
		if arr, ok := r["custom_arr"].(float64); ok && arr > 50000.5 {
			rich++
		}
	}
	path := api.ReportPath(api.ReportGlobalAccounts, "records")
	h.sandbox.ResetRequests()
	rows := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: -1,
		columns: []string{"custom_segment"}, quals: eq("custom_segment", "Enterprise")})
	if len(rows) != enterprise || enterprise == 0 {
		t.Fatalf("custom_segment = 'Enterprise': %d rows, want %d", len(rows), enterprise)
	}
	if reqs := h.apiRequests(path); len(reqs) == 0 || !strings.Contains(reqs[0].Body, `"custom_segment":"Enterprise`) {
		t.Fatalf("the filter was not sent: %+v", reqs)
	}
	h.sandbox.ResetRequests()
	limited := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: 7,
		columns: []string{"custom_arr"}, quals: quals(qual("custom_arr", ">", 50000.5))})
	if len(limited) != 7 || rich < 7 {
		t.Fatalf("custom_arr > 50000.5 limit 7: %d rows (%d such rows exist)", len(limited), rich)
	}
	for _, r := range limited {
		if arr, _ := r["custom_arr"].(float64); arr <= 50000.5 {
			t.Fatalf("custom_arr > 50000.5 gave %v", r["custom_arr"])
		}
	}
	if reqs := h.apiRequests(path); len(reqs) == 0 || !strings.Contains(reqs[0].Body, `"custom_arr"`) {
		t.Fatalf("the range filter was not sent: %+v", reqs)
	}
	if reqs := columnsRequests(h); len(reqs) != 0 {
		t.Fatalf("queries read /columns: %+v", reqs)
	}
	// The API's "not equal" keeps the nulls SQL's <> drops: under a LIMIT they must not count.
	notSMB := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: 50,
		columns: []string{"custom_segment"}, quals: quals(qual("custom_segment", "<>", "SMB"))})
	if len(notSMB) != 50 {
		t.Fatalf("custom_segment <> 'SMB' limit 50: %d rows", len(notSMB))
	}
	for _, r := range notSMB {
		if r["custom_segment"] == nil || r["custom_segment"] == "SMB" {
			t.Fatalf("custom_segment <> 'SMB' gave %v", r["custom_segment"])
		}
	}
}

// A connection whose /columns cannot be read keeps the static tables; the others are not touched.
func TestAConnectionWhoseColumnsFailKeepsTheStaticSchema(t *testing.T) {
	h := newDynamicHarness(t, sandbox.Config{}, map[string]string{"good": sandbox.SecondOrgAPIKey,
		"wrong_key": "00000000-0000-4000-8000-000000000000", "no_api_access": sandbox.RestrictedAPIKey}, "")
	static := len(tablePartnerTapGlobalOverlapAccount(t.Context()).Columns)
	for _, name := range []string{"wrong_key", "no_api_access"} {
		if got := len(h.columnTypes(name, "partnertap_global_overlap_account")); got != static {
			t.Errorf("%s: %d columns, want the %d static ones", name, got, static)
		}
	}
	if got := h.columnTypes("good", "partnertap_global_overlap_account"); got["custom_segment"] != proto.ColumnType_STRING {
		t.Errorf("the good connection lost its columns: %v", got)
	}
	if _, err := h.run(query{connection: "wrong_key", table: "partnertap_global_overlap_account", columns: []string{"account_name"}, limit: -1}); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("a query on the wrong key: %v, want its 401", err)
	}
}

// A server that does not answer in time leaves the connection with the static tables, within
// schemaBuildTimeout rather than the client's own timeouts and retries.
func TestAHangingServerDoesNotHoldUpTheSchema(t *testing.T) {
	saved := schemaBuildTimeout
	schemaBuildTimeout = 300 * time.Millisecond
	t.Cleanup(func() { schemaBuildTimeout = saved })
	h := newHarness(t, sandbox.Config{}, demoSpc)
	h.sandbox.SetFaults(sandbox.Faults{LatencyMS: 5000})
	start := time.Now()
	h.configureConnections(map[string]string{"slow": fmt.Sprintf(dynamicSpc(sandbox.SecondOrgAPIKey, ""), h.url)})
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("the schema took %s", took)
	}
	if got := h.columnTypes("slow", "partnertap_global_overlap_account"); len(got) != len(tablePartnerTapGlobalOverlapAccount(t.Context()).Columns) {
		t.Fatalf("%d columns, want the static ones", len(got))
	}
}

// A spent quota (429 with a Retry-After past the build's time) leaves the static tables too.
func TestASpentQuotaDoesNotHoldUpTheSchema(t *testing.T) {
	saved := schemaBuildTimeout
	schemaBuildTimeout = 500 * time.Millisecond
	t.Cleanup(func() { schemaBuildTimeout = saved })
	h := newHarness(t, sandbox.Config{V1RateLimit: 2, V1RateWindow: time.Minute}, demoSpc)
	start := time.Now()
	h.configureConnections(map[string]string{"spent": fmt.Sprintf(dynamicSpc(sandbox.SecondOrgAPIKey, "requests_per_minute = 0\n"), h.url)})
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("the schema took %s", took)
	}
	if got := h.columnTypes("spent", "partnertap_global_overlap_account"); got["custom_segment"] != 0 || len(got) != len(tablePartnerTapGlobalOverlapAccount(t.Context()).Columns) {
		t.Fatalf("%d columns, want the static ones", len(got))
	}
	saw429 := false
	for _, r := range h.sandbox.Requests() {
		saw429 = saw429 || r.Status == 429
	}
	if !saw429 {
		t.Fatal("no request was answered 429: the test did not spend the quota")
	}
}

// With schema_refresh_interval, a field the org adds becomes a column, and can be queried.
func TestSchemaRefreshFindsANewField(t *testing.T) {
	saved := minSchemaRefresh
	minSchemaRefresh = 1
	t.Cleanup(func() { minSchemaRefresh = saved })
	h := newDynamicHarness(t, sandbox.Config{}, map[string]string{"second": sandbox.SecondOrgAPIKey}, "schema_refresh_interval = 1\n")
	if _, ok := h.columnTypes("second", "partnertap_global_overlap_account")["custom_partner_tier"]; ok {
		t.Fatal("the column exists before the field")
	}
	if err := h.sandbox.AddCustomColumn(sandbox.SecondOrg, api.ReportGlobalAccounts,
		api.Field{Key: "custom_partner_tier", Title: "Partner Tier", Type: api.TypeString}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for h.columnTypes("second", "partnertap_global_overlap_account")["custom_partner_tier"] != proto.ColumnType_STRING {
		if time.Now().After(deadline) {
			t.Fatal("no custom_partner_tier column 10 s after the field was added")
		}
		time.Sleep(100 * time.Millisecond)
	}
	rows := h.mustRun(query{connection: "second", table: "partnertap_global_overlap_account", limit: -1, columns: []string{"custom_partner_tier"}})
	values := map[any]bool{}
	for _, r := range rows {
		values[r["custom_partner_tier"]] = true
	}
	if len(values) < 3 {
		t.Fatalf("custom_partner_tier values: %v", values)
	}
}

func TestDynamicColumnNames(t *testing.T) {
	taken := func(names ...string) func(string) bool {
		return func(n string) bool {
			for _, t := range names {
				if n == t {
					return true
				}
			}
			return false
		}
	}
	for _, c := range []struct {
		key    string
		shared bool
		taken  []string
		want   string
	}{
		{"custom_region", false, nil, "custom_region"},
		{"partnerCountry", true, nil, "partner_country"},
		{"city", false, []string{"city"}, "city_custom"},
		{"city", true, []string{"city"}, "city_partner"},
		{"city", false, []string{"city", "city_custom", "city_custom_2"}, "city_custom_3"},
		{"Custom Region!", false, nil, "custom_region"},
		{"custom-ARR (USD)", false, nil, "custom_arr_usd"},
		{"ARRValue2024", false, nil, "arr_value2024"},
		{"9lives", false, nil, "field_9lives"},
		{"__", false, nil, "field_"},
		{"sp_connection_name", false, nil, "field_sp_connection_name"},
		{"_ctx", false, nil, "ctx"},
		{"région", false, nil, "r_gion"},
	} {
		if got := dynamicColumnName(c.key, c.shared, taken(c.taken...)); got != c.want {
			t.Errorf("%q (shared %v, taken %v): %q, want %q", c.key, c.shared, c.taken, got, c.want)
		}
	}
}

// A changed connection config builds the schema with the new config: the SDK rebuilds a changed
// connection's tables before it clears the connection's cache (which holds the old client).
func TestAConfigChangeRebuildsTheSchemaWithTheNewConfig(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	spc := func(key string) map[string]string {
		return map[string]string{"org": fmt.Sprintf(dynamicSpc(key, ""), h.url)}
	}
	h.configureConnections(spc("00000000-0000-4000-8000-000000000000"))
	if got := h.columnTypes("org", "partnertap_global_overlap_account"); got["custom_segment"] != 0 {
		t.Fatal("a wrong key has the second org's columns")
	}
	if _, err := h.run(query{connection: "org", table: "partnertap_global_overlap_account", columns: []string{"account_name"}, limit: -1}); err == nil {
		t.Fatal("the wrong key's query succeeded") // and cached the connection's client
	}
	_, err := h.plugin.UpdateConnectionConfigs(&proto.UpdateConnectionConfigsRequest{Changed: []*proto.ConnectionConfig{{
		Connection: "org", Plugin: "local/partnertap", PluginShortName: "partnertap", PluginInstance: "local/partnertap",
		Config: "requests_per_minute = 0\n" + spc(sandbox.SecondOrgAPIKey)["org"],
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.columnTypes("org", "partnertap_global_overlap_account"); got["custom_segment"] != proto.ColumnType_STRING {
		t.Fatalf("after the key was fixed: %v", got)
	}
}

// stopAllSchemaWatches stops every schema refresh, as the end of the plugin process would.
func stopAllSchemaWatches() {
	schemaWatches.Lock()
	defer schemaWatches.Unlock()
	for name := range schemaWatches.stop {
		stopWatchLocked(name)
	}
}
