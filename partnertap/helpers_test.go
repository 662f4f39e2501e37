package partnertap

import (
	"strconv"
	"time"
)

func itoa(i int) string { return strconv.Itoa(i) }

func atoi(t interface{ Fatalf(string, ...any) }, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// sameOptional compares a column value with an optional API value: nil pointer means null.
func sameOptional[T comparable](got any, want *T) bool {
	if want == nil {
		return got == nil
	}
	return got == any(*want)
}

// sameEpoch compares a timestamp column with optional epoch seconds.
func sameEpoch(got any, want *int64) bool {
	if want == nil {
		return got == nil
	}
	return got == time.Unix(*want, 0).UTC()
}

// indexBy keys rows by a column that is unique in them; the SDK does not keep row order.
func indexBy(t interface{ Fatalf(string, ...any) }, rows []map[string]any, column string) map[string]map[string]any {
	m := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		key, _ := r[column].(string)
		if _, dup := m[key]; dup {
			t.Fatalf("%s %q appears twice", column, key)
		}
		m[key] = r
	}
	return m
}
