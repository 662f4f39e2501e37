//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// These tests run Steampipe with its default settings: the query cache on (the plugin no longer
// turns it off). Facts of Steampipe v1.2.0 and FDW v1.13.0 they rely on, read in their source:
//   - `.cache on|off|clear` and `.cache_ttl N` exist only in the interactive prompt; they run
//     `select steampipe_internal.meta_cache('on'|'off'|'clear')` and
//     `steampipe_internal.meta_cache_ttl(N)` in the prompt's session. `steampipe query` with an
//     argument or a .sql file sends the text to Postgres as one prepared statement, so a
//     meta-command there is a syntax error; the same functions, called through psql in the
//     session that runs the query, are the non-interactive form.
//   - Those settings live in the FDW of one Postgres backend: they change that session's scans
//     only. `clear` makes that session ignore what was cached before it; other sessions still get
//     those answers.
//   - STEAMPIPE_CACHE=false in the environment of `steampipe query` turns the cache off for its
//     session (the client calls meta_cache('off')); in the environment of `steampipe service start`
//     it turns the cache off in the plugin and the FDW for every session. STEAMPIPE_CACHE_TTL=N
//     in `steampipe query`'s environment sets its session's TTL (at most the server's 300 s).
//   - steampipe_internal.meta_connection_cache_clear(connection) clears the plugin's connection
//     cache (d.ConnectionCache: our client and token), not the query cache.

// saleAccountKey is a row's identity in partnertap_sale_account: a column `key`, the same from
// psql and from `steampipe query`. Its scan asks the plugin for sale_account_id and partner_org.
const saleAccountKey = "sale_account_id || '|' || coalesce(partner_org, '') as key"

func keyOf(a api.SaleAccount) string {
	org := ""
	if a.PartnerOrg != nil {
		org = *a.PartnerOrg
	}
	return a.SaleAccountID + "|" + org
}

func keysOf(accounts []api.SaleAccount) []string {
	keys := make([]string, 0, len(accounts))
	for _, a := range accounts {
		keys = append(keys, keyOf(a))
	}
	return keys
}

func rowKeys(rows []row) []string {
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		keys = append(keys, fmt.Sprint(r["key"]))
	}
	return keys
}

// sameKeys fails unless got holds exactly the keys of want, each as often.
func sameKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = append([]string(nil), got...), append([]string(nil), want...)
	sort.Strings(got)
	sort.Strings(want)
	if len(want) == 0 {
		t.Fatalf("%s: the dataset has no such rows: the check is vacuous", what)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want the dataset's %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: row %q where the dataset has %q (rows repeated, missing or foreign)", what, got[i], want[i])
		}
	}
}

func matchedWhere(d *sandbox.Dataset, keep func(api.SaleAccount) bool) []api.SaleAccount {
	var out []api.SaleAccount
	for _, m := range d.MatchedAccountRows() {
		if keep(m) {
			out = append(out, m)
		}
	}
	return out
}

