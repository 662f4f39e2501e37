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
}

// Pages reads a Spring-paged list and yields its items in order. It stops after the page marked
// `last` (a missing `last` is the end, as in PartnerTap's own client), after Limit items, when the
// consumer stops, or at the first error, which it yields.
//
// Once page 0 tells totalPages, the following pages are fetched up to Concurrency at a time, so a
// slow link costs one round trip per Concurrency pages; rows are still yielded in order, and at
// most Concurrency + 1 pages wait in memory for the consumer. Every page is checked against page
// 0 (see checkPage), so a list that changes under the read fails instead of repeating or losing
// rows: KeyedPages reads a list whose rows have a key through such changes.
func Pages[T any](ctx context.Context, c *Client, req PageRequest) iter.Seq2[T, error] {
	return pages[T](ctx, c, req, nil)
}

// KeyedPages reads a list of keyed items as Pages does, and keeps reading through rows inserted,
// deleted or updated while it reads (live_pages.go): pages that overlap, linked by their rows' keys.
// req.Query should sort by the list's key fields (api.Endpoint.KeyFields), so rows keep their order.
func KeyedPages[T api.Keyed](ctx context.Context, c *Client, req PageRequest) iter.Seq2[T, error] {
	return pages[T](ctx, c, req, T.ListKey)
}

// PagesByKey is KeyedPages for items whose key a function tells (a v1 list's records, whose key
// fields depend on the list).
func PagesByKey[T any](ctx context.Context, c *Client, req PageRequest, key func(T) string) iter.Seq2[T, error] {
	return pages[T](ctx, c, req, key)
}

