package blockalloc

import "testing"

func TestNextFillsABlockBeforeAllocatingAnother(t *testing.T) {
	var free []int
	var got []*int
	allocs := testing.AllocsPerRun(1, func() {
		free, got = nil, got[:0]
		for i := range 8 {
			got = append(got, Next(&free, i, 4))
		}
	})
	if allocs != 2 {
		t.Errorf("8 values in blocks of 4: %.0f allocations, want 2", allocs)
	}
	for i, p := range got {
		if *p != i {
			t.Errorf("value %d reads %d", i, *p)
		}
	}
	slots := map[*int]bool{}
	for _, p := range got {
		slots[p] = true
	}
	if len(slots) != len(got) {
		t.Errorf("%d values in %d slots", len(got), len(slots))
	}
}
