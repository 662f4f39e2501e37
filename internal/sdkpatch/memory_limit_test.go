package sdkpatch

import (
	"runtime/debug"
	"testing"
)

// Patch 0017. The query cache's maximum size bounds the plugin process: a soft memory limit of the
// size and 128 MiB of headroom where that is below the process's limit (Steampipe's GOMEMLIMIT,
// 1 GiB by default). Unpatched the limit stayed 1 GiB, and a million-row read through Steampipe
// filling a 256 MiB cache took the plugin to 620 MiB resident (389 MiB patched).
func TestTheCacheSizeBoundsTheProcess(t *testing.T) {
	previous := debug.SetMemoryLimit(1 << 30) // as Steampipe starts a plugin
	t.Cleanup(func() { debug.SetMemoryLimit(previous) })
	serve(t, &numbers{count: 10}, 2048)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Fatalf("memory limit %d MiB with a 2048 MiB cache, want GOMEMLIMIT's 1024 MiB", got>>20)
	}
	serve(t, &numbers{count: 10}, 256)
	if got, want := debug.SetMemoryLimit(-1), int64(256+128)<<20; got != want {
		t.Fatalf("memory limit %d MiB with a 256 MiB cache, want %d MiB", got>>20, want>>20)
	}
}
