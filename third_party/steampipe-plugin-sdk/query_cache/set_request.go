package query_cache

import (
	"context"
	"fmt"
	"github.com/sethvargo/go-retry"
	sdkproto "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"log"
	"slices"
	"sync"
	"time"
)

type setRequestState int64

const (
	requestInProgress setRequestState = iota
	requestComplete
	requestError
)

type setRequest struct {
	*CacheRequest
	// other cache requests who are subscribing to this data
	subscribers map[*setRequestSubscriber]struct{}
	requestLock sync.RWMutex
	// flag used by subscribers when getting rows to stream
	state      setRequestState
	pageBuffer []*sdkproto.Row
	// index within the page buffer
	bufferIndex int
	err         error
	cache       *QueryCache
	// (patched) recentPages are the last pages written, by index: the rows a subscriber within
	// maxRowsAhead of the scan still has to read, which it reads from here and not back from the
	// cache, where a cache smaller than the result may already have evicted them (SDK v5.14.1:
	// the read failed after retries, and the query ended with the rows it had, no error)
	recentPages map[int][]*sdkproto.Row
}

// recentPageCount is how many pages recentPages keeps: maxRowsAhead rows and the page being read.
const recentPageCount = maxRowsAhead/rowBufferSize + 1

func newSetRequest(req *CacheRequest, cache *QueryCache) *setRequest {
	return &setRequest{
		CacheRequest: req,
		subscribers:  make(map[*setRequestSubscriber]struct{}),
		pageBuffer:   make([]*sdkproto.Row, rowBufferSize),
		recentPages:  make(map[int][]*sdkproto.Row, recentPageCount+1),
		cache:        cache,
		state:        requestInProgress,
	}
}

func (req *setRequest) subscribe(subscriber *setRequestSubscriber) {
	// note: requestLock must be locked when this is called
	req.subscribers[subscriber] = struct{}{}
}

func (req *setRequest) unsubscribe(subscriber *setRequestSubscriber) {
	// note: requestLock must be locked when this is called
	delete(req.subscribers, subscriber)
}

// (patched) maxRowsAhead is how far a scan filling the cache may run ahead of the slowest query
// reading it; SDK v5.14.1 had no bound: the scan ran at its list's speed and a slow consumer's
// subscriber read every row written since its last read at once (a million-row read held 1986 MiB)
const maxRowsAhead = 3 * rowBufferSize

// waitForSubscribers' counterpart for the scan: before adding a row, wait while it is
// maxRowsAhead rows ahead of the slowest subscriber still reading (patched)
func (req *setRequest) waitForSlowestSubscriber(ctx context.Context) {
	pause := time.Millisecond
	for ctx.Err() == nil {
		req.requestLock.RLock()
		slowest, reading := req.rowCount, false
		for subscriber := range req.subscribers {
			if !subscriber.finished.Load() {
				slowest, reading = min(slowest, int(subscriber.streamed.Load())), true
			}
		}
		ahead := req.rowCount - slowest
		req.requestLock.RUnlock()
		if !reading || ahead < maxRowsAhead {
			return
		}
		time.Sleep(pause)
		pause = min(2*pause, 10*time.Millisecond)
	}
}

func (req *setRequest) getBufferedRows() []*sdkproto.Row {
	if req.bufferIndex == 0 {
		return nil
	}
	return req.pageBuffer[:req.bufferIndex]
}

// get result key for the most recent page of the request
func (req *setRequest) getPageResultKey() string {
	return getPageKey(req.resultKeyRoot, int(req.pageCount-1))
}

func (req *setRequest) getPrevPageResultKeys() []string {
	var res []string
	for i := 0; i < int(req.pageCount); i++ {
		res = append(res, getPageKey(req.resultKeyRoot, int(req.pageCount-1)))
	}
	return res
}

