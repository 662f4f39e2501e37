package sdkpatch

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

// liveHeap is the heap the last collection kept, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// TestAnEmptyQueryCacheHoldsLittleMemory: a plugin's query cache, before it holds any row, costs
// a few MiB of heap whatever its maximum size (unpatched, bigcache's defaults preallocated 1024
// shards sized for 600,000 entries of 500 bytes: 322.3 MiB of live heap, with no size set as with
// 1024 MiB, in every plugin process).
func TestAnEmptyQueryCacheHoldsLittleMemory(t *testing.T) {
	for _, cacheMb := range []int{0, 1024} {
		before := liveHeap()
		srv := serve(t, &numbers{count: 10}, cacheMb)
		grew := float64(int64(liveHeap())-int64(before)) / (1 << 20)
		t.Logf("max size %d MiB: the empty cache holds %.1f MiB", cacheMb, grew)
		if grew > 16 {
			t.Errorf("max size %d MiB: an empty query cache holds %.1f MiB of heap, want at most 16", cacheMb, grew)
		}
		runtime.KeepAlive(srv)
	}
}
