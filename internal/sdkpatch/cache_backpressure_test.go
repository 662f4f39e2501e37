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
func TestCacheFillingScanGetsEveryRowInBoundedMemory(t *testing.T) {
	const count, padding, cacheMb = 30_000, 4096, 32 // 120 MiB of rows
	nb := &numbers{count: count, failAfter: -1, padding: padding}
	srv := serve(t, nb, cacheMb)
	peak := benchutil.PeakHeap()
	before := liveHeap()
	rows, err := scan(srv, true, consumer{rowDelay: 30 * time.Microsecond})
	held := float64(int64(peak())-int64(before)) / (1 << 20)
	if err != nil || len(rows) != count {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if diff := everyRowOnce(rows, count); diff != "" {
		t.Fatal(diff)
	}
	t.Logf("a %d-row scan of %d-byte rows filling the cache held at most %.0f MiB", count, padding, held)
	// The cache, and 3 pages ahead, the page being read and the page buffer: 5,000 rows of 4 KiB
	// and their copies in the cache's page encoding, about 40 MiB.
	if held > cacheMb+40 {
		t.Errorf("the scan held %.0f MiB of its 120 MiB of rows with a %d MiB cache: it ran ahead of its consumer", held, cacheMb)
	}
}
