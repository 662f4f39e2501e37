package client

import (
	"fmt"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// A live read is the read of a keyed list (api.Keyed), which may change while it is read: rows
// inserted, deleted and updated between one page and the next. Its promise (docs/index.md, "Reads
// of live data"): every row present for the whole read comes back exactly once; a row inserted or
// deleted during the read comes back at most once; the read fails only when it cannot keep that,
// and says why.
//
// How: the server sorts by the key (the endpoint's KeyFields), so rows keep their order while
// others come and go, and every page after the first starts a few rows before the last one ended
// (nextWindow). A page that holds a row of the page before it (its anchor) holds every row after
// that one up to its own end, whatever moved: a page is a run of consecutive rows of the list as
// it was when the server answered. Its rows up to the last one already read are skipped (read, or
// inserted behind the read), the rest are new. A page with no anchor may have missed rows that
// moved up past its start (deletions before it): the pages before it are read again, starting
// further back each time, until one links, and only those. A page marked last that links ends
// the read. No page count or totalElements is trusted: they change with the list.
type liveRead[T any] struct {
	*pageReader[T]
	key     func(T) string
	overlap int
	// last is the page linked last, where the read goes on from; lastKeys its rows' keys, the
	// anchors of the next page.
	last     window
	lastKeys map[string]struct{}
	// recent is the keys of the last recentPages pages linked: a row among them is not new.
	recent [][]string
	seen   map[string]int // key -> how many of the recent pages hold it
	// stalled counts the pages linked in a row that brought no new row, rereads the pages read
	// again; both are bounded so a list that changes faster than it is read fails.
	stalled, rereads int
}

// recentPages is how many linked pages' keys a live read keeps to tell new rows from rows read. A
// row read before can come back only on a page that starts before it, and a page starts before
// the last page linked only when rows were inserted ahead of it: over a page of inserts between
// two pages (2000 rows at the largest size) stalls the read, which fails after recentPages - 2
// stalled pages instead of forgetting a row it read.
const recentPages = 8

// maxRereads is how many pages a live read may read again: a few per shift found, and a budget
// that grows with the pages read.
func (l *liveRead[T]) maxRereads(pagesRead int) int { return 8 + pagesRead/4 }

// liveStep is what became of a page offered to a live read.
type liveStep int

const (
	liveNext     liveStep = iota // linked: read on
	liveUnlinked                 // no anchor: read again from earlier
	liveStop                     // the end, the limit, the consumer stopped, or an error was yielded
)

// offer checks a page of window w and, when it links, yields its new rows.
func (l *liveRead[T]) offer(w window, page *api.Page[T], err error) liveStep {
	if err == nil {
		err = checkLivePage(l.req.method(), l.req.Path, page, w)
	}
	if err != nil {
		l.yield(*new(T), err)
		return liveStop
	}
	keys := make([]string, len(page.Content))
	inPage := make(map[string]int, len(page.Content))
	for i, item := range page.Content {
		keys[i] = l.key(item)
		if j, dup := inPage[keys[i]]; dup {
			l.yield(*new(T), &DecodeError{Method: l.req.method(), Path: l.req.Path,
				Err: fmt.Errorf("rows %d and %d of page %d have the same key %q; the list's rows cannot be told apart", j, i, w.number, keys[i])})
			return liveStop
		}
		inPage[keys[i]] = i
	}
	if l.lastKeys != nil && !l.anchored(keys) {
		if len(keys) == 0 && isLast(page) && w.start() == 0 {
			return liveStop // the whole list is gone: nothing present for the whole read is left unread
		}
		return liveUnlinked
	}
	fresh := 0
	for i, k := range keys {
		if l.seen[k] > 0 {
			fresh = i + 1 // rows up to the last one read are read, or were inserted behind the read
		}
	}
	l.remember(w, keys)
	if fresh == len(keys) && !isLast(page) {
		if l.stalled++; l.stalled > recentPages-2 {
			l.yield(*new(T), l.changed("%d pages in a row brought no new row: rows are being inserted ahead of the read faster than it reads", l.stalled))
			return liveStop
		}
	} else {
		l.stalled = 0
	}
	if !l.emitRows(&api.Page[T]{Content: page.Content[fresh:]}) || isLast(page) {
		return liveStop
	}
	return liveNext
}

func (l *liveRead[T]) anchored(keys []string) bool {
	for _, k := range keys {
		if _, ok := l.lastKeys[k]; ok {
			return true
		}
	}
	return false
}

// remember makes a linked page the last one and its keys the newest of the recent pages.
func (l *liveRead[T]) remember(w window, keys []string) {
	l.last = w
	l.lastKeys = make(map[string]struct{}, len(keys))
	for _, k := range keys {
		l.lastKeys[k] = struct{}{}
		l.seen[k]++
	}
	l.recent = append(l.recent, keys)
	if len(l.recent) > recentPages {
		for _, k := range l.recent[0] {
			if l.seen[k]--; l.seen[k] == 0 {
				delete(l.seen, k)
			}
		}
		l.recent = l.recent[1:]
	}
}

// link offers the page of window w; when it has no anchor, the list is read again from further
// back each time until a page links, and on from there past w (readAgain), or w links to the
// pages read again (it was answered before them). It returns whether to read on.
func (l *liveRead[T]) link(w window, page *api.Page[T], err error, pagesRead int) bool {
	if err == nil && w.end() <= l.last.end() {
		return true // a planned page the pages read again went past: the next page links to them
	}
	for back := 4 * l.overlap; ; back *= 4 {
		switch l.offer(w, page, err) {
		case liveNext:
			return true
		case liveStop:
			return false
		}
		if l.rereads++; l.rereads > l.maxRereads(pagesRead) {
			l.yield(*new(T), l.changed("page %d shares no row with the page before it, and %d pages read again did not link the read up", w.number, l.rereads-1))
			return false
		}
		if !l.readAgain(w, back) {
			return false
		}
		if l.last.end() >= w.end() {
			return true // the pages read again reach past this one: it is not needed
		}
	}
}

// readAgain reads from `back` rows before w's start, page after page, until a page links (and
// then on until the pages linked reach past w), or the read stops. Reading from the list's start
// is as far back as it goes.
func (l *liveRead[T]) readAgain(w window, back int) bool {
	from := max(w.start()-int64(back), 0)
	again, ok := nextWindow(from+int64(l.overlap), l.size, l.overlap)
	if !ok || from == 0 {
		again = window{number: 0, size: l.size}
	}
	l.beforePage()
	page, err := fetchPage[T](l.ctx, l.c, l.req, again.number, again.size, nil)
	switch l.offer(again, page, err) {
	case liveStop:
		return false
	case liveUnlinked:
		if again.start() == 0 {
			l.yield(*new(T), l.changed("no page from the list's start shares a row with the rows read last: the list changed entirely"))
			return false
		}
		return true // link goes further back
	}
	for l.last.end() < w.end() {
		next, ok := nextWindow(l.last.end(), l.size, l.overlap)
		if !ok {
			l.yield(*new(T), l.changed("no page of at most %d rows goes on from row %d", l.size, l.last.end()))
			return false
		}
		l.beforePage()
		page, err := fetchPage[T](l.ctx, l.c, l.req, next.number, next.size, nil)
		switch l.offer(next, page, err) {
		case liveStop:
			return false
		case liveUnlinked:
			return true // rows moved again: the caller offers w again, or reads from further back
		}
	}
	return true
}

func (l *liveRead[T]) changed(format string, args ...any) error {
	return &ChangedError{Method: l.req.method(), Path: l.req.Path, Detail: fmt.Sprintf(format, args...)}
}

// checkLivePage verifies what a page of a live read says of itself: the page asked for, no more
// rows than asked for, a page short of its size only as the last (Spring counts the rows of a
// short page itself, so it is always the last), and totals that add up at this size.
func checkLivePage[T any](method, path string, page *api.Page[T], w window) error {
	bad := func(format string, args ...any) error {
		return &DecodeError{Method: method, Path: path, Err: fmt.Errorf(format, args...)}
	}
	switch {
	case page.Number != w.number:
		return bad("asked for page %d, the server answered page %d", w.number, page.Number)
	case len(page.Content) > w.size:
		return bad("asked for %d rows, the server answered %d", w.size, len(page.Content))
	case !isLast(page) && len(page.Content) < w.size:
		return bad("page %d has %d rows of %d but is not the last", w.number, len(page.Content), w.size)
	}
	return checkTotals(method, path, page, w.size)
}