// return all rows available after the given row count
func (req *setRequest) getRowsSince(ctx context.Context, rowsAlreadyStreamed int) ([]*sdkproto.Row, error) {
	/*

		[0,1,2,3,4]
		req.rowCount = 5
		req.bufferIndex = 1
		req.pageCount = 0

		CASE 1:	rowsAlreadyStreamed = 0
		startPage = 0    -> rowsAlreadyStreamed / bufferSize
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 2:	rowsAlreadyStreamed = 5
		startPage = 1    -> i.e. all rows already streamedm as startOffset > pakeCOunt
		startOffset = 0 -> rowsAlreadyStreamed % bufferSize



		[0,1,2,3,4] [0,1,2,3,4] [0,1,2,x,x]

		req.rowCount = 13
		req.bufferIndex = 3
		req.pageCount = 2


		CASE 1:	rowsAlreadyStreamed = 0

		startPage = 0    -> rowsAlreadyStreamed / bufferSize
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 2:	rowsAlreadyStreamed = 3

		startPage = 0
		startOffset = 3  -> rowsAlreadyStreamed % bufferSize

		CASE 3:	rowsAlreadyStreamed = 5

		startPage = 1
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 4:	rowsAlreadyStreamed = 8

		startPage = 1
		startOffset = 3  -> rowsAlreadyStreamed % bufferSize

		CASE 5:	rowsAlreadyStreamed = 10

		startPage = (2) -> i.e. no cache page as this is not yet cached
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize


		CASE 5:	rowsAlreadyStreamed = 12

		startPage = (2) -> i.e. no cache page as this is not yet cached
		startOffset = 2  -> rowsAlreadyStreamed % bufferSize

	*/

	startPage := rowsAlreadyStreamed / rowBufferSize
	startOffset := rowsAlreadyStreamed % rowBufferSize

	log.Printf("[TRACE] setRequest getRowsSince rowsAlreadyStreamed: %d, req.pageCount: %d, req.bufferIndex: %d, startPage: %d startOffset: %d, ",
		rowsAlreadyStreamed,
		req.pageCount,
		req.bufferIndex,
		startPage,
		startOffset)

	// if startPage > pageCount this must mean that the buffer is full, but we have already written it all
	// so do nothing
	if startPage > int(req.pageCount) {
		return nil, nil
	}
	// if start page is the current page, this means we do not need any data written to the cache
	// just return rows from page buffer
	if startPage == int(req.pageCount) {
		log.Printf("[TRACE] setRequest getRowsSince returning %d from buffer", req.bufferIndex-startOffset)
		bufferedRows := req.getBufferedRows()
		// apply the start offset, and return a copy: the subscriber streams these rows after
		// releasing the lock, while IterateSet refills the page buffer from slot 0 as soon as the
		// page is written to the cache (a slice of the buffer sent rows 1000 apart twice and lost
		// others whenever the consumer was slower than the scan)
		return slices.Clone(bufferedRows[startOffset:]), nil
	}

	// so we must load some data from the cache

	// build result rows
	var res = make([]*sdkproto.Row, 0, req.rowCount-rowsAlreadyStreamed)

	// load previously cache pages`
	for pageIdx := startPage; pageIdx < int(req.pageCount); pageIdx++ {
		// (patched) a recent page is read from memory
		rows, recent := req.recentPages[pageIdx]
		if !recent {
			// sometimes the cached page is not available to read immediately - retry if needed
			cachedResult, cacheErr := req.readPageFromCacheWithRetries(ctx, pageIdx)
			if cacheErr != nil {
				return nil, cacheErr
			}
			rows = cachedResult.Rows
		}

		// copy cached rows into res - taking into account start offset if this is the first page
		idx := 0
		if pageIdx == startPage {
			idx = startOffset
		}
		res = append(res, rows[idx:]...)
	}

	// now add any rows from the page buffer
	res = append(res, req.getBufferedRows()...)

	log.Printf("[TRACE] setRequest getRowsSince returning %d", len(res))
	return res, nil
}

