package sdkpatch

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Patch 0002. Scans that fail mid-read, each with a consumer still busy with earlier rows when the
// error comes, all end in their error, with the query cache off and on. Unpatched, the SDK picked
// at random between the error and the end of the rows, and ended many such scans as short successes.
func TestFailedScansAlwaysReportTheirError(t *testing.T) {
	cases := []struct {
		scans, failAfter int
		c                consumer
		cache            bool
	}{
		// A list that fails after a row or two, the cache on: its error and the end of its rows
		// arrive together; unpatched, 46 to 140 of 150 such scans ended as successes, run to run.
		{150, 1, consumer{}, true},
		{150, 2, consumer{}, true},
		{150, 25, consumer{rowDelay: 100 * time.Microsecond}, false},
		{150, 25, consumer{rowDelay: 100 * time.Microsecond}, true},
		{20, 25, consumer{rowDelay: time.Millisecond}, false},
		{20, 25, consumer{firstRowDelay: 20 * time.Millisecond, rowDelay: time.Millisecond}, true},
	}
	for _, c := range cases {
		nb := &numbers{count: 1000, failAfter: c.failAfter}
		srv := serve(t, nb, 64)
		shortSuccesses := 0
		for range c.scans {
			rows, err := scan(srv, c.cache, c.c)
			switch {
			case err == nil:
				shortSuccesses++
			case !strings.Contains(err.Error(), errList.Error()) && !errors.Is(err, errList):
				t.Fatalf("cache %v, %v a row: %v, want %q", c.cache, c.c.rowDelay, err, errList)
			case len(rows) > 25:
				t.Fatalf("%d rows before the error, want at most 25", len(rows))
			}
		}
		if shortSuccesses > 0 {
			t.Errorf("cache %v, failing after %d rows, consumer %v a row: %d of %d failing scans ended as successes",
				c.cache, c.failAfter, c.c.rowDelay, shortSuccesses, c.scans)
		}
	}
}
