package gcheadroom

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercentKeepsTheHeadroomOrTheBase(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live, headroom uint64
		base, want     int
	}{
		{4 * mib, 32 * mib, 100, 800},   // a small heap waits for the headroom
		{32 * mib, 32 * mib, 100, 100},  // as large as the headroom: GOGC as it was
		{300 * mib, 32 * mib, 100, 100}, // larger: GOGC as it was
		{16 * mib, 32 * mib, 400, 400},  // a user's larger GOGC wins
		{0, 32 * mib, 100, 800},         // nothing live yet: as if 4 MiB, Go's least
		{10 * mib, 64 * mib, 100, 640},  // the headroom in percent of what is live
		{100 * mib, 64 * mib, 50, 64},   // a small GOGC: the headroom where it is later
		{100 * mib, 16 * mib, 50, 50},   // and GOGC where it is later
		{1 * mib, 1 * mib, 100, 100},    // less live than 4 MiB counts as 4
		{5 * mib, 64 * mib, 1000, 1280}, // the headroom, when above a large GOGC
		{64 * mib, 32 * mib, 25, 50},    // half the live heap
		{512 * mib, 32 * mib, 1, 6},     // a tiny GOGC stays under the headroom's
		{8 * mib, 0, 100, 100},          // no headroom: GOGC
		{8 * mib, 32 * mib, 0, 400},     // GOGC=0 (collect always) still gets the headroom
		{2 * mib, 32 * mib, 100000, 100000},
	} {
		if got := Percent(c.live, c.headroom, c.base); got != c.want {
			t.Errorf("Percent(%d MiB live, %d MiB headroom, GOGC %d) = %d, want %d", c.live/mib, c.headroom/mib, c.base, got, c.want)
		}
	}
}

// After Keep, every collection sets GOGC from what it left live: 32 MiB over a small heap, GOGC
// itself over a heap larger than that.
func TestEveryCollectionSetsTheHeadroom(t *testing.T) {
	Keep(32 << 20)
	gogcAfterCollection := func() (live uint64, percent int) {
		t.Helper()
		runtime.GC()
		sample := []metrics.Sample{{Name: liveHeapMetric}, {Name: "/gc/gogc:percent"}}
		metrics.Read(sample)
		want := Percent(sample[0].Value.Uint64(), 32<<20, 100)
		// The finalizer runs after the collection, on its own goroutine.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			metrics.Read(sample)
			if int(sample[1].Value.Uint64()) == want {
				return sample[0].Value.Uint64(), want
			}
		}
		t.Fatalf("GOGC %d after a collection left %d bytes live, want %d", sample[1].Value.Uint64(), sample[0].Value.Uint64(), want)
		return 0, 0
	}
	if live, percent := gogcAfterCollection(); percent <= 100 {
		t.Fatalf("%d bytes live, GOGC %d: the headroom should raise it over 100", live, percent)
	}
	big := make([]*[1 << 20]byte, 64) // 64 MiB live, twice the headroom
	for i := range big {
		big[i] = new([1 << 20]byte)
	}
	if live, percent := gogcAfterCollection(); percent != 100 {
		t.Fatalf("%d bytes live, GOGC %d: over the headroom it should be GOGC's 100", live, percent)
	}
	runtime.KeepAlive(big)
	big = nil
	if live, percent := gogcAfterCollection(); percent <= 100 {
		t.Fatalf("%d bytes live after the large heap went, GOGC %d: the headroom should be back", live, percent)
	}
}
