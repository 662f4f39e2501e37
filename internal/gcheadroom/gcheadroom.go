// Package gcheadroom keeps a plugin process's garbage collector from running every few MiB
// allocated while little of its heap is live.
//
// Go collects when the heap has grown by GOGC percent (100 unless set) of what the last
// collection kept. A plugin streaming a large read keeps little between pages (the pages in
// flight, gRPC's buffers) and allocates about 5 KB for every row it streams, so it collected
// whenever it had allocated as much as it kept, often only a few MiB: about 15% of the plugin's
// CPU in a 100k-row read through the Steampipe CLI went to the collector. Keep raises GOGC after
// every collection so that the next one waits for at least a fixed headroom of allocation; a heap
// larger than the headroom collects as GOGC says. Go's soft memory limit (GOMEMLIMIT, which
// Steampipe sets from memory_max_mb) still wins over it.
package gcheadroom

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// PluginHeadroom is what the plugin process keeps: the plugin's CPU in a 100k-row read through
// the Steampipe CLI fell by up to 14% with it, and a million-row read peaked at 109 MiB resident
// instead of 83; 64 MiB saved little more and cost 50 MiB more (docs/performance.md).
const PluginHeadroom = 32 << 20

// minLive is the least live heap Go plans a collection for (its 4 MiB minimum goal at GOGC=100).
const minLive = 4 << 20

const liveHeapMetric = "/gc/heap/live:bytes"

// Keep makes every collection set GOGC so that the next one comes after at least headroom bytes
// of allocation, and never sooner than the GOGC the process started with would. It does nothing
// when the collector is off (GOGC=off) or headroom is 0. Its work is done by a finalizer that
// each collection runs and that sets up the next.
func Keep(headroom uint64) {
	base := debug.SetGCPercent(100) // reads what GOGC says; set right below
	if base < 0 || headroom == 0 {
		debug.SetGCPercent(base)
		return
	}
	debug.SetGCPercent(Percent(minLive, headroom, base))
	sample := []metrics.Sample{{Name: liveHeapMetric}}
	var arm func()
	arm = func() {
		sentinel := new([64]byte) // not a tiny allocation, whose finalizer may never run
		runtime.SetFinalizer(sentinel, func(*[64]byte) {
			metrics.Read(sample)
			debug.SetGCPercent(Percent(sample[0].Value.Uint64(), headroom, base))
			arm()
		})
	}
	arm()
}

// Percent is the GOGC that puts the next collection headroom bytes after a live heap of live
// bytes (at least Go's 4 MiB), or base when base puts it later.
func Percent(live, headroom uint64, base int) int {
	live = max(live, minLive)
	return max(base, int(headroom*100/live))
}
