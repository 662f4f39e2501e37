package sdkpatch

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Patch 0013. Child lists of a parent hydrate stream at once; under a LIMIT the one that finds no
// rows remaining sends the end of the rows. Unpatched, a child counted its row before sending it,
// so another could see the limit reached and send the end first: the counted row was never read,
// and `limit 1` over rows that exist returned none, with no error.
func TestLimitedChildListsNeverEndBeforeTheRowsTheyCounted(t *testing.T) {
	// More threads than cores: a thread preempted between counting its row and sending it lets
	// another send the end. Unpatched, on 2 cores, about 1 scan in 200 lost its row, 1 in 800
	// with GOMAXPROCS 2: enough scans that every run of the proof saw it, in seconds.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	const parents, together = 64, 8
	scans := 4000
	if raceDetector {
		scans = 1000
	}
	srv := serveTables(t, map[string]*plugin.Table{"child_numbers": childNumbers(parents, together)})
	short := 0
	for range scans {
		rows, err := scanLimited(srv, "child_numbers", []string{"n"}, map[string]*proto.Quals{}, 1, false, consumer{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			short++
		}
	}
	if short > 0 {
		t.Fatalf("%d of %d scans with limit 1 over %d rows returned no row", short, scans, parents)
	}
}

// childNumbers is a table whose parent hydrate streams n = 0 .. parents-1 and whose child list
// streams its parent's n: one row per child list. The first `together` child lists of a scan wait
// for each other, then stream at once, as child lists whose API calls return together do.
func childNumbers(parents, together int) *plugin.Table {
	return &plugin.Table{
		Name: "child_numbers",
		List: &plugin.ListConfig{
			ParentHydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				start := &sync.WaitGroup{}
				start.Add(together)
				for n := range int64(parents) {
					d.StreamListItem(ctx, parentNumber{N: n, start: start, waits: n < int64(together)})
				}
				return nil, nil
			},
			Hydrate: func(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
				p := h.Item.(parentNumber)
				if p.waits {
					p.start.Done()
					p.start.Wait()
				}
				d.StreamListItem(ctx, numberRow{N: p.N})
				return nil, nil
			},
		},
		Columns: []*plugin.Column{{Name: "n", Type: proto.ColumnType_INT}},
	}
}

type parentNumber struct {
	N     int64
	start *sync.WaitGroup
	waits bool
}
