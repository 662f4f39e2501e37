package api

import "testing"

// TestALeftOutKeyCostsOneKeyRead: records that leave a key out, as the sandbox's records leave
// out absent fields, cost one key read each where the key order changes, not one for every key
// after it.
func TestALeftOutKeyCostsOneKeyRead(t *testing.T) {
	quoted := [][]byte{[]byte(`"a"`), []byte(`"b"`), []byte(`"c"`), []byte(`"d"`), []byte(`"e"`)}
	records := [][]int{
		{0, 1, 2, 3, 4}, // learnt: every key read
		{0, 2, 3, 4},    // b left out: c read after a
		{0, 1, 2, 3, 4}, // b back: b read after a
		{0, 1, 2, 3, 4},
		{0, 1, 3, 4}, // c left out
		{1, 2, 3, 4}, // a left out: b read first, c after b
	}
	want := []int{5, 1, 1, 0, 1, 2}
	var order keyOrder
	for r, record := range records {
		reads := 0
		prev := recordStart
		for _, field := range record {
			s := &scanner{b: quoted[field]}
			i, predicted := order.predict(s, quoted, prev)
			if !predicted {
				reads++
				i, s.pos = field, len(quoted[field]) // read as s.key() reads it
				order.learn(prev, i, true, len(quoted))
			}
			if i != field || s.pos != len(quoted[field]) {
				t.Fatalf("record %d: key %s read as field %d, at %d", r, quoted[field], i, s.pos)
			}
			prev = after(i, true)
		}
		if reads != want[r] {
			t.Errorf("record %d %v: %d keys read, want %d", r, record, reads, want[r])
		}
	}
}
