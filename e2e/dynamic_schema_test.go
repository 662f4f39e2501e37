//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// demoOrgColumns are the columns the demo org's /columns adds to the v1 tables (the sandbox's
// custom fields and partner-shared fields, internal/sandbox/orgs.go and v1_columns.go), as
// table.column and Postgres type.
var demoOrgColumns = map[string]string{
	"partnertap_global_overlap_account.custom_tier":                  "text",
	"partnertap_global_overlap_account.custom_region":                "text",
	"partnertap_global_overlap_account.custom_ispartnerpaid":         "boolean",
	"partnertap_global_overlap_opportunity.custom_forecast_category": "text",
	"partnertap_matched_account.custom_tier":                         "text",
	"partnertap_matched_account.custom_region":                       "text",
	"partnertap_matched_account.partneraccountname":                  "text",
	"partnertap_matched_account.partnercrmaccountid":                 "text",
	"partnertap_matched_account.partnercountry":                      "text",
	"partnertap_matched_account.partner_country":                     "text",
	"partnertap_matched_account.partneriscustomer":                   "boolean",
	"partnertap_matched_account.partnerregistrationdate":             "timestamp with time zone",
}

// customColumns are a connection's columns of table that start with custom_, with their types.
func customColumns(t *testing.T, schema, table string) map[string]string {
	t.Helper()
	rows := mustQuery(t, fmt.Sprintf(`select column_name, data_type from information_schema.columns
		where table_schema = '%s' and table_name = '%s' and column_name like 'custom\_%%' and column_name <> 'custom_fields'`, schema, table))
	out := map[string]string{}
	for _, r := range rows {
		out[r["column_name"].(string)] = r["data_type"].(string)
	}
	return out
}

func sameColumns(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}

// Two connections with different orgs show each its org's fields, typed.
func TestConnectionsShowTheirOrgsColumns(t *testing.T) {
	sameColumns(t, "demo org", customColumns(t, "partnertap", "partnertap_global_overlap_account"),
		map[string]string{"custom_tier": "text", "custom_region": "text", "custom_ispartnerpaid": "boolean"})
	sameColumns(t, "second org", customColumns(t, "partnertap_second", "partnertap_global_overlap_account"),
		map[string]string{"custom_segment": "text", "custom_arr": "double precision", "custom_renewal_date": "timestamp with time zone",
			"custom_employees": "double precision"})
}

// A qual on an org's field reaches the API as a filter on its key, and the count is right.
func TestFilterOnACustomColumnIsPushedDown(t *testing.T) {
	all := mustQueryEnv(t, cacheOff, `select count(*) filter (where custom_segment = 'Enterprise') as n
		from partnertap_second.partnertap_global_overlap_account`)
	sandboxSrv.ResetRequests()
	rows := mustQueryEnv(t, cacheOff, `select count(*) as n from partnertap_second.partnertap_global_overlap_account
		where custom_segment = 'Enterprise'`)
	if num(rows[0]["n"]) != num(all[0]["n"]) || num(all[0]["n"]) == 0 {
		t.Fatalf("custom_segment = 'Enterprise': %v rows, the unfiltered read has %v", rows[0]["n"], all[0]["n"])
	}
	reqs := requestsTo(api.ReportPath(api.ReportGlobalAccounts, "records"))
	if len(reqs) == 0 || !strings.Contains(reqs[0].Body, `"custom_segment":"Enterprise`) {
		t.Fatalf("requests %+v: want the filter on custom_segment", reqs)
	}
}

// An aggregator over the two orgs has every org's columns (the SDK's union of the connections'
// columns, SDK patch 0019); each row has its own org's fields, null for the other's.
func TestAggregatorOverTwoOrgs(t *testing.T) {
	got := customColumns(t, "partnertap_orgs", "partnertap_global_overlap_account")
	for _, c := range []string{"custom_tier", "custom_segment", "custom_arr", "custom_ispartnerpaid"} {
		if got[c] == "" {
			t.Errorf("the aggregator has no %s: %v", c, got)
		}
	}
	rows := mustQueryEnv(t, cacheOff, `select sp_connection_name as c, count(*) as n, count(custom_tier) as tier, count(custom_segment) as segment
		from partnertap_orgs.partnertap_global_overlap_account group by 1 order by 1`)
	if len(rows) != 2 || rows[0]["c"] != "partnertap" || rows[1]["c"] != "partnertap_second" {
		t.Fatalf("rows %v: want one group per connection", rows)
	}
	demo, second := rows[0], rows[1]
	// Two companies: each org's own accounts.
	if num(demo["n"]) != float64(len(sandboxSrv.Dataset().MatchedAccountRows())) ||
		num(second["n"]) != float64(len(sandboxSrv.OrgDataset(sandbox.SecondOrg).MatchedAccountRows())) || num(demo["tier"]) == 0 || num(demo["segment"]) != 0 || num(second["tier"]) != 0 || num(second["segment"]) == 0 {
		t.Fatalf("rows %v: each org's rows must carry its own fields only", rows)
	}
}

// With schema_refresh_interval, a field the org maps appears as a column without a restart.
func TestSchemaRefreshAddsANewColumn(t *testing.T) {
	if err := sandboxSrv.AddCustomColumn(sandbox.SecondOrg, api.ReportGlobalAccounts,
		api.Field{Key: "custom_partner_program", Title: "Partner Program", Type: api.TypeString}); err != nil {
		t.Fatal(err)
	}
	// The connection checks its org's fields every 60 s (the shortest interval).
	deadline := time.Now().Add(150 * time.Second)
	for customColumns(t, "partnertap_second_live", "partnertap_global_overlap_account")["custom_partner_program"] != "text" {
		if time.Now().After(deadline) {
			t.Fatal("no custom_partner_program column 150 s after the field was added")
		}
		time.Sleep(2 * time.Second)
	}
	rows := mustQueryEnv(t, cacheOff, `select count(*) as n, count(distinct custom_partner_program) as programs
		from partnertap_second_live.partnertap_global_overlap_account`)
	if num(rows[0]["n"]) == 0 || num(rows[0]["programs"]) < 3 {
		t.Fatalf("rows %v: the new column has no values", rows)
	}
	// The connection without a refresh interval keeps its schema until it is reloaded.
	if _, ok := customColumns(t, "partnertap_second", "partnertap_global_overlap_account")["custom_partner_program"]; ok {
		t.Error("partnertap_second, without schema_refresh_interval, changed its schema")
	}
}
