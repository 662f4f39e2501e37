package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// PageRequest describes a paged list read.
type PageRequest struct {
	Path  string
	Query url.Values // filters; the pager adds page and size
	// PageSize is the page size to ask for (1..api.MaxPageSize); zero means api.MaxPageSize.
	PageSize int
	// Limit is the most rows the caller wants; zero means all. A limit under PageSize shrinks the
	// pages, so `limit 5` costs one request of size 5, and no page past the limit is asked for.
	Limit int64
	// Concurrency is how many pages may be in flight at once once the first page has told how many
	// there are; zero or one reads them one after another.
	Concurrency int
	// BeforePage, when set, is called before each page after the first is requested (e.g. to wait
	// for a rate limiter).
	BeforePage func(ctx context.Context)
	// Body, when set, makes every page a v1 POST with this JSON body.
	Body any
	// Wanted, for a list of v1 Rows, is the fields the reader uses; the others are checked but not
	// decoded. Nil decodes every field.
	Wanted *api.Wanted
}

// Pages reads a Spring-paged list and yields its items in order. It stops after the page marked
// `last` (a missing `last` is the end, as in PartnerTap's own client), after Limit items, when the
// consumer stops, or at the first error, which it yields.
//
// Once page 0 tells totalPages, the following pages are fetched up to Concurrency at a time, so a
// slow link costs one round trip per Concurrency pages; rows are still yielded in order, and at
// most 2 x Concurrency pages wait in memory for the consumer. Every page is checked against page
// 0 (see checkPage), so a list that changes under the read fails instead of repeating or losing
// rows.
func Pages[T any](ctx context.Context, c *Client, req PageRequest) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r := pageReader[T]{ctx: ctx, c: c, req: req, size: pageSize(req.PageSize, req.Limit), yield: yield}
		first, err := fetchPage[T](ctx, c, req, 0, r.size, nil)
		if err == nil {
			r.total = first.TotalElements
			err = checkPage(req.Path, first, 0, r.size, r.total, 0)
		}
		if err == nil {
			err = checkTotals(req.method(), req.Path, first, r.size)
		}
		if err != nil {
			r.yield(*new(T), err)
			return
		}
		if planned := r.plannedPages(first); planned > 0 && !isLast(first) {
			r.concurrent(first, planned)
			return
		}
		if r.emitRows(first) && !isLast(first) {
			r.sequential()
		}
	}
}

// pageReader is the state of one Pages read.
type pageReader[T any] struct {
	ctx     context.Context
	c       *Client
	req     PageRequest
	size    int
	total   int64 // totalElements of page 0
	yielded int64
	yield   func(T, error) bool
}

// plannedPages is how many pages the read needs in all, when page 0 says; 0 when it cannot tell.
func (r *pageReader[T]) plannedPages(first *api.Page[T]) int {
	if first.TotalPages <= 1 || first.Last == nil {
		return 0
	}
	planned := first.TotalPages
	if r.req.Limit > 0 {
		planned = min(planned, int((r.req.Limit+int64(r.size)-1)/int64(r.size)))
	}
	return planned
}

// sequential reads page after page until one is the last: for servers that do not say how many.
func (r *pageReader[T]) sequential() {
	for number := 1; ; number++ {
		r.beforePage()
		page, err := fetchPage[T](r.ctx, r.c, r.req, number, r.size, nil)
		if !r.emit(number, page, err) || isLast(page) {
			return
		}
	}
}

type pageResult[T any] struct {
	page *api.Page[T]
	err  error
}

// concurrent yields page 0's rows and reads pages 1..planned-1 with up to Concurrency requests
// in flight, yielding them in order; the requests go out before page 0's rows are yielded.
func (r *pageReader[T]) concurrent(first *api.Page[T], planned int) {
	ctx, cancel := context.WithCancel(r.ctx)
	var running sync.WaitGroup
	defer func() {
		cancel() // a read that stops early abandons the pages in flight...
		running.Wait()
	}() // ...and no request outlives it
	l := newPageLauncher[T](planned, max(r.req.Concurrency, 1))
	running.Add(1)
	go func() {
		defer running.Done()
		l.launchAll(ctx, r, &running)
	}()
	if !r.emitRows(first) {
		return
	}
	for number := 1; number < planned; number++ {
		res := l.result(ctx, number)
		if !r.emit(number, res.page, res.err) {
			return
		}
		if number < planned-1 && isLast(res.page) {
			r.yield(*new(T), &ChangedError{Path: r.req.Path, Detail: "page " + strconv.Itoa(number) + " is marked last before the end"})
			return
		}
		if number == first.TotalPages-1 && !isLast(res.page) {
			r.yield(*new(T), &ChangedError{Path: r.req.Path, Detail: "page " + strconv.Itoa(number) + " of " + strconv.Itoa(first.TotalPages) + " is not marked last"})
			return
		}
	}
}

