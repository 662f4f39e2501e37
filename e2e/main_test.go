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

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var (
	repoRoot   string
	sandboxSrv *sandbox.Server
	sandboxURL string
)

// badConnectionSpc is a second connection without credentials: its queries must fail clearly.
const badConnectionSpc = `connection "partnertap_nokey" {
  plugin   = "local/partnertap"
  base_url = "%s"
}
`

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(file))

	var err error
	if sandboxSrv, err = sandbox.New(sandbox.Config{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	server := &http.Server{Handler: sandboxSrv.Handler()}
	go func() { _ = server.Serve(ln) }()
	defer server.Close()
	sandboxURL = "http://" + ln.Addr().String()

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
	if err := writeBadConnection(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	start := withEnv(steampipeCmd("service", "start", "--database-listen", "local", "--database-port", "9193"), "STEAMPIPE_CACHE=false")
	if out, err := start.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "steampipe service start: %v\n%s", err, out)
		return 1
	}
	defer func() { _ = steampipeCmd("service", "stop", "--force").Run() }()
	return m.Run()
}

func writeBadConnection() error {
	out, err := exec.Command("bash", "-c", ". "+filepath.Join(repoRoot, "scripts/steampipe-env.sh")+` && echo "$SP_INSTALL_DIR"`).Output()
	if err != nil {
		return err
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "config", "partnertap_nokey.spc")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(badConnectionSpc, sandboxURL)), 0o644); err != nil {
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
func query(sql string) ([]row, error) {
	cmd := steampipeCmd("query", "--output", "json", sql)
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
	rows, err := query(sql)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

type sandboxRequest = sandbox.Request
