//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// pluginPeakRSS is the peak resident memory (VmHWM) of the partnertap plugin process, in MiB.
func pluginPeakRSS(t *testing.T) float64 {
	t.Helper()
	out, err := exec.Command("pgrep", "-f", "plugins/local/partnertap/partnertap.plugin").Output()
	pids := strings.Fields(string(out))
	if err != nil || len(pids) != 1 {
		t.Fatalf("want one plugin process, found %v (%v)", pids, err)
	}
	status, err := os.ReadFile("/proc/" + pids[0] + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM")
	return 0
}

// The bound the plugin process stays under while it streams a million rows: its memory does not
// grow with the rows it streams.
const streamingBoundMiB = 600

// TestStreamingMemoryIsBounded reads a million rows through the real Steampipe and checks the plugin
// process's peak memory: no more than a small read's plus 64 MiB, and under streamingBoundMiB.
// Its queries run with the query cache off: the bound is the plugin's streaming, and a scan that
// fills the cache keeps every row in the plugin's memory (Steampipe sets no cache size limit unless
// STEAMPIPE_CACHE_MAX_SIZE_MB or the cache_max_size_mb option is set), which would measure the
// cache instead: with it on, the million rows took the plugin from 553 to 1449 MiB.
func TestStreamingMemoryIsBounded(t *testing.T) {
	small := mustQueryEnv(t, cacheOff, "select count(*) as n from partnertap_big.partnertap_sale_account where matched and partner_org = 'Oliver Wyman'")
	afterSmall := pluginPeakRSS(t)
	want := 0
	for _, m := range bigMatchedPartners() {
		if m == "Oliver Wyman" {
			want++
		}
	}
	if num(small[0]["n"]) != float64(want) {
		t.Fatalf("small read: %v rows, want %d", small[0]["n"], want)
	}

	rows := mustQueryEnv(t, cacheOff, "select count(*) as n from partnertap_big.partnertap_sale_account where matched")
	afterBig := pluginPeakRSS(t)
	if total := len(bigMatchedPartners()); num(rows[0]["n"]) != float64(total) {
		t.Fatalf("read %v rows, want %d", rows[0]["n"], total)
	}
	t.Logf("plugin peak RSS: %.0f MiB after %d rows, %.0f MiB after %v rows", afterSmall, want, afterBig, rows[0]["n"])
	if afterBig > afterSmall+64 || afterBig > streamingBoundMiB {
		t.Fatalf("peak RSS grew from %.0f to %.0f MiB over a million rows (bound %d MiB)", afterSmall, afterBig, streamingBoundMiB)
	}
}

var bigPartners []string

// bigMatchedPartners is the partner of every matched row of the big sandbox.
func bigMatchedPartners() []string {
	if bigPartners == nil {
		for _, m := range bigSandbox.Dataset().MatchedAccountRows() {
			bigPartners = append(bigPartners, *m.PartnerOrg)
		}
	}
	return bigPartners
}