func (req *setRequest) readPageFromCacheWithRetries(ctx context.Context, pageIdx int) (*sdkproto.QueryResult, error) {
	pageKey := getPageKey(req.resultKeyRoot, pageIdx)
	log.Printf("[TRACE] getRowsSince reading page %d key %s", pageIdx, pageKey)

	var cachedResult = &sdkproto.QueryResult{}
	var maxRetries uint64 = 10
	retryBackoff := retry.WithMaxRetries(
		maxRetries,
		retry.NewExponential(10*time.Millisecond),
	)

	retries := 0

	cacheErr := retry.Do(ctx, retryBackoff, func(ctx context.Context) error {
		err := doGet[*sdkproto.QueryResult](ctx, pageKey, req.cache.cache, cachedResult)
		if err != nil {

			if IsCacheMiss(err) {
				retries++

				log.Printf("[INFO] readPageFromCacheWithRetries got a cache miss - retrying (#%d) (%s)", retries, req.CallId)
				err = retry.RetryableError(err)
			} else {
				log.Printf("[WARN] readPageFromCacheWithRetries got error: %s", err.Error())
			}
		}

		return err
	})

	if cacheErr != nil {
		log.Printf("[WARN] getRowsSince failed to read page %d key %s after %d retries: %s (%s)", pageIdx, pageKey, maxRetries, cacheErr.Error(), req.CallId)
		return nil, cacheErr
	}

	log.Printf("[INFO] getRowsSince read page %d after %d %s  - key %s (%s)",
		pageIdx,
		retries,
		pluralizeClient().Pluralize("retry", retries, false),
		pageKey,
		req.CallId)

	return cachedResult, nil
}

// (patched) it returns the error of the subscriber of the scan's own query, which has no other way
// to learn that it could not read its rows (SDK v5.14.1 logged it, and the query ended as a success)
func (req *setRequest) waitForSubscribers(ctx context.Context) (ownErr error) {
	log.Printf("[INFO] setRequest waitForSubscribers (%s)", req.CallId)

	// take the subscribers under the lock: a subscriber whose stream is cancelled unsubscribes
	// itself while this waits
	req.requestLock.RLock()
	subscribers := make([]*setRequestSubscriber, 0, len(req.subscribers))
	for subscriber := range req.subscribers {
		subscribers = append(subscribers, subscriber)
	}
	req.requestLock.RUnlock()

	doneChan := make(chan struct{})
	var errOfOwn error // written before doneChan closes
	go func() {
		for _, subscriber := range subscribers {
			log.Printf("[INFO] waiting for subscriber %s (%s)", subscriber.callId, req.CallId)
			err := subscriber.waitUntilDone()
			if err != nil && subscriber.callId == req.CallId {
				errOfOwn = SubscriberError{Err: err}
			}
			if err != nil {
				log.Printf("[INFO] subscriber %s had error: %s (%s)", subscriber.callId, err.Error(), req.CallId)
			} else {
				log.Printf("[INFO] subscriber %s done (%s)", subscriber.callId, req.CallId)
			}
		}
		close(doneChan)
	}()

	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-doneChan:
		return errOfOwn
	}
}

// SubscriberError is the error of the query that filled the cache reading back its own rows
// (patched).
type SubscriberError struct{ Err error }

func (e SubscriberError) Error() string { return "reading the rows of the scan: " + e.Err.Error() }
func (e SubscriberError) Unwrap() error { return e.Err }

func (req *setRequest) addRow(row *sdkproto.Row) error {
	req.requestLock.Lock()
	defer func() {
		req.requestLock.Unlock()
	}()

	// if the request has no subscribers, cancel this scan
	if len(req.subscribers) == 0 {
		// lock access to set request
		log.Printf("[INFO] IterateSet NO SUBSCRIBERS! (%s)", req.CallId)
		return NoSubscribersError{}
	}

	// was there an error in a previous iterate
	if req.err != nil {
		log.Printf("[INFO] IterateSet request is in error: %s (%s)", req.err.Error(), req.CallId)
		return req.err
	}

	// set row
	req.pageBuffer[req.bufferIndex] = row
	// update counts
	req.bufferIndex++
	req.rowCount++

	return nil

}

func getPageKey(resultKeyRoot string, pageIdx int) string {
	return fmt.Sprintf("%s-%d", resultKeyRoot, pageIdx)
}
