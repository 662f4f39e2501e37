package client

import (
	"math"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// window is one page request: page number and size, so rows number*size up to (number+1)*size of
// the list as it is when the server answers.
type window struct{ number, size int }

func (w window) start() int64 { return int64(w.number) * int64(w.size) }
func (w window) end() int64   { return w.start() + int64(w.size) }

// liveOverlap is how many rows each page of a live read shares at least with the page before it
// (fewer for small pages): its anchor. A page that shares none of the last page's rows may have
// skipped some that moved up, and is read again from earlier (live_pages.go); a few rows of
// overlap let a few rows before it be deleted between the two pages without a re-read.
const liveOverlap = 8

func overlapFor(size int) int { return max(min(liveOverlap, size/64), 2) }

// nextWindow is the page that goes furthest past end, a page of at most size rows that starts at
// least overlap rows before end. A Spring page starts at a multiple of its size, so the page after
// [.., end) shares at least overlap rows with it only at a size that divides a start near end: of
// the sizes from size down, the one whose page ends furthest (a larger size first), which is
// rarely more than a few rows short of size. Small sizes can all divide the rows near end (4, 3
// and 2 near row 12); then a page up to twice size, no larger than the server serves, is taken.
// ok is false when no page makes progress.
func nextWindow(end int64, size, overlap int) (w window, ok bool) {
	limit := end - int64(overlap) // the latest start allowed
	if limit < 0 {
		return window{}, false
	}
	if w, ok := furthestWindow(end, limit, 2, size); ok {
		return w, true
	}
	return furthestWindow(end, limit, size+1, min(2*size, api.MaxPageSize))
}

// furthestWindow is the page of a size in [lo, hi], starting by limit, that ends furthest past end.
func furthestWindow(end, limit int64, lo, hi int) (window, bool) {
	best, bestEnd := window{}, end
	for z := hi; z >= lo; z-- {
		if limit+int64(z) <= bestEnd {
			break // no smaller size can end further: its page ends by limit + z
		}
		number := limit / int64(z)
		if number > math.MaxInt32 {
			continue // a page number Spring cannot take
		}
		if candidate := (window{number: int(number), size: z}); candidate.end() > bestEnd {
			best, bestEnd = candidate, candidate.end()
		}
	}
	return best, bestEnd > end
}

// planUpTo gives the pages after first that reach row `rows`, one call each: each the nextWindow
// of the last, until one reaches it (or none makes progress).
func planUpTo(first window, rows int64, overlap int) func() (window, bool) {
	last := first
	return func() (window, bool) {
		if last.end() >= rows {
			return window{}, false
		}
		next, ok := nextWindow(last.end(), first.size, overlap)
		last = next
		return next, ok
	}
}

// windowBefore is the page that reaches furthest back before start, a page of at most size rows
// that holds at least overlap rows from start on, so it overlaps the page starting there; ok is
// false at the list's start.
func windowBefore(start int64, size, overlap int) (w window, ok bool) {
	if start <= 0 {
		return window{}, false
	}
	reach := start + int64(overlap) // the page ends at this row or later
	best, bestStart := window{}, start
	for z := size; z >= 2; z-- {
		if reach-int64(z) >= bestStart {
			break // no smaller size starts earlier: its page starts after reach - z
		}
		number := max((reach+int64(z)-1)/int64(z)-1, 0)
		if number > math.MaxInt32 {
			continue
		}
		if candidate := (window{number: int(number), size: z}); candidate.start() < bestStart {
			best, bestStart = candidate, candidate.start()
		}
	}
	return best, bestStart < start
}
