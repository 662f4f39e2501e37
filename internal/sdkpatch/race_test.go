package sdkpatch

import (
	"testing"
	"time"
)

// Patch 0007. Scans with the cache off and on run clean under the race detector (make test runs
// this package with -race). Unpatched, every scan raced on queryStatus.rowsStreamed: written by
// the list goroutine, read by streamRow and RowsRemaining on others.
func TestScanCountersAreRaceFree(t *testing.T) {
	const count = 2000
	for _, cache := range []bool{false, true} {
		nb := &numbers{count: count, failAfter: -1}
		srv := serve(t, nb, 16)
		rows, err := scan(srv, cache, consumer{rowDelay: time.Microsecond})
		if err != nil {
			t.Fatal(err)
		}
		if diff := everyRowOnce(rows, count); diff != "" {
			t.Fatalf("cache %v: %s", cache, diff)
		}
	}
}
