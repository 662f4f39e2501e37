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
//
// A list that changes while it is read would repeat or skip rows without any error, so the pager
// checks every envelope against the first: a different totalElements, an empty page before the
// last, or a row count that disagrees with totalElements at the end fails the read with a
// ChangedError instead of returning wrong rows.
func Pages[T any](ctx context.Context, c *Client, req PageRequest) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		size := pageSize(req.PageSize, req.Limit)
		var yielded, total int64
		for number := 0; ; number++ {
			if number > 0 && req.BeforePage != nil {
				req.BeforePage(ctx)
			}
			page, err := fetchPage[T](ctx, c, req, number, size)
			if err == nil && number == 0 {
				total = page.TotalElements
			}
			if err == nil {
				err = checkPage(req.Path, page, number, size, total, yielded)
			}
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
			if page.Last == nil || *page.Last {
				return
			}
		}
	}
}

// ChangedError is a list whose pages do not add up: rows were added or removed while it was read.
type ChangedError struct {
	Path   string
	Detail string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("partnertap api: GET %s: the list changed while it was read (%s); run the query again", e.Path, e.Detail)
}

// checkPage verifies a page's envelope against the request and the first page.
func checkPage[T any](path string, page *api.Page[T], number, size int, total, before int64) error {
	if page.Number != number {
		return &DecodeError{Method: "GET", Path: path, Err: fmt.Errorf("asked for page %d, the server answered page %d", number, page.Number)}
	}
	if len(page.Content) > size {
		return &DecodeError{Method: "GET", Path: path, Err: fmt.Errorf("asked for %d rows, the server answered %d", size, len(page.Content))}
	}
	if page.TotalElements != total {
		return &ChangedError{Path: path, Detail: fmt.Sprintf("page %d reports %d rows in all, page 0 reported %d", number, page.TotalElements, total)}
	}
	isLast := page.Last == nil || *page.Last
	if !isLast && len(page.Content) == 0 {
		return &ChangedError{Path: path, Detail: fmt.Sprintf("page %d is empty but not the last", number)}
	}
	// A server that leaves totalElements out (0) is only checked for `last`, as PartnerTap's client does.
	if isLast && page.Last != nil && total > 0 && before+int64(len(page.Content)) != total {
		return &ChangedError{Path: path, Detail: fmt.Sprintf("read %d rows, the server reported %d", before+int64(len(page.Content)), total)}
	}
	return nil
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
