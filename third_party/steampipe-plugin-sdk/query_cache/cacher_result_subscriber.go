package query_cache

import (
	"context"
	"fmt"
	"log"

	"github.com/turbot/steampipe-plugin-sdk/v5/error_helpers"
	sdkproto "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

type cacheResultSubscriber struct {
	indexItem     *IndexItem
	req           *CacheRequest
	streamRowFunc func(row *sdkproto.Row)
	queryCache    *QueryCache
}

func newCacheResultSubscriber(c *QueryCache, indexItem *IndexItem, req *CacheRequest, streamRowFunc func(row *sdkproto.Row)) *cacheResultSubscriber {
	return &cacheResultSubscriber{
		indexItem:     indexItem,
		req:           req,
		streamRowFunc: streamRowFunc,
		queryCache:    c,
	}

}

// waitUntilDone streams the cached result, page by page in order, and returns a CacheMissError
// only while no row has been streamed: the caller answers a miss by fetching the whole result,
// so a miss after some rows would stream those rows twice.
//
// The cache evicts entries shard by shard, so any page of a result may be gone while its first
// page is still there. Every page is therefore checked before the first row is streamed; a page
// evicted between that check and its read is an error, never a miss.
func (s *cacheResultSubscriber) waitUntilDone(ctx context.Context) error {
	log.Printf("[INFO] got an index item - try to retrieve rows from cache (%s)", s.req.CallId)

	pageCount := int(s.indexItem.PageCount)
	for pageIdx := 0; pageIdx < pageCount; pageIdx++ {
		pageKey := getPageKey(s.indexItem.Key, pageIdx)
		if _, err := s.queryCache.cache.Get(ctx, pageKey); err != nil {
			if IsCacheMiss(err) {
				log.Printf("[INFO] getCachedQueryResult - page %d of %d (key %s) was evicted: cache miss (%s)", pageIdx, pageCount, pageKey, s.req.CallId)
				s.queryCache.Stats.Misses++
				return CacheMissError{}
			}
			log.Printf("[WARN] cacheGetResult Get failed %v (%s)", err, s.req.CallId)
			return err
		}
	}

	for pageIdx := 0; pageIdx < pageCount; pageIdx++ {
		pageKey := getPageKey(s.indexItem.Key, pageIdx)
		var cacheResult = &sdkproto.QueryResult{}
		if err := doGet[*sdkproto.QueryResult](ctx, pageKey, s.queryCache.cache, cacheResult); err != nil {
			if IsCacheMiss(err) {
				log.Printf("[WARN] getCachedQueryResult - page %d of %d (key %s) was evicted while the result was read (%s)", pageIdx, pageCount, pageKey, s.req.CallId)
				return fmt.Errorf("the query cache evicted page %d of %d of this cached result while it was read; run the query again", pageIdx+1, pageCount)
			}
			log.Printf("[WARN] cacheGetResult Get failed %v (%s)", err, s.req.CallId)
			return err
		}
		for _, r := range cacheResult.Rows {
			// stop when the scan is cancelled (Postgres has the rows it needs)
			if s.cancelled(ctx) {
				log.Printf("[INFO] getCachedQueryResult context cancelled - returning (%s)", s.req.CallId)
				s.queryCache.Stats.Hits++
				return nil
			}
			s.streamRowFunc(r)
		}
	}
	s.queryCache.Stats.Hits++
	return nil
}

// cancelled is whether the scan or the stream it feeds has been cancelled.
func (s *cacheResultSubscriber) cancelled(ctx context.Context) bool {
	if error_helpers.IsContextCancelledError(ctx.Err()) {
		return true
	}
	return s.req.StreamContext != nil && error_helpers.IsContextCancelledError(s.req.StreamContext.Err())
}
