package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// faultCell is one cell of the fault matrix: a fault at a rate, and whether the read must succeed
// (retries absorb it) or fail with a clear error (it cannot be absorbed without wrong rows).
type faultCell struct {
	name      string
	faults    sandbox.Faults
	lifetime  time.Duration
	wantError string // "" when every row must come back exactly once
}

func faultMatrix() []faultCell {
	var cells []faultCell
	for _, every := range []int{2, 5, 10} {
		cells = append(cells,
			faultCell{name: fmt.Sprintf("429 Retry-After 0, every %d", every), faults: sandbox.Faults{FailStatus: 429, FailEvery: every, RetryAfter: "0"}},
			faultCell{name: fmt.Sprintf("429 no Retry-After, every %d", every), faults: sandbox.Faults{FailStatus: 429, FailEvery: every}},
			faultCell{name: fmt.Sprintf("502, every %d", every), faults: sandbox.Faults{FailStatus: 502, FailEvery: every}},
			faultCell{name: fmt.Sprintf("503, every %d", every), faults: sandbox.Faults{FailStatus: 503, FailEvery: every}},
			faultCell{name: fmt.Sprintf("504, every %d", every), faults: sandbox.Faults{FailStatus: 504, FailEvery: every}},
			faultCell{name: fmt.Sprintf("dropped connection, every %d", every), faults: sandbox.Faults{DropEvery: every}},
			faultCell{name: fmt.Sprintf("truncated body, every %d", every), faults: sandbox.Faults{TruncateEvery: every}},
		)
	}
	return append(cells,
		faultCell{name: "latency 25 ms", faults: sandbox.Faults{LatencyMS: 25}},
		faultCell{name: "token lifetime 1 s, latency 60 ms", faults: sandbox.Faults{LatencyMS: 60}, lifetime: time.Second},
		faultCell{name: "all of 503/drop/truncate, every 3/7/11", faults: sandbox.Faults{FailStatus: 503, FailEvery: 3, DropEvery: 7, TruncateEvery: 11}},
		faultCell{name: "500, every 5 (not retried)", faults: sandbox.Faults{FailStatus: 500, FailEvery: 5}, wantError: "500 Internal Server Error"},
		faultCell{name: "503 on every request", faults: sandbox.Faults{FailStatus: 503, FailEvery: 1}, wantError: "503 Service Unavailable"},
		faultCell{name: "rows inserted while paging", faults: sandbox.Faults{ShiftRows: 3}},
	)
}

// matrixRetry allows enough attempts that a page read 4 at a time survives a fault on every 2nd
// request: with requests interleaved, a page's attempts fail independently about half the time,
// and 6 attempts (the default) would lose one of 40 pages in about half the reads.
var matrixRetry = RetryPolicy{MaxAttempts: 20, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond, Budget: 10 * time.Second}

// TestFaultMatrix reads a 40-page list under every fault: each cell returns every row exactly once
// or fails with a clear error, never a wrong answer. Run with -v for the table of numbers.
func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 40 pages per cell")
	}
	sb, err := sandbox.New(sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 20000}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, m := range sb.Dataset().MatchedAccountRows() {
		want[m.SaleAccountID+"|"+*m.PartnerOrg] = true
	}
	t.Logf("%-42s %4s %8s %8s %5s %9s %9s  %s", "fault", "conc", "rows", "expected", "dups", "requests", "time", "outcome")
	for _, concurrency := range []int{1, 4} {
		for _, cell := range faultMatrix() {
			sb.SetTokenLifetime(cell.lifetime)
			sb.SetFaults(sandbox.Faults{})
			sb.ResetRequests()
			f := newFixtureWithHandler(t, sb, sb.Handler(), Options{Retry: matrixRetry})
			sb.SetFaults(cell.faults)
			start := time.Now()
			seen := map[string]int{}
			var readErr error
			// As the plugin reads a legacy list: sorted by its key, pages linked by it.
			req := PageRequest{Path: api.SaleAccountsMatched.Path, Query: sortedByKeyQuery(), PageSize: 500, Concurrency: concurrency}
			for item, err := range KeyedPages[api.SaleAccount](context.Background(), f.client, req) {
				if err != nil {
					readErr = err
					break
				}
				seen[item.SaleAccountID+"|"+*item.PartnerOrg]++
			}
			elapsed := time.Since(start)
			dups := 0
			for _, n := range seen {
				dups += n - 1
			}
			outcome := "all rows, once each"
			if readErr != nil {
				outcome = "error: " + readErr.Error()
			}
			t.Logf("%-42s %4d %8d %8d %5d %9d %9s  %.90s", cell.name, concurrency, len(seen), len(want), dups, len(sb.Requests()), elapsed.Round(time.Millisecond), outcome)

			if cell.wantError != "" {
				if readErr == nil || !strings.Contains(readErr.Error(), cell.wantError) {
					t.Errorf("%s: error %v, want one containing %q", cell.name, readErr, cell.wantError)
				}
				continue
			}
			if readErr != nil {
				t.Errorf("%s: %v", cell.name, readErr)
				continue
			}
			if dups != 0 || len(seen) != len(want) {
				t.Errorf("%s: %d rows with %d duplicates, want %d once each", cell.name, len(seen), dups, len(want))
			}
			for k := range seen {
				if !want[k] {
					t.Errorf("%s: unexpected row %s", cell.name, k)
					break
				}
			}
			// A read that outlasts two token lifetimes must have renewed the token on the way.
			if cell.lifetime > 0 && elapsed > 2*cell.lifetime && f.count(api.AuthPath) < 2 {
				t.Errorf("%s: the token was not renewed during the read", cell.name)
			}
		}
	}
}

func TestChangedListIsTyped(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	f.sandbox.SetFaults(sandbox.Faults{ShiftRows: 1})
	_, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 50})
	var changed *ChangedError
	if !errors.As(err, &changed) {
		t.Fatalf("error %v, want a ChangedError", err)
	}
}