// servicePsql runs statements in one psql session on the Steampipe service as the database's root
// role (Postgres's defaults, as the demo uses) and returns the output's non-empty lines.
func servicePsql(t *testing.T, statements ...string) []string {
	t.Helper()
	args := []string{"-qAt", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "9193", "-U", "root", "-d", "steampipe"}
	for _, s := range statements {
		args = append(args, "-c", s)
	}
	out, err := exec.Command("psql", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v: %s", statements, err, out)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// restartService restarts the Steampipe service (a new plugin process, an empty query cache) with
// env added to its environment. `steampipe service restart --force` does not wait for the old
// postmaster and plugin manager to exit: started again at once, Postgres could not bind
// 127.0.0.1:9193 ("Address already in use") and scans failed with "plugin manager is not running
// and there is no state file". So: stop, wait until the old processes are gone, start.
func restartService(t *testing.T, env ...string) {
	t.Helper()
	if out, err := steampipeCmd("service", "stop", "--force").CombinedOutput(); err != nil {
		t.Fatalf("steampipe service stop: %v: %s", err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !serviceGone() {
		if time.Now().After(deadline) {
			t.Fatal("the stopped Steampipe service still holds port 9193 or runs processes after 20 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	start := withEnv(steampipeCmd("service", "start", "--database-listen", "local", "--database-port", "9193"), env...)
	if out, err := start.CombinedOutput(); err != nil {
		t.Fatalf("steampipe service start %v: %v: %s", env, err, out)
	}
	if err := waitForConnections(); err != nil {
		t.Fatal(err)
	}
}

// serviceGone tells whether port 9193 is free and no postmaster, plugin manager or plugin of the
// Steampipe user runs (they outlive `service stop --force` by about a second).
func serviceGone() bool {
	for _, addr := range []string{"127.0.0.1:9193", "[::1]:9193"} {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return false
		}
		_ = ln.Close()
	}
	for _, pattern := range []string{"db/14.17.0/postgres/bin/postgres", "steampipe plugin-manager", "partnertap.plugin"} {
		if exec.Command("pgrep", "-u", "steampipe", "-f", pattern).Run() == nil {
			return false
		}
	}
	return true
}

// The SQL of the cache tests, in the search path's connection unless it names one.
const (
	matchedSQL   = "select " + saleAccountKey + " from partnertap_sale_account where matched"
	unmatchedSQL = "select " + saleAccountKey + " from partnertap_sale_account where not matched"
)

// psqlMatchedSQL is matchedSQL for a psql session of the root role, whose search path does not
// hold the plugin's schema.
var psqlMatchedSQL = strings.Replace(matchedSQL, "from ", "from partnertap.", 1)

// fillCache runs matchedSQL in a session that first ignores whatever the cache held (`.cache
// clear`): it must read the API, and its answer fills the cache for every later session.
func fillCache(t *testing.T) {
	t.Helper()
	sandboxSrv.ResetRequests()
	keys := servicePsql(t, "select steampipe_internal.meta_cache('clear')", psqlMatchedSQL)
	sameKeys(t, "the filling scan", keys, keysOf(sandboxSrv.Dataset().MatchedAccountRows()))
	if len(requestsTo(api.SaleAccountsMatched.Path)) == 0 {
		t.Fatal("the scan after .cache clear made no API request")
	}
}

// A scan returns every row once even when Postgres takes the first rows late. With the query
// cache on, SDK v5.14.1 handed a scan that filled the cache a slice of its reused 1000-row page
// buffer: the first scan after a start (a new plugin process, and a new backend that compiles the
// query with JIT before it reads a row) returned repeats of rows 1000 places later in place of
// others, 4975 rows of which 4768 different. Patch 0001 of third_party/patches/steampipe-plugin-sdk
// (query-cache-copy-buffered-rows) fixes it; this checks it over several fresh starts, for a scan
// and for the demo's join of a CRM table with partnertap_sale_account, each filling the cache.
// Built against the unpatched v5.14.1 (go.mod without its replace line), both checks fail at the
// first start: 4975 rows of which 4926 different; CRM accounts joined with partners missing.
func TestFirstScanAfterAStartGetsEveryRowOnce(t *testing.T) {
	loadCRMAccounts(t)
	d := sandboxSrv.Dataset()
	want := map[string]bool{}
	partnersOf := map[string][]string{}
	for _, m := range d.MatchedAccountRows() {
		want[m.SaleAccountID+"|"+*m.PartnerOrg] = true
		partnersOf[m.CrmAccountID] = append(partnersOf[m.CrmAccountID], *m.PartnerOrg)
	}
	for _, p := range partnersOf {
		sort.Strings(p)
	}
	for start := 1; start <= 3; start++ {
		restartService(t)
		// psql as the database's root role, as the demo does: a session with Postgres's defaults.
		got := servicePsql(t, "select sale_account_id || '|' || partner_org from partnertap.partnertap_sale_account where matched")
		different := map[string]bool{}
		for _, key := range got {
			if !want[key] {
				t.Fatalf("start %d: row %q is not in the dataset", start, key)
			}
			different[key] = true
		}
		if len(got) != len(want) || len(different) != len(want) {
			t.Fatalf("start %d: %d rows of which %d different, want the %d matched rows once each", start, len(got), len(different), len(want))
		}

		// The demo's join, through `steampipe query`: another scan filling the cache (other columns).
		rows := mustQuery(t, `select c.crm_account_id, coalesce(string_agg(s.partner_org, ',' order by s.partner_org), '') as partners
			from public.crm_account c
			left join partnertap_sale_account s on s.crm_account_id = c.crm_account_id and s.matched
			group by c.crm_account_id`)
		if len(rows) != 16 {
			t.Fatalf("start %d: %d CRM rows, want 16", start, len(rows))
		}
		joined := 0
		for _, r := range rows {
			id := r["crm_account_id"].(string)
			if w := strings.Join(partnersOf[id], ","); r["partners"] != w {
				t.Fatalf("start %d: CRM account %s joined partners %q, the dataset has %q", start, id, r["partners"], w)
			}
			joined += len(partnersOf[id])
		}
		if joined == 0 {
			t.Fatal("no CRM account matched any partner: the join shows nothing")
		}
	}
}

// loadCRMAccounts loads demo/crm_accounts.csv into public.crm_account, as scripts/demo.sh does.
func loadCRMAccounts(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "demo/crm_accounts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(t.TempDir(), "crm_accounts.csv")
	if err := os.WriteFile(csvPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	servicePsql(t, "set client_min_messages = warning",
		"drop table if exists public.crm_account",
		`create table public.crm_account (crm_account_id text primary key, account_name text,
			annual_recurring_revenue numeric, renewal_date date, customer_success_manager text, tier text)`,
		`\copy public.crm_account from '`+csvPath+`' with (format csv, header true)`,
		"grant select on public.crm_account to steampipe")
	t.Cleanup(func() { servicePsql(t, "drop table if exists public.crm_account") })
}

// A query repeated within the TTL, from another `steampipe query`, is answered from the cache: no
// API request at all (not even a token), and the same rows.
func TestRepeatedQueryIsAnsweredFromTheCache(t *testing.T) {
	fillCache(t)
	for i := 1; i <= 2; i++ {
		sandboxSrv.ResetRequests()
		rows := mustQuery(t, matchedSQL)
		if reqs := sandboxSrv.Requests(); len(reqs) != 0 {
			t.Fatalf("repeat %d made %d API requests, want 0 (a cache hit): %+v", i, len(reqs), reqs)
		}
		sameKeys(t, fmt.Sprintf("repeat %d", i), rowKeys(rows), keysOf(sandboxSrv.Dataset().MatchedAccountRows()))
	}
}

// Each of Steampipe's cache controls makes a query read the API although the cache holds its
// answer: before each, the same query from a default session costs no request (the cache is warm,
// and the previous control changed only its own session).
func TestCacheControlsForceARead(t *testing.T) {
	fillCache(t)
	want := keysOf(sandboxSrv.Dataset().MatchedAccountRows())
	controls := []struct {
		name string
		run  func(t *testing.T) []string
	}{
		{"STEAMPIPE_CACHE=false", func(t *testing.T) []string {
			return rowKeys(mustQueryEnv(t, []string{"STEAMPIPE_CACHE=false"}, matchedSQL))
		}},
		{".cache off", func(t *testing.T) []string {
			return servicePsql(t, "select steampipe_internal.meta_cache('off')", psqlMatchedSQL)
		}},
		{".cache clear", func(t *testing.T) []string {
			return servicePsql(t, "select steampipe_internal.meta_cache('clear')", psqlMatchedSQL)
		}},
		{"STEAMPIPE_CACHE_TTL=1, 2 s after the answer was cached", func(t *testing.T) []string {
			time.Sleep(2 * time.Second)
			return rowKeys(mustQueryEnv(t, []string{"STEAMPIPE_CACHE_TTL=1"}, matchedSQL))
		}},
	}
	for _, c := range controls {
		t.Run(c.name, func(t *testing.T) {
			sandboxSrv.ResetRequests()
			sameKeys(t, "the default query before it", rowKeys(mustQuery(t, matchedSQL)), want)
			if n := len(sandboxSrv.Requests()); n != 0 {
				t.Fatalf("the default query before it made %d API requests, want 0 (the cache is warm)", n)
			}
			sandboxSrv.ResetRequests()
			sameKeys(t, c.name, c.run(t), want)
			if len(requestsTo(api.SaleAccountsMatched.Path)) == 0 {
				t.Fatal("answered from the cache, want a read of the API")
			}
		})
	}
}

// STEAMPIPE_CACHE=false in the service's environment turns the cache off for every session: a
// repeated query reads the API each time, whatever its client asks (scripts/steampipe passes
// STEAMPIPE_CACHE=true to `steampipe query`, and psql asks nothing).
func TestServiceWithCacheOffReadsEveryQuery(t *testing.T) {
	restartService(t, "STEAMPIPE_CACHE=false")
	t.Cleanup(func() { restartService(t) })
	want := keysOf(sandboxSrv.Dataset().MatchedAccountRows())
	for i := 1; i <= 2; i++ {
		sandboxSrv.ResetRequests()
		sameKeys(t, fmt.Sprintf("steampipe query %d", i), rowKeys(mustQuery(t, matchedSQL)), want)
		if len(requestsTo(api.SaleAccountsMatched.Path)) == 0 {
			t.Fatalf("steampipe query %d was answered from the cache of a service started with STEAMPIPE_CACHE=false", i)
		}
	}
	sandboxSrv.ResetRequests()
	sameKeys(t, "psql", servicePsql(t, psqlMatchedSQL), want)
	if len(requestsTo(api.SaleAccountsMatched.Path)) == 0 {
		t.Fatal("psql was answered from the cache of a service started with STEAMPIPE_CACHE=false")
	}
}

// The cache never gives a query another query's rows: another limit, other quals and other
// connections each get their own answer. A cached superset may answer a narrower query (Postgres
// applies every qual again), so every answer is checked against the dataset, and a read of the API
// is required only where no cached answer could serve.
func TestCacheNeverAnswersAnotherQuery(t *testing.T) {
	restartService(t) // an empty cache: what this test caches is all the cache holds
	d := sandboxSrv.Dataset()
	matched := keysOf(d.MatchedAccountRows())

	// Each step runs after the ones before it, with what they cached.
	step := func(name, sql string, want []string, mustRead ...string) {
		t.Helper()
		t.Run(name, func(t *testing.T) {
			sandboxSrv.ResetRequests()
			sameKeys(t, name, rowKeys(mustQuery(t, sql)), want)
			for _, path := range mustRead {
				if len(requestsTo(path)) == 0 {
					t.Fatalf("no request to %s: answered from another query's cache", path)
				}
			}
		})
	}

	// limit 7 caches 7 rows; the unlimited query after it must not get only them.
	sandboxSrv.ResetRequests()
	seven := mustQuery(t, matchedSQL+" limit 7")
	if len(seven) != 7 || len(requestsTo(api.SaleAccountsMatched.Path)) == 0 {
		t.Fatalf("limit 7: %d rows, %d requests", len(seven), len(sandboxSrv.Requests()))
	}
	step("unlimited after limit 7", matchedSQL, matched, api.SaleAccountsMatched.Path)
	// Now the cache holds every matched row.
	step("not matched", unmatchedSQL, keysOf(d.UnmatchedAccountRows()), api.SaleAccountsUnmatched.Path)
	step("no qual", "select "+saleAccountKey+" from partnertap_sale_account",
		append(append([]string(nil), matched...), keysOf(d.UnmatchedAccountRows())...),
		api.SaleAccountsMatched.Path, api.SaleAccountsUnmatched.Path)
	partner := d.PartnerNames()[1]
	step("one partner (the cached matched rows may answer)",
		matchedSQL+" and partner_org = '"+partner+"'",
		keysOf(matchedWhere(d, func(m api.SaleAccount) bool { return *m.PartnerOrg == partner })))
	// search filters without being a row value: only an identical search may answer.
	step("a search", matchedSQL+" and search = 'soft'",
		keysOf(matchedWhere(d, func(m api.SaleAccount) bool {
			has := func(s string) bool { return strings.Contains(strings.ToLower(s), "soft") }
			return has(m.AccountName) || has(m.CrmAccountID) || (m.Website != nil && has(*m.Website))
		})), api.SaleAccountsMatched.Path)
	if reqs := requestsTo(api.SaleAccountsMatched.Path); len(reqs) == 0 || reqs[0].Query.Get("search") != "soft" {
		t.Errorf("a search: requests %+v, want them to carry search=soft", reqs)
	}
	t.Run("limit 5 after the full scan (the cached rows may answer)", func(t *testing.T) {
		five := mustQuery(t, matchedSQL+" limit 5")
		inMatched := map[string]bool{}
		for _, k := range matched {
			inMatched[k] = true
		}
		if len(five) != 5 {
			t.Fatalf("%d rows, want 5", len(five))
		}
		for _, k := range rowKeys(five) {
			if !inMatched[k] {
				t.Fatalf("row %q is not a matched row", k)
			}
		}
	})

	// Other connections: the same query must not get partnertap's cached rows.
	t.Run("partnertap_nokey", func(t *testing.T) {
		_, err := query(strings.Replace(matchedSQL, "from ", "from partnertap_nokey.", 1))
		if err == nil || !strings.Contains(err.Error(), "no credentials") {
			t.Fatalf("error %v, want the plugin's no-credentials error (not partnertap's cached rows)", err)
		}
	})
	t.Run("partnertap_big", func(t *testing.T) {
		bigSandbox.ResetRequests()
		big := mustQuery(t, strings.Replace(matchedSQL, "from ", "from partnertap_big.", 1)+" limit 10")
		if len(big) != 10 || len(bigSandbox.Requests()) == 0 {
			t.Fatalf("%d rows, %d requests to its sandbox; want 10 rows read from it", len(big), len(bigSandbox.Requests()))
		}
	})
}
