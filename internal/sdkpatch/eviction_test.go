package sdkpatch

import (
	"testing"
)

// Patch 0003. A repeated scan whose cached result lost pages to eviction gets every row once. The
// cache (2 MB: two shards of 1 MB, each evicting its oldest entries first) holds a result of
// pages of 1000 padded rows; a read of another table then evicts some of them. Unpatched, a hit
// streamed the pages it found, then took the miss on an evicted one as a reason to fetch the whole
// result again: 1000 and 3000 rows repeated in the first two cases. And the fill after a miss
// reused the keys of the result it replaced: its own subscriber could read the old page 0, in
// another row order, before the new one was written (1 to 22 rows repeated, 3 runs in 40 of the
// second case), hence its repeats.
func TestCacheHitWithAnEvictedPageNeverRepeatsRows(t *testing.T) {
	cases := []struct{ padding, pages, otherPages int }{
		{400, 2, 1}, // the second page evicted, the first kept
		{300, 4, 1}, // one of four pages evicted
		{300, 3, 3}, // the first page evicted too: a plain miss
		{300, 4, 1}, {300, 4, 1}, {300, 4, 1},
	}
	for _, c := range cases {
		nb := &numbers{count: c.pages * 1000, failAfter: -1, padding: c.padding}
		srv := serve(t, nb, 2)
		if _, err := scan(srv, true, consumer{}); err != nil {
			t.Fatal(err)
		}
		nb.count = c.otherPages * 1000 // both tables list through nb
		if _, err := scanTable(srv, "other_numbers", true, consumer{}); err != nil {
			t.Fatal(err)
		}
		nb.count = c.pages * 1000
		listsBefore := nb.lists.Load()
		rows, err := scan(srv, true, consumer{})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if diff := everyRowOnce(rows, nb.count); diff != "" {
			t.Errorf("%+v: %s", c, diff)
		}
		// The test is only worth its name if the cache lost pages: each case must read the table again.
		if nb.lists.Load() == listsBefore {
			t.Errorf("%+v: the repeated scan was a full cache hit: nothing was evicted", c)
		}
	}
}
