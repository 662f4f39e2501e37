//go:build e2e

// Package e2e runs the plugin in the real Steampipe CLI (provisioned by scripts/steampipe-stack.sh)
// against a sandbox started by the tests, and checks every documented example query.
package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var (
	repoRoot   string
	sandboxSrv *sandbox.Server
	sandboxURL string
	bigSandbox *sandbox.Server
	bigURL     string
	// liveSandbox serves partnertap_live, whose lists the live-data test churns.
	liveSandbox *sandbox.Server
	liveURL     string
	// extraSpcPath is the .spc the suite adds, removed when it ends.
	extraSpcPath string
)

// extraConnectionsSpc adds connections: one without credentials (its queries must fail clearly);
// one to a sandbox of a million accounts, whose quota requests_per_minute opens up, as a user
// would for a key with a larger one (the sandbox limits only its v1 API); two with the sandbox's
// second org, whose own fields differ from the demo org's, one refreshing its schema; an
// aggregator over the demo and the second org; and one to a sandbox of its own, whose lists the
// live-data tests change while they read them a page at a time, within a quota of 40 requests a
// minute (its own host: a quota is per key and host, and would lower the demo connection's).
const extraConnectionsSpc = `connection "partnertap_nokey" {
  plugin   = "local/partnertap"
  base_url = "%s"
}

connection "partnertap_big" {
  plugin   = "local/partnertap"
  api_key  = "%s"
  base_url = "%s"
  requests_per_minute = 0
}

connection "partnertap_second" {
  plugin   = "local/partnertap"
  api_key  = "%[4]s"
  base_url = "%[1]s"
}

connection "partnertap_second_live" {
  plugin   = "local/partnertap"
  api_key  = "%[4]s"
  base_url = "%[1]s"
  schema_refresh_interval = 60
}

connection "partnertap_orgs" {
  type        = "aggregator"
  plugin      = "local/partnertap"
  connections = ["partnertap", "partnertap_second"]
}

connection "partnertap_live" {
  plugin              = "local/partnertap"
  api_key             = "%[2]s"
  base_url            = "%[5]s"
  page_size           = 100
  page_concurrency    = 1
  requests_per_minute = 40
  dynamic_columns     = false
}
`

// bigSandboxAccounts sizes the sandbox of the streaming-memory test.
const bigSandboxAccounts = 1_000_000

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(file))

	var err error
	var stop func()
	// No v1 rate limit: the suite restarts the service, and each start reads every connection's
	// /columns again with a new plugin process, which knows nothing of the requests the last one
	// sent in the minute (the quota is tested in-process, partnertap/rate_limit_test.go).
	if sandboxSrv, sandboxURL, stop, err = serveSandbox(sandbox.Config{V1RateLimit: -1}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()
	if bigSandbox, bigURL, stop, err = serveSandbox(sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: bigSandboxAccounts}}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()
	if liveSandbox, liveURL, stop, err = serveSandbox(sandbox.Config{V1RateLimit: -1}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()

	steps := []struct {
		name string
		cmd  *exec.Cmd
	}{
		{"install the plugin", withEnv(exec.Command(filepath.Join(repoRoot, "scripts/steampipe-stack.sh"), "plugin"), "PARTNERTAP_BASE_URL="+sandboxURL)},
		{"stop a leftover service", steampipeCmd("service", "stop", "--force")},
	}
	for _, s := range steps {
		if out, err := s.cmd.CombinedOutput(); err != nil && s.name != "stop a leftover service" {
			fmt.Fprintf(os.Stderr, "%s: %v\n%s", s.name, err, out)
			return 1
		}
	}
	if err := writeExtraConnections(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	start := steampipeCmd("service", "start", "--database-listen", "local", "--database-port", "9193")
	if out, err := start.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "steampipe service start: %v\n%s", err, out)
		return 1
	}
	defer func() {
		_ = steampipeCmd("service", "stop", "--force").Run()
		_ = os.Remove(extraSpcPath)
	}()
	if err := waitForConnections(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// waitForConnections waits until Steampipe has loaded every connection: it imports them after the
// service starts, each dynamic schema once the plugin has read the connection's /columns.
func waitForConnections() error {
	deadline := time.Now().Add(3 * time.Minute)
	for {
		rows, err := query(`select name, state from steampipe_internal.steampipe_connection where state not in ('ready', 'error')`)
		if err == nil && len(rows) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the connections were not loaded within 3 minutes: %v %v", rows, err)
		}
		time.Sleep(time.Second)
	}
}

// serveSandbox serves a sandbox on a free loopback port.
func serveSandbox(cfg sandbox.Config) (*sandbox.Server, string, func(), error) {
	sb, err := sandbox.New(cfg)
	if err != nil {
		return nil, "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	server := &http.Server{Handler: sb.Handler()}
	go func() { _ = server.Serve(ln) }()
	return sb, "http://" + ln.Addr().String(), func() { _ = server.Close() }, nil
}

func writeExtraConnections() error {
	out, err := exec.Command("bash", "-c", ". "+filepath.Join(repoRoot, "scripts/steampipe-env.sh")+` && echo "$SP_INSTALL_DIR"`).Output()
	if err != nil {
		return err
	}
	configDir := filepath.Join(strings.TrimSpace(string(out)), "config")
	// Connections of earlier runs point at sandboxes that are gone: only partnertap.spc stays.
	stale, _ := filepath.Glob(filepath.Join(configDir, "partnertap_*.spc"))
	for _, f := range stale {
		_ = os.Remove(f)
	}
	path := filepath.Join(configDir, "partnertap_e2e.spc")
	extraSpcPath = path
	spc := fmt.Sprintf(extraConnectionsSpc, sandboxURL, sandbox.DemoAPIKey, bigURL, sandbox.SecondOrgAPIKey, liveURL)
	if err := os.WriteFile(path, []byte(spc), 0o644); err != nil {
		return err
	}
	return os.Chmod(path, 0o644)
}

func steampipeCmd(args ...string) *exec.Cmd {
	return exec.Command(filepath.Join(repoRoot, "scripts/steampipe"), args...)
}

func withEnv(cmd *exec.Cmd, env ...string) *exec.Cmd {
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

type row = map[string]any

// query runs SQL through `steampipe query --output json` and returns its rows.
func query(sql string) ([]row, error) { return queryEnv(nil, sql) }

// queryEnv is query with extra environment for `steampipe query`, e.g. STEAMPIPE_CACHE=false.
func queryEnv(env []string, sql string) ([]row, error) {
	cmd := withEnv(steampipeCmd("query", "--output", "json", sql), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("steampipe query: %v: %s%s", err, stderr.String(), stdout.String())
	}
	var result struct {
		Rows []row `json:"rows"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &result); err != nil {
		return nil, fmt.Errorf("steampipe query output: %v: %s", err, stdout.String())
	}
	return result.Rows, nil
}

func mustQuery(t *testing.T, sql string) []row {
	t.Helper()
	return mustQueryEnv(t, nil, sql)
}

func mustQueryEnv(t *testing.T, env []string, sql string) []row {
	t.Helper()
	rows, err := queryEnv(env, sql)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// cacheOff is the environment of a `steampipe query` whose scans bypass the query cache: for
// tests that assert on the requests a query makes (pushdown), which a cached answer of an earlier
// test's query would otherwise leave empty.
var cacheOff = []string{"STEAMPIPE_CACHE=false"}

type sandboxRequest = sandbox.Request
