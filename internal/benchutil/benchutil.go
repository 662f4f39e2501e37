// Package benchutil holds what the benchmarks share: the sandbox they read from (an external
// process named by BENCH_SANDBOX_URL, so its work and memory are not the reader's), byte and
// request counting, and peak-heap sampling.
package benchutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// Sandbox returns the base URL of the sandbox to benchmark against: BENCH_SANDBOX_URL, or one
// started in-process with the given number of accounts.
func Sandbox(b *testing.B, accounts int) string {
	b.Helper()
	if u := os.Getenv("BENCH_SANDBOX_URL"); u != "" {
		return u
	}
	sb, err := sandbox.New(sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: accounts}, V1RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	srv := sandbox.StartTestServer(sb)
	b.Cleanup(srv.Close)
	return srv.URL
}

// SetLatency sets the sandbox's injected latency and empties its request log.
func SetLatency(b *testing.B, base string, ms int) {
	b.Helper()
	body, _ := json.Marshal(sandbox.Faults{LatencyMS: ms})
	for _, req := range []struct {
		method, path string
		body         []byte
	}{{"PUT", "/_sandbox/faults", body}, {"DELETE", "/_sandbox/requests", nil}} {
		r, _ := http.NewRequest(req.method, base+req.path, bytes.NewReader(req.body))
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}

// Requests counts the API requests the sandbox received since SetLatency; it waits for the log to settle, since a request is logged after its answer is sent.
func Requests(b *testing.B, base string) int {
	b.Helper()
	last := -1
	for {
		n := requestsNow(b, base)
		if n == last {
			return n
		}
		last = n
		time.Sleep(20 * time.Millisecond)
	}
}

func requestsNow(b *testing.B, base string) int { return len(sandboxRequests(b, base)) }

func sandboxRequests(b *testing.B, base string) []sandbox.Request {
	resp, err := http.Get(base + "/_sandbox/requests")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var reqs []sandbox.Request
	if err := json.NewDecoder(resp.Body).Decode(&reqs); err != nil {
		b.Fatal(err)
	}
	return reqs
}

// TooManyRequests counts the requests the sandbox answered 429 since SetLatency: a reader that
// keeps to the key's quota has none.
func TooManyRequests(b *testing.B, base string) int {
	b.Helper()
	n := 0
	for _, r := range sandboxRequests(b, base) {
		if r.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// CountingTransport counts the response body bytes read through it.
type CountingTransport struct {
	Bytes atomic.Int64
}

func (c *CountingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, n: &c.Bytes}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// PeakHeap samples the live heap (what the last collection kept) every few milliseconds until
// stopped, and returns its peak: the memory a read holds, not the garbage it has not yet freed.
func PeakHeap() (stop func() uint64) {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > peak.Load() {
				peak.Store(live)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// Report adds the per-read metrics every benchmark shares.
func Report(b *testing.B, rows int64, requests int, bytes int64, peak uint64) {
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds()*float64(b.N), "rows/s")
	b.ReportMetric(float64(rows), "rows/op")
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)/float64(b.N)/(1<<20), "MiB-read/op")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-heap-MiB")
}

// LatencyMS is the latency a benchmark injects: BENCH_LATENCY_MS, 0 by default.
func LatencyMS() int { return envInt("BENCH_LATENCY_MS", 0) }

// RequestsPerMinute is the quota a plugin benchmark's connection keeps to:
// BENCH_REQUESTS_PER_MINUTE, 0 (no pacing) by default.
func RequestsPerMinute() int { return envInt("BENCH_REQUESTS_PER_MINUTE", 0) }

// PageSize is the page size a benchmark reads with: BENCH_PAGE_SIZE, 2000 (the API's maximum) by default.
func PageSize() int { return envInt("BENCH_PAGE_SIZE", 2000) }

func envInt(name string, otherwise int) int {
	var v int
	if _, err := fmt.Sscan(os.Getenv(name), &v); err != nil {
		return otherwise
	}
	return v
}
