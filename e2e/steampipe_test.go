//go:build e2e

package e2e

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap"
)

// postgresType is the column type Steampipe creates for each plugin column type.
var postgresType = map[proto.ColumnType]string{
	proto.ColumnType_STRING:    "text",
	proto.ColumnType_INT:       "bigint",
	proto.ColumnType_DOUBLE:    "double precision",
	proto.ColumnType_BOOL:      "boolean",
	proto.ColumnType_TIMESTAMP: "timestamp with time zone",
	proto.ColumnType_JSON:      "jsonb",
}

func TestSchemaMatchesTableDefinitions(t *testing.T) {
	rows := mustQuery(t, `select table_name, column_name, data_type from information_schema.columns
		where table_schema = 'partnertap' order by table_name, column_name`)
	got := map[string]string{}
	for _, r := range rows {
		got[r["table_name"].(string)+"."+r["column_name"].(string)] = r["data_type"].(string)
	}
	want := map[string]string{}
	for name, table := range partnertap.Plugin(context.Background()).TableMap {
		for _, c := range table.Columns {
			want[name+"."+c.Name] = postgresType[c.Type]
		}
		for _, c := range []string{"sp_connection_name", "sp_ctx", "_ctx"} {
			want[name+"."+c] = map[bool]string{true: "text", false: "jsonb"}[c == "sp_connection_name"]
		}
	}
	for column, typ := range demoOrgColumns { // the connection's dynamic columns
		want[column] = typ
	}
	var diffs []string
	for k, w := range want {
		if got[k] != w {
			diffs = append(diffs, k+": steampipe has "+got[k]+", the plugin defines "+w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, k+": in steampipe, not in the plugin")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("schema differs:\n%s", strings.Join(diffs, "\n"))
	}
	if len(want) < 80 {
		t.Fatalf("only %d columns defined: the comparison is vacuous", len(want))
	}
}

func TestMissingKeyGivesThePluginsError(t *testing.T) {
	_, err := query("select division from partnertap_nokey.partnertap_dashboard")
	if err == nil || !strings.Contains(err.Error(), "no credentials: set api_key (or the PARTNERTAP_API_KEY environment variable)") {
		t.Fatalf("error %v, want the plugin's no-credentials message", err)
	}
}

// TestQualsAndLimitReachTheSandbox checks what each query asks the API, so it runs its queries with
// the query cache off: with it on, an earlier test's identical query would answer from the cache.
func TestQualsAndLimitReachTheSandbox(t *testing.T) {
	sandboxSrv.ResetRequests()
	rows := mustQueryEnv(t, cacheOff, `select opportunity_id from partnertap_opportunity
		where partner_org = 'Oliver Wyman' and direction = 'OUTBOUND'`)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	reqs := requestsTo(api.OppsShared.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("partnerOrg") != "Oliver Wyman" || reqs[0].Query.Get("direction") != "OUTBOUND" {
		t.Fatalf("requests %+v: want one carrying partnerOrg and direction", reqs)
	}

	sandboxSrv.ResetRequests()
	rows = mustQueryEnv(t, cacheOff, `select rep_name from partnertap_rep_partnership_stat limit 10`)
	reqs = requestsTo(api.NewRepConnections.Path)
	if len(rows) != 10 || len(reqs) != 1 || reqs[0].Query.Get("size") != "10" {
		t.Fatalf("limit 10: %d rows, requests %+v; want one request of size 10", len(rows), reqs)
	}

	sandboxSrv.ResetRequests()
	mustQueryEnv(t, cacheOff, `select count(*) from partnertap_sale_account where matched and search = 'tech'`)
	if len(requestsTo(api.SaleAccountsUnmatched.Path)) != 0 || requestsTo(api.SaleAccountsMatched.Path)[0].Query.Get("search") != "tech" {
		t.Fatalf("requests %+v", sandboxSrv.Requests())
	}

	sandboxSrv.ResetRequests()
	mustQueryEnv(t, cacheOff, `select count(*) from partnertap_dashboard_history
		where interval = 'WEEK' and period_start >= '2026-01-01' and period_start < '2026-02-01'`)
	reqs = requestsTo(api.DashboardHistory.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("from") != "1767225600" || reqs[0].Query.Get("to") != "1769904000" || reqs[0].Query.Get("interval") != "WEEK" {
		t.Fatalf("requests %+v", reqs)
	}
}

func requestsTo(path string) (out []sandboxRequest) {
	for _, r := range sandboxSrv.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}
