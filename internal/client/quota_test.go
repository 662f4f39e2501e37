package client

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The first `limit` places are given at once; the next waits until the oldest answer has been in
// the window for a whole period.
func TestQuotaWaitsForTheOldestAnswerToLeaveTheWindow(t *testing.T) {
	const period = 200 * time.Millisecond
	q := newQuota(3, period)
	start := time.Now()
	for range 3 {
		release, err := q.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	if took := time.Since(start); took > period/2 {
		t.Fatalf("3 places within a limit of 3 took %s", took)
	}
	answered := time.Now()
	release, err := q.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release()
	if waited := time.Since(answered); waited < period-20*time.Millisecond {
		t.Fatalf("the 4th place came %s after the 3rd answer; the window is %s", waited, period)
	}
}

// A request in flight holds its place however long it takes; a waiter gives up when its context
// ends, and releasing twice frees one place.
func TestQuotaCountsRequestsInFlight(t *testing.T) {
	q := newQuota(1, 50*time.Millisecond)
	release, err := q.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := q.Acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second place while the first request is in flight: %v", err)
	}
	release()
	release()
	if q.inFlight != 0 || len(q.answered) != 1 {
		t.Fatalf("after a double release: %d in flight, %d answered", q.inFlight, len(q.answered))
	}
	if _, err := q.Acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// One quota per key and host, whichever client asks; the lowest limit asked for wins.
func TestSharedQuotaIsPerKeyAndHost(t *testing.T) {
	a := SharedQuota("api.example", "key-a", 100, time.Minute)
	if SharedQuota("api.example", "key-a", 50, time.Minute) != a {
		t.Fatal("the same key at the same host got two quotas")
	}
	if a.limit != 50 {
		t.Fatalf("limit %d after a connection asked for 50", a.limit)
	}
	if SharedQuota("api.example", "key-b", 100, time.Minute) == a || SharedQuota("other.example", "key-a", 100, time.Minute) == a {
		t.Fatal("another key, or the same key at another host, shares the quota")
	}
}
