package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// PageRequest describes a paged list read.
type PageRequest struct {
	Path  string
	Query url.Values // filters; the pager adds page and size
	// PageSize is the page size to ask for (1..api.MaxPageSize); zero means api.MaxPageSize.
	PageSize int
	// Limit is the most rows the caller wants; zero means all. A limit under PageSize shrinks the
	// pages, so `limit 5` costs one request of size 5.
	Limit int64
	// BeforePage, when set, is called before each page after the first (e.g. to wait for a rate limiter).
	BeforePage func(ctx context.Context)
}

// Pages reads a Spring-paged list page by page and yields its items in order. It stops after the
// page marked `last` (a missing `last` is the end, as in PartnerTap's own client), after Limit
// items, when the consumer stops, or at the first error, which it yields.
func Pages[T any](ctx context.Context, c *Client, req PageRequest) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		size := pageSize(req.PageSize, req.Limit)
		var yielded int64
		for number := 0; ; number++ {
			if number > 0 && req.BeforePage != nil {
				req.BeforePage(ctx)
			}
			page, err := fetchPage[T](ctx, c, req, number, size)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Content {
				if !yield(item, nil) {
					return
				}
				yielded++
				if req.Limit > 0 && yielded >= req.Limit {
					return
				}
			}
			if page.Last == nil || *page.Last || len(page.Content) == 0 {
				return
			}
		}
	}
}

func fetchPage[T any](ctx context.Context, c *Client, req PageRequest, number, size int) (*api.Page[T], error) {
	query := url.Values{}
	for k, v := range req.Query {
		query[k] = v
	}
	query.Set(api.ParamPage, strconv.Itoa(number))
	query.Set(api.ParamSize, strconv.Itoa(size))
	var page api.Page[T]
	if err := c.GetJSON(ctx, req.Path, query, &page); err != nil {
		return nil, err
	}
	if page.Number != number {
		return nil, &DecodeError{Method: "GET", Path: req.Path,
			Err: fmt.Errorf("asked for page %d, the server answered page %d", number, page.Number)}
	}
	return &page, nil
}

// pageSize is the size to ask for: the configured size, no larger than the server serves, and no
// larger than the rows wanted.
func pageSize(configured int, limit int64) int {
	size := configured
	if size <= 0 || size > api.MaxPageSize {
		size = api.MaxPageSize
	}
	if limit > 0 && limit < int64(size) {
		size = int(limit)
	}
	return size
}
