package partnertap

import (
	"context"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// errorSettleTime is how long a failed list call waits before it reports its error.
//
// Why: in SDK v5.14.1 the end of a scan races with its error. When a scan fails, the SDK puts the
// error on a buffered channel and then marks the end of the rows on another; the loop that sends
// rows to Steampipe selects between the two. If that loop is still busy sending earlier rows when
// both arrive, it picks one at random, and half of those times it ends the scan as a success: the
// query returns the rows read so far, without an error. In-process, 4 in 300 scans failing
// mid-read came back as short successes, and with a consumer taking 100 µs a row most did.
// Waiting before reporting lets the loop send the rows already streamed and go idle, so the
// error reaches it first (TestFailedScansReportTheirError). A consumer still busy with earlier
// rows after the wait can still lose the error; only the SDK can close that window.
const errorSettleTime = 200 * time.Millisecond

// reportErrorsAfterSettling wraps the list calls of the plugin's tables (see errorSettleTime).
func reportErrorsAfterSettling(tables map[string]*plugin.Table) {
	for _, table := range tables {
		if table.List == nil {
			continue
		}
		table.List.Hydrate = settleBeforeError(table.List.Hydrate)
		if table.List.ParentHydrate != nil {
			table.List.ParentHydrate = settleBeforeError(table.List.ParentHydrate)
		}
	}
}

func settleBeforeError(list plugin.HydrateFunc) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
		item, err := list(ctx, d, h)
		if err != nil && ctx.Err() == nil {
			timer := time.NewTimer(errorSettleTime)
			defer timer.Stop()
			select {
			case <-timer.C:
			case <-ctx.Done():
			}
		}
		return item, err
	}
}
