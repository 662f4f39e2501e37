package sdkpatch

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/benchutil"
)

// Patch 0016. A scan filling a query cache smaller than its result, read by a slow consumer, gets
// every row once and holds the cache's size and a few pages. Unpatched, the scan ran at its list's
// speed and the query read its rows back from the cache, which had evicted some: the read failed
// after 10 retries, was only logged, and the query ended as a success with 8,500 to 19,216 of the
// 30,000 rows (through Steampipe, a million-row read with the cache on held 1986 MiB; with no size
// set, 906 MiB patched).
//
// Unpatched, with a consumer at 30 µs a row one scan in four happened to keep pace (the proof then
// passed); at 100 µs a row each of 11 unpatched runs lost rows in its first scan. Three scans, each
// on a cache of its own, to be sure. The memory bound is checked on the least any run held: a busy
// machine only adds to a run's peak (objects allocated while the collector marks count as live),
// while a scan running ahead of its consumer raises every run's.
func TestCacheFillingScanGetsEveryRowInBoundedMemory(t *testing.T) {
	const cacheMb = 32
	least := 0.0
	for run := range 3 {
		if held := scanFillingASmallCache(t, run, cacheMb); run == 0 || held < least {
			least = held
		}
	}
	// The cache, and 3 pages ahead, the page being read and the page buffer: 5,000 rows of 4 KiB
	// and their copies in the cache's page encoding, about 40 MiB.
	if least > cacheMb+40 {
		t.Errorf("every scan held at least %.0f MiB of its 120 MiB of rows with a %d MiB cache: it ran ahead of its consumer", least, cacheMb)
	}
}

// scanFillingASmallCache checks that a scan filling the cache gets every row, and returns the MiB
// it held at most.
func scanFillingASmallCache(t *testing.T, run, cacheMb int) float64 {
	t.Helper()
	const count, padding = 30_000, 4096 // 120 MiB of rows
	nb := &numbers{count: count, failAfter: -1, padding: padding}
	srv := serve(t, nb, cacheMb)
	peak := benchutil.PeakHeap()
	before := liveHeap()
	rows, err := scan(srv, true, consumer{rowDelay: 100 * time.Microsecond})
	held := float64(int64(peak())-int64(before)) / (1 << 20)
	if err != nil || len(rows) != count {
		t.Fatalf("run %d: %d rows, %v", run, len(rows), err)
	}
	if diff := everyRowOnce(rows, count); diff != "" {
		t.Fatalf("run %d: %s", run, diff)
	}
	t.Logf("run %d: a %d-row scan of %d-byte rows filling the cache held at most %.0f MiB", run, count, padding, held)
	return held
}
