package client

import "testing"

// Every planned page starts at least the overlap before the last one ends, is a real Spring page
// (a multiple of its size), goes past it, and the plan costs few pages more than the list's pages:
// 2 of 50, 16 of 500 at the largest size (3%).
func TestWindowsOverlapAndCostFewPages(t *testing.T) {
	for _, tc := range []struct {
		rows     int64
		size     int
		maxExtra int
	}{
		{99741, 2000, 2}, {1_000_000, 2000, 20}, {24_000, 200, 14}, {5000, 50, 25}, {37, 4, 12},
	} {
		overlap := overlapFor(tc.size)
		windows := []window{{0, tc.size}}
		for plan := planUpTo(windows[0], tc.rows, overlap); ; {
			next, ok := plan()
			if !ok {
				break
			}
			windows = append(windows, next)
		}
		for i := 1; i < len(windows); i++ {
			prev, w := windows[i-1], windows[i]
			if w.size > 2*tc.size || w.size < 2 {
				t.Fatalf("%d rows by %d: page %d has size %d", tc.rows, tc.size, i, w.size)
			}
			if w.start() > prev.end()-int64(overlap) || w.end() <= prev.end() {
				t.Fatalf("%d rows by %d: page %d [%d,%d) after [%d,%d) does not overlap by %d or make progress",
					tc.rows, tc.size, i, w.start(), w.end(), prev.start(), prev.end(), overlap)
			}
		}
		if last := windows[len(windows)-1]; last.end() < tc.rows {
			t.Fatalf("%d rows by %d: the plan ends at %d", tc.rows, tc.size, last.end())
		}
		plain := int((tc.rows + int64(tc.size) - 1) / int64(tc.size))
		if extra := len(windows) - plain; extra > tc.maxExtra {
			t.Errorf("%d rows by %d: %d pages, %d more than without overlap (at most %d)", tc.rows, tc.size, len(windows), extra, tc.maxExtra)
		}
	}
}

// Sizes 2 to 4 all divide 12, so no page of at most 4 rows starting by row 11 ends past 12.
func TestAPageLargerThanSizeWhenNoneGoesFurther(t *testing.T) {
	w, ok := nextWindow(12, 4, 1)
	if !ok || w.size <= 4 || w.start() > 11 || w.end() <= 12 {
		t.Fatalf("after row 12 by 4: %+v, %v", w, ok)
	}
	if _, ok := nextWindow(1, 1, 2); ok {
		t.Fatal("no page starts two rows before row 1")
	}
}

// The page before a row starts as far back as a page can and still holds overlap rows from it.
func TestWindowBeforeReachesBackAndOverlaps(t *testing.T) {
	for _, tc := range []struct {
		start         int64
		size, overlap int
	}{{1990, 50, 2}, {99_000, 2000, 8}, {37, 4, 2}, {5, 50, 2}} {
		w, ok := windowBefore(tc.start, tc.size, tc.overlap)
		if !ok || w.start() >= tc.start || w.end() < tc.start+int64(tc.overlap) || w.size > tc.size {
			t.Fatalf("before row %d by %d: [%d,%d), %v", tc.start, tc.size, w.start(), w.end(), ok)
		}
		if back := tc.start - w.start(); back < int64(tc.size/2-tc.overlap) && w.start() > 0 {
			t.Errorf("before row %d by %d: reaches back only %d rows", tc.start, tc.size, back)
		}
	}
	if _, ok := windowBefore(0, 50, 2); ok {
		t.Fatal("a page before the list's start")
	}
}
