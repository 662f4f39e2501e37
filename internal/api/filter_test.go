package api

import "testing"

func TestFilterEncoding(t *testing.T) {
	cases := []struct {
		f    Filter
		want string
		ok   bool
	}{
		{Filter{Op: FilterOpEqualsAny, Values: []string{"Customer", "Prospect"}}, "Customer-,-Prospect", true},
		{Filter{Op: FilterOpNotEqual, Values: []string{"Customer"}}, "Customer-!-", true},
		{Filter{Op: FilterOpContainsAll, Values: []string{"tech", "soft"}}, "tech-,-soft-?-", true},
		{Filter{Op: FilterOpContainsNone, Values: []string{"test"}}, "test-^-", true},
		{Filter{Op: FilterOpRange, Min: "10", Max: FilterRangeNumberMax}, "10<->1000000000000000", true},
		{Filter{Op: FilterOpRange, Min: "-5", Max: "-1"}, "-5<->-1", true},
		{Filter{Op: FilterOpEqualsAny, Values: []string{"a-,-b"}}, "", false},     // a delimiter inside a value
		{Filter{Op: FilterOpEqualsAny, Values: []string{"x-!-"}}, "", false},      // would read as not-equal
		{Filter{Op: FilterOpEqualsAny, Values: []string{"a-", ",-b"}}, "", false}, // joins into a new separator
		{Filter{Op: FilterOpEqualsAny, Values: []string{"up<->down"}}, "", false}, // would read as a range
		{Filter{Op: FilterOpContainsAll, Values: []string{""}}, "", false},        // empty term
		{Filter{Op: FilterOpEqualsAny}, "", false},                                // no value
		{Filter{Op: FilterOpEqualsAny, Values: []string{"Ends with -?"}}, "Ends with -?", true},
	}
	for _, c := range cases {
		got, ok := c.f.Encode()
		if got != c.want || ok != c.ok {
			t.Errorf("%+v: got %q %v, want %q %v", c.f, got, ok, c.want, c.ok)
		}
	}
}

// FuzzFilterEncoding: whatever Encode accepts decodes back to exactly the same filter, so a
// pushed-down filter can never mean something else than the qual it came from.
func FuzzFilterEncoding(f *testing.F) {
	f.Add(0, "Customer", "Prospect")
	f.Add(1, "a-", ",-b")
	f.Add(2, "x-?", "")
	f.Add(3, "-^", "^-")
	f.Add(4, "-1", "<-")
	f.Add(0, "a-,", "-b")
	ops := []string{FilterOpEqualsAny, FilterOpNotEqual, FilterOpContainsAll, FilterOpContainsNone, FilterOpRange}
	f.Fuzz(func(t *testing.T, op int, a, b string) {
		if op < 0 {
			op = -op
		}
		flt := Filter{Op: ops[op%len(ops)], Values: []string{a, b}}
		if flt.Op == FilterOpRange {
			flt = Filter{Op: FilterOpRange, Min: a, Max: b}
		}
		s, ok := flt.Encode()
		if !ok {
			return
		}
		if got := ParseFilter(s); !got.equal(flt) {
			t.Fatalf("%+v encoded as %q decodes as %+v", flt, s, got)
		}
		for _, v := range append(flt.Values, flt.Min, flt.Max) {
			if hasDelimiter(v) {
				t.Fatalf("value %q with a delimiter was encoded", v)
			}
		}
	})
}
