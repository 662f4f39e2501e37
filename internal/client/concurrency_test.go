package client

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func TestConcurrentPagesInOrderOnce(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	// 150 ms, so that pages launched together overlap in the sandbox even on a loaded machine.
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: 150})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	f.wantAllRepConnectionsInOrder(t, rows)
	if n := f.count(api.NewRepConnections.Path); n != 15 {
		t.Fatalf("%d page requests, want 15", n)
	}
	if m := f.sandbox.MaxInFlight(); m < 3 || m > 4 {
		t.Fatalf("at most %d requests in flight, want 3 or 4 with Concurrency 4", m)
	}
}

func TestSequentialWhenConcurrencyIsOne(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: 10})
	if _, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10, Concurrency: 1}); err != nil {
		t.Fatal(err)
	}
	if m := f.sandbox.MaxInFlight(); m != 1 {
		t.Fatalf("%d requests in flight with Concurrency 1", m)
	}
}

func TestLimitCostsExactlyTheNeededPagesWhenConcurrent(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 20, Concurrency: 8, Limit: 45})
	if err != nil || len(rows) != 45 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if n := f.count(api.NewRepConnections.Path); n != 3 {
		t.Fatalf("limit 45 in pages of 20 made %d requests, want ceil(45/20) = 3", n)
	}
}

func TestStoppingEarlyCancelsPagesInFlight(t *testing.T) {
	// Only the pager's own goroutines count: idle HTTP connections of the test server may linger.
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreAnyFunction("net/http.(*conn).serve"),
		goleak.IgnoreAnyFunction("net/http.(*Server).Serve"))
	f := newFixture(t, sandbox.Config{}, Options{})
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: 1500})
	var stopped time.Time
	n := 0
	for _, err := range Pages[api.RepConnections](context.Background(), f.client, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10, Concurrency: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 15 { // inside page 1
			// Pages 2..4 arrive with page 1 and wait; pages 5 and 6 go out, the 4 + 1 pages held.
			time.Sleep(200 * time.Millisecond)
			stopped = time.Now()
			break
		}
	}
	// The pages in flight were cancelled, not waited for (each takes 1.5 s), and none was added.
	if wait := time.Since(stopped); wait > time.Second {
		t.Fatalf("stopping took %s: the pages in flight were not cancelled", wait)
	}
	f.server.Close() // waits for the sandbox to answer, and log, the cancelled requests
	// Pages 0..4 and the 2 in flight (the last may be cancelled before it is sent).
	if got := f.count(api.NewRepConnections.Path); got < 6 || got > 7 {
		t.Fatalf("%d page requests, want 6 or 7", got)
	}
}

func TestErrorOnALaterConcurrentPage(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{Retry: RetryPolicy{MaxAttempts: 1}})
	// Request 1 is the token, 2 is page 0; the 4th request fails: page 2 or 1, whichever came second.
	f.sandbox.SetFaults(sandbox.Faults{FailStatus: 500, FailEvery: 4})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10, Concurrency: 4})
	if StatusCode(err) != 500 {
		t.Fatalf("error %v, want the 500", err)
	}
	if len(rows)%10 != 0 || len(rows) >= 150 {
		t.Fatalf("%d rows before the error: want whole pages, in order, and not all", len(rows))
	}
}

// Go's default transport keeps 2 idle connections per host, so a read 8 pages at a time would
// close and reopen connections every round: against the real API, a TLS handshake each time.
// The first read may open a few more connections than it has pages in flight: while it ramps up,
// net/http goes on dialling for a request that a returning connection has already served, and
// pools what it dialled. So the check is a second read on the same client, which must find every
// connection it needs in the pool.
func TestConcurrentReadReusesItsConnections(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: 5})
	const concurrency = 8
	read := func() {
		t.Helper()
		before := f.count(api.NewRepConnections.Path)
		rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 4, Concurrency: concurrency})
		if err != nil {
			t.Fatal(err)
		}
		if pages := f.count(api.NewRepConnections.Path) - before; pages < 30 {
			t.Fatalf("%d rows in %d pages: too few rounds to tell reuse from reconnecting", len(rows), pages)
		}
	}
	read()
	// A dial goes on only while requests wait for a connection, so the first read's extra ones
	// are few; the pool keeps them all.
	opened := f.sandbox.ConnectionsOpened()
	if opened > maxIdleConnsPerHost {
		t.Fatalf("the first read opened %d connections, %d pages at a time", opened, concurrency)
	}
	read()
	if more := f.sandbox.ConnectionsOpened() - opened; more != 0 {
		t.Fatalf("the second read opened %d connections: the pool did not keep the first read's %d", more, opened)
	}
}

// A slow consumer does not hold requests back: while it sits on page 1, the read requests ahead
// until Concurrency + 1 pages wait for it, and no further.
func TestSlowConsumerDoesNotStallRequests(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	const latency = 20 * time.Millisecond
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: int(latency / time.Millisecond)})
	const concurrency = 4
	n := 0
	for _, err := range Pages[api.RepConnections](context.Background(), f.client, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10, Concurrency: concurrency}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 11 { // the first row of page 1
			// Page 0, page 1 being read, and 4 + 1 pages waiting: all of them come, however busy
			// the machine, and no more after many more round trips.
			want := 2 + concurrency + 1
			for deadline := time.Now().Add(10 * time.Second); f.count(api.NewRepConnections.Path) < want && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(10 * latency)
			if got := f.count(api.NewRepConnections.Path); got != want {
				t.Fatalf("%d pages requested while the consumer was busy, want %d", got, want)
			}
			break
		}
	}
}

// countedRep is a rep's row that counts the rows decoded (repsDecoded).
type countedRep struct{ api.RepConnections }

var repsDecoded atomic.Int64

func (r *countedRep) UnmarshalJSON(b []byte) error {
	repsDecoded.Add(1)
	return json.Unmarshal(b, &r.RepConnections)
}

// TestWaitingPagesAreDecodedWhenTaken: the pages that come in while the consumer is busy wait as
// their answers' bytes and are decoded when it takes them, so that the collector has no decoded
// rows to trace while they wait.
func TestWaitingPagesAreDecodedWhenTaken(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	const concurrency, size = 4, 10
	repsDecoded.Store(0)
	n := 0
	for _, err := range Pages[countedRep](context.Background(), f.client, PageRequest{Path: api.NewRepConnections.Path, PageSize: size, Concurrency: concurrency}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 1 {
			// Page 0 being read, and 4 + 1 pages in and waiting.
			want := 1 + concurrency + 1
			for deadline := time.Now().Add(10 * time.Second); f.count(api.NewRepConnections.Path) < want && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // time to decode them, had they been decoded on arrival
			if got := f.count(api.NewRepConnections.Path); got != want {
				t.Fatalf("%d pages requested, want %d", got, want)
			}
			if got := repsDecoded.Load(); got != size {
				t.Fatalf("%d rows decoded while the consumer read page 0, want page 0's %d", got, size)
			}
		}
	}
	if total := f.count(api.NewRepConnections.Path); repsDecoded.Load() != int64(n) || n <= size*total-size {
		t.Fatalf("%d rows read, %d decoded, in %d pages", n, repsDecoded.Load(), total)
	}
}