func pages[T any](ctx context.Context, c *Client, req PageRequest, key func(T) string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r := &pageReader[T]{ctx: ctx, c: c, req: req, size: pageSize(req.PageSize, req.Limit), yield: yield}
		first, err := fetchPage[T](ctx, c, req, 0, r.size)
		if key != nil && r.size >= 2 {
			r.live(first, err, key)
			return
		}
		if err == nil {
			r.total = first.TotalElements
			err = checkPage(req.method(), req.Path, first, 0, r.size, r.total, 0)
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

// live reads a keyed list page after page, linking each page to the last (liveRead): the pages
// page 0's totals plan are fetched Concurrency at a time, then more one by one until one is last.
func (r *pageReader[T]) live(first *api.Page[T], err error, key func(T) string) {
	l := &liveRead[T]{pageReader: r, key: key, overlap: overlapFor(r.size), seen: map[string]int{}}
	w0 := window{number: 0, size: r.size}
	if l.offer(w0, first, err) != liveNext {
		return
	}
	rows := first.TotalElements
	if r.req.Limit > 0 {
		rows = min(rows, r.req.Limit)
	}
	read := 1
	if w0.end() < rows {
		launcher, ctx, stop := r.launch(planUpTo(w0, rows, l.overlap))
		defer stop()
		for ; ; read++ {
			res, planned := launcher.result(ctx, read)
			if !planned {
				break
			}
			if !l.link(res.window, res.page, res.err, read) {
				return
			}
		}
	}
	for l.readNext(read) {
		read++
	}
}

// launch starts requesting plan's pages, Concurrency at a time, in a context stop ends; stop
// abandons the pages in flight and returns once no request of them runs.
func (r *pageReader[T]) launch(plan func() (window, bool)) (l *pageLauncher[T], ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(r.ctx)
	var running sync.WaitGroup
	l = newPageLauncher(plan, max(r.req.Concurrency, 1), r.decode)
	running.Add(1)
	go func() {
		defer running.Done()
		l.launchAll(ctx, r, &running)
	}()
	return l, ctx, func() {
		cancel()
		running.Wait()
	}
}

// fetch requests the page of window w, after the rate limiter's wait.
func (r *pageReader[T]) fetch(w window) (*api.Page[T], error) {
	r.beforePage()
	return fetchPage[T](r.ctx, r.c, r.req, w.number, w.size)
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
		page, err := r.fetch(window{number: number, size: r.size})
		if !r.emit(number, page, err) || isLast(page) {
			return
		}
	}
}

type pageResult[T any] struct {
	window window
	page   *api.Page[T]
	err    error
}

// fetchedPage is a launched page's answer, not yet decoded.
type fetchedPage struct {
	window window
	answer rawAnswer
	err    error
}

// concurrent yields page 0's rows and reads pages 1..planned-1 with up to Concurrency requests
// in flight, yielding them in order; the requests go out before page 0's rows are yielded.
func (r *pageReader[T]) concurrent(first *api.Page[T], planned int) {
	number := 0
	l, ctx, stop := r.launch(func() (window, bool) {
		number++
		return window{number: number, size: r.size}, number < planned
	})
	defer stop() // a read that stops early abandons the pages in flight, and no request outlives it
	if !r.emitRows(first) {
		return
	}
	for number := 1; number < planned; number++ {
		res, _ := l.result(ctx, number)
		if !r.emit(number, res.page, res.err) {
			return
		}
		if number < planned-1 && isLast(res.page) {
			r.yield(*new(T), &ChangedError{Method: r.req.method(), Path: r.req.Path, Detail: "page " + strconv.Itoa(number) + " is marked last before the end"})
			return
		}
		if number == first.TotalPages-1 && !isLast(res.page) {
			r.yield(*new(T), &ChangedError{Method: r.req.method(), Path: r.req.Path, Detail: "page " + strconv.Itoa(number) + " of " + strconv.Itoa(first.TotalPages) + " is not marked last"})
			return
		}
	}
}

// pageLauncher requests pages in order as soon as a request in flight completes, independently
// of how fast the consumer takes rows. At most window + 1 pages are requested and not yet taken
// by the consumer (in flight, or in and waiting), besides the one it is reading; then launching
// waits. One waiting page is enough: the window of requests in flight, not the pages waiting,
// keeps the network busy (at 200 ms a page, 2 x window waiting pages read no faster:
// scripts/bars.sh). A page waits as its answer's bytes and is decoded when the consumer takes it:
// decoded, a waiting page of 2000 rows is tens of thousands of pointers that every collection
// traces while it waits (the plugin's collector did nearly twice the work on a 100k-row read
// through the CLI), where bytes cost it nothing. A page that cannot be decoded fails the read
// when the consumer reaches it, as a failed request does.
type pageLauncher[T any] struct {
	// plan gives the pages to read after the first, one call each, until it says no more;
	// planEnd is closed then, with planned the pages in all (the first too).
	plan    func() (window, bool)
	planEnd chan struct{}
	planned int
	// results holds a slot per page requested and not yet consumed, page n in slot n % len: no
	// more than window + 1 such pages exist, so memory does not grow with the pages planned.
	results  []chan fetchedPage
	decode   func(rawAnswer) (*api.Page[T], error)
	inFlight chan struct{} // a token per request on the wire
	held     chan struct{} // a token per page requested and not yet consumed
	failed   chan struct{} // closed at the first failed request: launch no more
	failOnce sync.Once
}

func newPageLauncher[T any](plan func() (window, bool), window int, decode func(rawAnswer) (*api.Page[T], error)) *pageLauncher[T] {
	l := &pageLauncher[T]{
		plan:     plan,
		planEnd:  make(chan struct{}),
		results:  make([]chan fetchedPage, window+2),
		decode:   decode,
		inFlight: make(chan struct{}, window),
		held:     make(chan struct{}, window+1),
		failed:   make(chan struct{}),
	}
	for i := range l.results {
		l.results[i] = make(chan fetchedPage, 1)
	}
	return l
}

// launchAll requests windows 1.. in order until all are requested, one fails or ctx ends; every
// request runs in running.
func (l *pageLauncher[T]) launchAll(ctx context.Context, r *pageReader[T], running *sync.WaitGroup) {
	for i := 1; ; i++ {
		if !l.acquire(ctx, l.held) || !l.acquire(ctx, l.inFlight) {
			return
		}
		w, more := l.plan()
		if !more {
			<-l.held
			<-l.inFlight
			l.planned = i
			close(l.planEnd)
			return
		}
		r.beforePage()
		running.Add(1)
		go func() {
			defer running.Done()
			// The slot is free once the answer is in.
			answer, err := fetchAnswer(ctx, r.c, r.req, w.number, w.size, func() { <-l.inFlight })
			if err != nil {
				l.failOnce.Do(func() { close(l.failed) })
			}
			l.slot(i) <- fetchedPage{w, answer, err}
		}()
	}
}

// slot is the i-th window's result channel; the page that used it before was consumed, since a
// page is launched only with a held token, and window + 1 pages at most hold one.
func (l *pageLauncher[T]) slot(i int) chan fetchedPage {
	return l.results[i%len(l.results)]
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

// result waits for the i-th page and decodes it; planned is false when the plan ended before it.
// Pages are launched in order and launching stops only at a failed request, the end of the plan
// or the end of ctx, so a page never launched is after a failed one, past the plan, or meets
// ctx's end here.
func (l *pageLauncher[T]) result(ctx context.Context, i int) (res pageResult[T], planned bool) {
	planEnd := l.planEnd
	for {
		select {
		case f := <-l.slot(i):
			<-l.held
			if f.err != nil {
				return pageResult[T]{window: f.window, err: f.err}, true
			}
			page, err := l.decode(f.answer)
			return pageResult[T]{f.window, page, err}, true
		case <-ctx.Done():
			return pageResult[T]{err: ctx.Err()}, true
		case <-planEnd:
			if i >= l.planned {
				return pageResult[T]{}, false
			}
			planEnd = nil // the page was planned: wait for it
		}
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
		err = checkPage(r.req.method(), r.req.Path, page, number, r.size, r.total, r.yielded)
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

// fetchPage requests a page and decodes it.
func fetchPage[T any](ctx context.Context, c *Client, req PageRequest, number, size int) (*api.Page[T], error) {
	answer, err := fetchAnswer(ctx, c, req, number, size, nil)
	if err != nil {
		return nil, err
	}
	return decodeAnswer[T](req, answer)
}

// decode decodes an answer to one of the read's requests.
func (r *pageReader[T]) decode(answer rawAnswer) (*api.Page[T], error) {
	return decodeAnswer[T](r.req, answer)
}

// decodeAnswer decodes a page answered to req, and gives its buffer back for the next answer.
func decodeAnswer[T any](req PageRequest, answer rawAnswer) (*api.Page[T], error) {
	defer releaseAnswer(answer)
	var page api.Page[T]
	if err := api.DecodePage(answer, &page); err != nil {
		return nil, &DecodeError{Method: req.method(), Path: req.Path, Err: err}
	}
	return &page, nil
}

// fetchAnswer requests a page; received, when set, is called once the answer is in.
func fetchAnswer(ctx context.Context, c *Client, req PageRequest, number, size int, received func()) (rawAnswer, error) {
	query := url.Values{}
	for k, v := range req.Query {
		query[k] = v
	}
	query.Set(api.ParamPage, strconv.Itoa(number))
	query.Set(api.ParamSize, strconv.Itoa(size))
	var body rawAnswer
	var err error
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
	return body, nil
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
