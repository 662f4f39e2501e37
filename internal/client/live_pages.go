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
// it was when the server answered. Its rows up to the last one seen before are skipped (read, or
// inserted behind the read), the rest are new. A page with no anchor may have missed rows that
// moved up past its start (deletions before it): the pages before it are read again, one page
// further back at a time, until one links, and the read goes on from there; only the pages the
// shift touched are read twice. A page marked last that links ends the read. No page count or
// totalElements is trusted: they change with the list.
type liveRead[T any] struct {
	*pageReader[T]
	key     func(T) string
	overlap int
	// last is the page linked last, where the read goes on from.
	last window
	// recent is the keys of the last recentPages pages linked, and seen how many of them hold
	// each key: a row among them was read, or was inserted behind the read.
	recent []map[string]int
	seen   map[string]int
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

// maxRereads is how many pages a live read may read again: about one for each page read, so a
// list that changes so fast that every page needs one costs at most about twice the requests.
func (l *liveRead[T]) maxRereads(pagesRead int) int { return 8 + pagesRead }

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
	if len(l.recent) > 0 && !l.anchored(keys) {
		if len(keys) == 0 && isLast(page) && w.start() == 0 {
			return liveStop // the whole list is gone: nothing present for the whole read is left unread
		}
		return liveUnlinked
	}
	fresh := l.firstNew(keys)
	l.remember(w, inPage)
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

// firstNew is the row number of a linked page's first new row: the one after the last row seen
// before. Rows before that one were read, or were inserted behind the read (a row present all
// along there was read); rows after it sort after every row read, which a page holds only past
// every row read that it holds. (Not "after the last row yielded": when that row is deleted, a
// page read again can end before where it was, and its new last row would seem the newest.)
func (l *liveRead[T]) firstNew(keys []string) int {
	for i := len(keys) - 1; i >= 0; i-- {
		if l.seen[keys[i]] > 0 {
			return i + 1
		}
	}
	return 0
}

// anchored says whether a page holds a row of a page linked before, of the last one or, when
// every row of that one was deleted since, of a recent one.
func (l *liveRead[T]) anchored(keys []string) bool {
	for _, k := range keys {
		if l.seen[k] > 0 {
			return true
		}
	}
	return false
}

// remember makes a linked page the last one and its keys the newest of the recent pages.
func (l *liveRead[T]) remember(w window, keys map[string]int) {
	l.last = w
	for k := range keys {
		l.seen[k]++
	}
	l.recent = append(l.recent, keys)
	if len(l.recent) > recentPages {
		for k := range l.recent[0] {
			if l.seen[k]--; l.seen[k] == 0 {
				delete(l.seen, k)
			}
		}
		l.recent = l.recent[1:]
	}
}

// link offers the page of window w; when it has no anchor, the pages before it are read again
// (walkBack) until one links, and the read goes on from there past w, each page linked the same
// way. It returns whether to read on.
func (l *liveRead[T]) link(w window, page *api.Page[T], err error, pagesRead int) bool {
	if err == nil && w.end() <= l.last.end() {
		return true // a planned page the pages read again went past: the next page links to them
	}
	switch l.offer(w, page, err) {
	case liveNext:
		return true
	case liveStop:
		return false
	}
	if !l.walkBack(w, pagesRead) {
		return false
	}
	for l.last.end() < w.end() {
		if !l.readNext(pagesRead) {
			return false
		}
	}
	return true
}

// readNext reads and links the page after the last one linked; it returns whether to read on.
func (l *liveRead[T]) readNext(pagesRead int) bool {
	next, ok := nextWindow(l.last.end(), l.size, l.overlap)
	if !ok {
		l.yield(*new(T), l.changed("no page of at most %d rows goes on from row %d", l.size, l.last.end()))
		return false
	}
	page, err := l.fetch(next)
	return l.link(next, page, err, pagesRead)
}

// walkBack reads the pages before w, each overlapping the one after it, until one links: rows
// that moved up past w's start are on them. A page read again that brings nothing new is not a
// stall. It returns whether to read on.
func (l *liveRead[T]) walkBack(w window, pagesRead int) bool {
	stalled := l.stalled
	defer func() { l.stalled = min(l.stalled, stalled) }()
	for cursor := w; ; {
		if l.rereads++; l.rereads > l.maxRereads(pagesRead) {
			l.yield(*new(T), l.changed("page %d shares no row with the pages before it, and %d pages read again did not link the read up", w.number, l.rereads-1))
			return false
		}
		back, ok := windowBefore(cursor.start(), l.size, l.overlap)
		if !ok {
			l.yield(*new(T), l.changed("no page back to the list's start shares a row with the pages read: the rows read last were deleted, or the list is not sorted by its key"))
			return false
		}
		page, err := l.fetch(back)
		switch l.offer(back, page, err) {
		case liveNext:
			return true
		case liveStop:
			return false
		}
		cursor = back
	}
}

func (l *liveRead[T]) changed(format string, args ...any) error {
	return &ChangedError{Method: l.req.method(), Path: l.req.Path, Detail: fmt.Sprintf(format, args...)}
}

// checkLivePage verifies what a page of a live read says of itself: the page asked for, no more
// rows than asked for, a page short of its size only as the last (Spring counts the rows of a
// short page itself, so it is always the last), and totals that add up at this size.
func checkLivePage[T any](method, path string, page *api.Page[T], w window) error {
	if err := checkAsked(method, path, page, w.number, w.size); err != nil {
		return err
	}
	if !isLast(page) && len(page.Content) < w.size {
		return &DecodeError{Method: method, Path: path, Err: fmt.Errorf("page %d has %d rows of %d but is not the last", w.number, len(page.Content), w.size)}
	}
	return checkTotals(method, path, page, w.size)
}
