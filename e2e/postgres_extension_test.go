//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap"
)

// pgCluster is a throwaway Debian PostgreSQL 15 cluster, run as the postgres user.
type pgCluster struct {
	dir  string
	port string
}

const pgBin = "/usr/lib/postgresql/15/bin"

func startCluster(t *testing.T) *pgCluster {
	t.Helper()
	dir, err := os.MkdirTemp("", "partnertap-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c := &pgCluster{dir: dir, port: "55432"}
	t.Cleanup(func() {
		_ = asPostgres(pgBin+"/pg_ctl", "-D", filepath.Join(dir, "data"), "-m", "immediate", "stop").Run()
		_ = os.RemoveAll(dir)
	})
	if out, err := exec.Command("chown", "postgres:postgres", dir).CombinedOutput(); err != nil {
		t.Fatalf("chown: %v %s", err, out)
	}
	if out, err := asPostgres(pgBin+"/initdb", "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	// jit off: the FDW's large cost estimates make PostgreSQL JIT-compile trivial queries.
	opts := fmt.Sprintf("-p %s -k %s -c listen_addresses='' -c jit=off", c.port, dir)
	start := asPostgres(pgBin+"/pg_ctl", "-D", filepath.Join(dir, "data"), "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start")
	start.Env = append(os.Environ(), "STEAMPIPE_CACHE=false")
	if out, err := start.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	return c
}

func asPostgres(name string, args ...string) *exec.Cmd {
	return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
}

// psql runs SQL with partnertap first on the search path and returns the rows.
func (c *pgCluster) psql(sql string) ([]row, error) {
	cmd := asPostgres("psql", "-h", c.dir, "-p", c.port, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "--csv", "-c", sql)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path=partnertap,public")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("psql: %v: %s", err, stderr.String())
	}
	records, err := csv.NewReader(&stdout).ReadAll()
	if err != nil || len(records) == 0 {
		return nil, err
	}
	var rows []row
	for _, rec := range records[1:] {
		r := row{}
		for i, name := range records[0] {
			r[name] = rec[i]
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func (c *pgCluster) mustPsql(t *testing.T, sql string) []row {
	t.Helper()
	rows, err := c.psql(sql)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestPostgresExtension installs the standalone extension built by scripts/build-postgres-extension.sh
// into a fresh PostgreSQL 15, points it at the sandbox, and runs documented queries and a join
// with a local table.
func TestPostgresExtension(t *testing.T) {
	c := startCluster(t)
	config := fmt.Sprintf(`api_key = "%s"
base_url = "%s"`, sandbox.DemoAPIKey, sandboxURL)
	c.mustPsql(t, "create extension steampipe_postgres_partnertap")
	c.mustPsql(t, "create server partnertap foreign data wrapper steampipe_postgres_partnertap options (config '"+config+"')")
	c.mustPsql(t, "create schema partnertap")
	c.mustPsql(t, "import foreign schema partnertap from server partnertap into partnertap")

	tables := c.mustPsql(t, "select count(*) as n from information_schema.foreign_tables where foreign_table_schema = 'partnertap'")
	if want := fmt.Sprint(len(partnertap.Plugin(context.Background()).TableMap)); tables[0]["n"] != want {
		t.Fatalf("imported %v foreign tables, want %s", tables[0]["n"], want)
	}

	// Every documented example of two tables, checked as in the Steampipe suite.
	for _, ex := range docExamples(t) {
		if !strings.HasPrefix(ex.key, "partnertap_dashboard.md#") && !strings.HasPrefix(ex.key, "partnertap_opportunity.md#") {
			continue
		}
		t.Run(ex.key, func(t *testing.T) {
			exampleChecks[ex.key](t, c.mustPsql(t, ex.sql), sandboxSrv.Dataset())
		})
	}

	// A join with a local table: the CRM export the demo loads.
	csvPath := filepath.Join(c.dir, "crm_accounts.csv")
	data, err := os.ReadFile(filepath.Join(repoRoot, "demo/crm_accounts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c.mustPsql(t, `create table public.crm_account (crm_account_id text primary key, account_name text,
		annual_recurring_revenue numeric, renewal_date date, customer_success_manager text, tier text)`)
	c.mustPsql(t, "copy public.crm_account from '"+csvPath+"' with (format csv, header true)")
	rows := c.mustPsql(t, `select c.crm_account_id, count(s.partner_org) as partners
		from public.crm_account c
		left join partnertap_sale_account s on s.crm_account_id = c.crm_account_id and s.matched
		group by c.crm_account_id`)
	want := map[string]int{}
	for _, m := range sandboxSrv.Dataset().MatchedAccountRows() {
		want[m.CrmAccountID]++
	}
	if len(rows) != 16 {
		t.Fatalf("%d CRM rows, want 16", len(rows))
	}
	joined := 0
	for _, r := range rows {
		id := r["crm_account_id"].(string)
		if r["partners"] != fmt.Sprint(want[id]) {
			t.Errorf("%s: %v partners, the dataset has %d", id, r["partners"], want[id])
		}
		joined += want[id]
	}
	if joined == 0 {
		t.Fatal("no CRM account matched any partner: the join shows nothing")
	}
}
