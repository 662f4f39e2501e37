package sdkpatch

import (
	"testing"
	"time"
)

// Patch 0001. A scan that fills the query cache while its consumer starts late and reads slowly
// gets every row exactly once, in every run. Unpatched, the scan's own cache subscriber was handed
// a slice of the reused 1000-row page buffer: rows 1000 apart came twice and others never.
func TestCacheFillingScanWithSlowConsumerGetsEveryRowOnce(t *testing.T) {
	// Unpatched, 4 of 4 such scans were wrong: 10 runs leave no doubt.
	const runs, count = 10, 5000
	bad := 0
	for run := range runs {
		nb := &numbers{count: count, failAfter: -1}
		srv := serve(t, nb, 64)
		rows, err := scan(srv, true, consumer{firstRowDelay: 300 * time.Millisecond, rowDelay: 5 * time.Microsecond})
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if diff := everyRowOnce(rows, count); diff != "" {
			bad++
			t.Errorf("run %d: %s", run, diff)
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d scans filling the cache were wrong", bad, runs)
	}
}

// Patch 0001, the cache's other side: the scan after it is a cache hit (no list call) with the
// same rows.
func TestCacheHitAfterASlowFillGetsEveryRowOnce(t *testing.T) {
	const count = 5000
	nb := &numbers{count: count, failAfter: -1}
	srv := serve(t, nb, 64)
	slow := consumer{firstRowDelay: 300 * time.Millisecond, rowDelay: 5 * time.Microsecond}
	for i := range 3 {
		rows, err := scan(srv, true, slow)
		if err != nil {
			t.Fatal(err)
		}
		if diff := everyRowOnce(rows, count); diff != "" {
			t.Fatalf("scan %d: %s", i, diff)
		}
	}
	if n := nb.lists.Load(); n != 1 {
		t.Fatalf("%d list calls for 3 identical scans, want 1 (then 2 cache hits)", n)
	}
}
