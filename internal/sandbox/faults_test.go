package sandbox

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Injected latency is the time to the answer, whatever the answer: a page, or an injected error.
func TestLatencyDelaysEveryAnswer(t *testing.T) {
	ts := start(t, Config{})
	const latency = 120 * time.Millisecond
	for _, faults := range []Faults{
		{LatencyMS: int(latency / time.Millisecond)},
		{LatencyMS: int(latency / time.Millisecond), FailStatus: 503, FailEvery: 1},
	} {
		ts.SetFaults(faults)
		began := time.Now()
		var page api.Page[api.SaleAccount]
		status := ts.get(t, api.SaleAccountsMatched.Path+"?size=2000", ts.token, &page)
		if took := time.Since(began); took < latency {
			t.Fatalf("status %d answered after %s, before the %s latency", status, took, latency)
		}
		if faults.FailStatus == 0 && (status != 200 || len(page.Content) == 0) {
			t.Fatalf("status %d with %d rows, want the page", status, len(page.Content))
		}
		if faults.FailStatus != 0 && status != faults.FailStatus {
			t.Fatalf("status %d, want the injected %d", status, faults.FailStatus)
		}
	}
}