// pageLauncher requests pages in order as soon as a request in flight completes, independently
// of how fast the consumer takes rows. At most window + 1 pages are requested and not yet taken
// by the consumer (in flight or decoded and waiting), besides the one it is reading; then
// launching waits. One waiting page is enough: the window of requests in flight, not the pages
// waiting, keeps the network busy (at 200 ms a page, 2 x window waiting pages read no faster:
// scripts/bars.sh), and each waiting page of the widest v1 rows is 6 MB of decoded rows.
type pageLauncher[T any] struct {
	planned int
	// results holds a slot per page requested and not yet consumed, page n in slot n % len: no
	// more than window + 1 such pages exist, so memory does not grow with the pages planned.
	results  []chan pageResult[T]
	inFlight chan struct{} // a token per request on the wire
	held     chan struct{} // a token per page requested and not yet consumed
	failed   chan struct{} // closed at the first failed page: launch no more
	failOnce sync.Once
}

func newPageLauncher[T any](planned, window int) *pageLauncher[T] {
	l := &pageLauncher[T]{
		planned:  planned,
		results:  make([]chan pageResult[T], window+2),
		inFlight: make(chan struct{}, window),
		held:     make(chan struct{}, window+1),
		failed:   make(chan struct{}),
	}
	for i := range l.results {
		l.results[i] = make(chan pageResult[T], 1)
	}
	return l
}

// launchAll requests pages 1.. in order until all are requested, one fails or ctx ends; every
// request runs in running.
func (l *pageLauncher[T]) launchAll(ctx context.Context, r *pageReader[T], running *sync.WaitGroup) {
	for number := 1; number < l.planned; number++ {
		if !l.acquire(ctx, l.held) || !l.acquire(ctx, l.inFlight) {
			return
		}
		r.beforePage()
		running.Add(1)
		go func() {
			defer running.Done()
			// The slot is free once the answer is in: decoding overlaps the next request.
			page, err := fetchPage[T](ctx, r.c, r.req, number, r.size, func() { <-l.inFlight })
			if err != nil {
				l.failOnce.Do(func() { close(l.failed) })
			}
			l.slot(number) <- pageResult[T]{page, err}
		}()
	}
}

// slot is page number's result channel; the page that used it before was consumed, since a page
// is launched only with a held token, and window + 1 pages at most hold one.
func (l *pageLauncher[T]) slot(number int) chan pageResult[T] {
	return l.results[number%len(l.results)]
}

func (l *pageLauncher[T]) acquire(ctx context.Context, tokens chan struct{}) bool {
	select {
	case tokens <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	case <-l.failed:
		return false
	}
}

// result waits for a page. Pages are launched in order and launching stops only at a failed page
// or the end of ctx, so a page never launched is after a failed one or meets ctx's end here.
func (l *pageLauncher[T]) result(ctx context.Context, number int) pageResult[T] {
	select {
	case res := <-l.slot(number):
		<-l.held
		return res
	case <-ctx.Done():
		return pageResult[T]{err: ctx.Err()}
	}
}

func (r *pageReader[T]) beforePage() {
	if r.req.BeforePage != nil {
		r.req.BeforePage(r.ctx)
	}
}

// emit checks a page and yields its rows; false means stop reading (error, limit or consumer).
func (r *pageReader[T]) emit(number int, page *api.Page[T], err error) bool {
	if err == nil {
		err = checkPage(r.req.Path, page, number, r.size, r.total, r.yielded)
	}
	if err != nil {
		// Cancellation too: a consumer must not take a cut-short read for a complete one.
		r.yield(*new(T), err)
		return false
	}
	return r.emitRows(page)
}

// emitRows yields a checked page's rows; false means stop reading (limit or consumer).
func (r *pageReader[T]) emitRows(page *api.Page[T]) bool {
	for _, item := range page.Content {
		if !r.yield(item, nil) {
			return false
		}
		r.yielded++
		if r.req.Limit > 0 && r.yielded >= r.req.Limit {
			return false
		}
	}
	return true
}

func isLast[T any](page *api.Page[T]) bool { return page == nil || page.Last == nil || *page.Last }

// fetchPage requests a page and decodes it; received, when set, is called once the answer is in,
// before it is decoded.
func fetchPage[T any](ctx context.Context, c *Client, req PageRequest, number, size int, received func()) (*api.Page[T], error) {
	query := url.Values{}
	for k, v := range req.Query {
		query[k] = v
	}
	query.Set(api.ParamPage, strconv.Itoa(number))
	query.Set(api.ParamSize, strconv.Itoa(size))
	var body rawAnswer
	var err error
	method := req.method()
	if req.v1() {
		err = c.PostJSON(ctx, req.Path, query, req.Body, &body)
	} else {
		err = c.GetJSON(ctx, req.Path, query, &body)
	}
	if received != nil {
		received()
	}
	if err != nil {
		return nil, err
	}
	defer releaseAnswer(body)
	var page api.Page[T]
	if err := api.DecodePage(body, &page, req.Wanted); err != nil {
		return nil, &DecodeError{Method: method, Path: req.Path, Err: err}
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

// method is the HTTP method of the request's pages.
func (req PageRequest) method() string {
	if req.v1() {
		return http.MethodPost
	}
	return http.MethodGet
}
