package plugin

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

type queryStatus struct {
	rowsRequired int64
	// Patched: atomic, as the fetch goroutines (one per list call, child list or qual value) count
	// the rows they stream while others read the count (streamRow, RowsRemaining from a plugin's
	// list code); SDK v5.14.1 made plain reads and writes, a data race
	rowsStreamed      atomic.Int64
	hydrateCalls      int64
	cachedRowsFetched int64
	// flag which is true when we have streamed enough rows (or the context is cancelled)
	// Patched: atomic, set once by the first of the concurrent child list goroutines to reach the
	// limit (it alone sends the end of the rows); SDK v5.14.1 used a plain bool they all read and
	// wrote, a data race in which two of them could send the end
	StreamingComplete atomic.Bool
	// Patched: a list goroutine counts a row and sends it holding the read lock, and the end of
	// the rows is sent holding the write lock, so the end never overtakes a row already counted;
	// SDK v5.14.1 counted a row before sending it, and another list goroutine, seeing the limit
	// reached, could send the end first: the counted row was never read, a short answer
	rowsInFlight sync.RWMutex
}

func newQueryStatus(limit *int64) *queryStatus {
	var rowsRequired int64 = math.MaxInt32
	if limit != nil {
		rowsRequired = *limit
	}
	return &queryStatus{
		rowsRequired: rowsRequired,
	}
}

// RowsRemaining returns how many rows are required to complete the query
//   - if no limit has been parsed from the query, this will return math.MaxInt32
//     (meaning an unknown number of rows remain)
//   - if there is a limit, it will return the number of rows required to reach this limit
//   - if  the context has been cancelled, it will return zero
func (s *queryStatus) RowsRemaining(ctx context.Context) int64 {
	if IsCancelled(ctx) {
		return 0
	}
	rowsRemaining := s.rowsRequired - s.rowsStreamed.Load()
	return rowsRemaining
}
