package client

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The first `limit` places are given at once, without waiting (so even to a context already
// ended); the next is not, while those are in the window.
func TestQuotaGivesTheFirstPlacesAtOnce(t *testing.T) {
	q := newQuota(3, time.Hour)
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	for i := range 3 {
		release, err := q.Acquire(ended)
		if err != nil {
			t.Fatalf("place %d of a limit of 3 waited: %v", i+1, err)
		}
		release()
	}
	if _, err := q.Acquire(ended); !errors.Is(err, context.Canceled) {
		t.Fatalf("a 4th place within the window: %v", err)
	}
}

// The next place waits until the oldest answer has been in the window for a whole period.
func TestQuotaWaitsForTheOldestAnswerToLeaveTheWindow(t *testing.T) {
	const period = 200 * time.Millisecond
	q := newQuota(3, period)
	var firstAnswer time.Time
	for i := range 3 {
		release, err := q.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstAnswer = time.Now() // the quota stamps the answer after this
		}
		release()
	}
	release, err := q.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release()
	if waited := time.Since(firstAnswer); waited < period {
		t.Fatalf("the 4th place came %s after the 1st answer; the window is %s", waited, period)
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
