package partnertap

import (
	"math"
	"testing"
)

// likeMatch follows Postgres's LIKE and ILIKE (the expected values are what Postgres 15 with the
// C collation answers).
func TestLikeMatchIsPostgresLike(t *testing.T) {
	cases := []struct {
		pattern, s string
		fold, want bool
	}{
		{"abc", "abc", false, true},
		{"abc", "ABC", false, false},
		{"abc", "ABC", true, true},
		{"a%", "a", false, true},
		{"a%c", "abbbc", false, true},
		{"a%c", "abbbcd", false, false},
		{"%b%", "abc", false, true},
		{"a_c", "abc", false, true},
		{"a_c", "ac", false, false},
		{"_", "é", false, true}, // one character, not one byte
		{`a\%`, "a%", false, true},
		{`a\%`, "ab", false, false},
		{`a\_c`, "abc", false, false},
		{`a\\b`, `a\b`, false, true},
		{"%%", "", false, true},
		{"", "", false, true},
		{"", "a", false, false},
		{"É%", "éclair", true, false}, // ILIKE folds ASCII only in the C collation
		{"%a%e%", "Bare", true, true},
		{"%a%e%", "Bra", true, false},
	}
	for _, c := range cases {
		if got := likeMatch(c.pattern, c.s, c.fold); got != c.want {
			t.Errorf("%q %s %q: %v, want %v", c.s, map[bool]string{false: "like", true: "ilike"}[c.fold], c.pattern, got, c.want)
		}
		// the tests' oracle agrees
		if got := pgLike(c.pattern, c.fold).MatchString(c.s); got != c.want {
			t.Errorf("oracle: %q %s %q: %v, want %v", c.s, map[bool]string{false: "like", true: "ilike"}[c.fold], c.pattern, got, c.want)
		}
	}
}

// Doubles order as in Postgres: NaN equals NaN and is greater than every number, Infinity included.
func TestCompareFloatIsPostgresOrder(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		a, b float64
		want int
	}{{1, 2, -1}, {2, 1, 1}, {2, 2, 0}, {nan, nan, 0}, {nan, inf, 1}, {inf, nan, -1}, {math.Inf(-1), -math.MaxFloat64, -1}}
	for _, c := range cases {
		if got := compareFloat(c.a, c.b); got != c.want {
			t.Errorf("compareFloat(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
