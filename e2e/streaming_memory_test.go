//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
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

// The plugin process's resident-memory bars over a million-row read (issue 14): with the query
// cache off for the read, and with it on, at most the configured cache size more.
const (
	streamingBoundMiB = 150
	cacheSizeMiB      = 256
)

// TestStreamingMemoryIsBounded reads a million rows through the real Steampipe, each time in a
// fresh plugin process (VmHWM is the peak of a process's whole life), and checks its peak resident
// memory: under streamingBoundMiB with the query cache off for the read, and under cacheSizeMiB
// more with the cache on and cache_max_size_mb = cacheSizeMiB (Steampipe sets no size unless told:
// a scan filling the cache keeps every row). Until SDK patch 0014 an empty query cache alone held
// 322 MiB of heap, and the plugin 424 to 472 MiB resident on reads of 42k to 100k rows; until
// 0016 the cached read held 1986 MiB (with no size: the environment variable did not reach the
// plugin), and until 0017 620 MiB with a 256 MiB cache.
func TestStreamingMemoryIsBounded(t *testing.T) {
	t.Cleanup(func() { restartService(t) })
	restartService(t)
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
	afterBig := readAllBigRows(t, cacheOff)
	t.Logf("cache off: plugin peak RSS %.0f MiB after %d rows, %.0f MiB after %d rows", afterSmall, want, afterBig, len(bigMatchedPartners()))
	if afterBig > streamingBoundMiB {
		t.Errorf("cache off: peak RSS %.0f MiB over a million rows, bound %d MiB", afterBig, streamingBoundMiB)
	}

	// The size goes in the database options: Steampipe v1.2.0 passes STEAMPIPE_CACHE_MAX_SIZE_MB
	// only to plugins without SetCacheOptions, and the SDK v5 plugins have it (it sent 0, no limit).
	options := filepath.Join(filepath.Dir(extraSpcPath), "partnertap_e2e_cache_size.spc")
	if err := os.WriteFile(options, []byte("options \"database\" {\n  cache_max_size_mb = "+strconv.Itoa(cacheSizeMiB)+"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Remove(options) }) // runs before the restart registered first
	restartService(t)
	afterCached := readAllBigRows(t, nil)
	t.Logf("cache on, %d MiB: plugin peak RSS %.0f MiB after %d rows", cacheSizeMiB, afterCached, len(bigMatchedPartners()))
	if afterCached > cacheSizeMiB+streamingBoundMiB {
		t.Errorf("cache on: peak RSS %.0f MiB over a million rows, bound %d + %d MiB", afterCached, cacheSizeMiB, streamingBoundMiB)
	}
}

// readAllBigRows counts every matched sale account of the big sandbox, checks the count and
// returns the plugin's peak RSS.
func readAllBigRows(t *testing.T, env []string) float64 {
	t.Helper()
	rows := mustQueryEnv(t, env, "select count(*) as n from partnertap_big.partnertap_sale_account where matched")
	if total := len(bigMatchedPartners()); num(rows[0]["n"]) != float64(total) {
		t.Fatalf("read %v rows, want %d", rows[0]["n"], total)
	}
	return pluginPeakRSS(t)
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
