package partnertap

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The tests' oracle: what Postgres decides for one row and one qual, written apart from the
// plugin's own filter code so that it can catch that code's mistakes.

// pgHolds is the qual `column op value` on a row's value, with SQL's null semantics (every
// operator here is null, so false, on a null). A list value is an IN list (op "=").
func pgHolds(rowValue any, op string, value any) bool {
	if rowValue == nil {
		return false
	}
	switch want := value.(type) {
	case []string:
		return slices.ContainsFunc(want, func(w string) bool { return pgHolds(rowValue, op, w) })
	case string:
		s := rowValue.(string)
		switch op {
		case "=":
			return s == want
		case "<>":
			return s != want
		case "~~":
			return pgLike(want, false).MatchString(s)
		case "~~*":
			return pgLike(want, true).MatchString(s)
		case "!~~":
			return !pgLike(want, false).MatchString(s)
		case "!~~*":
			return !pgLike(want, true).MatchString(s)
		}
	case float64:
		return holdsOrder(pgFloatOrder(rowValue.(float64), want), op)
	case int64:
		return holdsOrder(cmp.Compare(rowValue.(int64), want), op)
	case time.Time:
		return holdsOrder(rowValue.(time.Time).Compare(want), op)
	case bool:
		b := rowValue.(bool)
		switch op {
		case "=":
			return b == want
		case "<>":
			return b != want
		}
	}
	panic("pgHolds: unsupported " + op)
}

// holdsOrder is a comparison operator applied to an ordering (-1, 0, 1).
func holdsOrder(order int, op string) bool {
	switch op {
	case "=":
		return order == 0
	case "<>":
		return order != 0
	case "<":
		return order < 0
	case "<=":
		return order <= 0
	case ">":
		return order > 0
	case ">=":
		return order >= 0
	}
	panic("holdsOrder: unsupported " + op)
}

// pgFloatOrder is Postgres's order of double precision values: NaN equals NaN and is above
// every other value, +Infinity included.
func pgFloatOrder(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// pgLike is a SQL LIKE pattern as a regular expression: % any run, _ one character, a
// backslash makes the next character literal; insensitive (ILIKE) folds ASCII letters only, as
// Steampipe's database (C collation) does.
func pgLike(pattern string, insensitive bool) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?s)^")
	runes := []rune(pattern)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r == '\\' && i+1 < len(runes):
			i++
			b.WriteString(literal(runes[i], insensitive))
		case r == '%':
			b.WriteString(".*")
		case r == '_':
			b.WriteString(".")
		default:
			b.WriteString(literal(r, insensitive))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// literal matches r itself, or for an ASCII letter under ILIKE either case of it.
func literal(r rune, insensitive bool) string {
	if insensitive && r < 128 && strings.ToUpper(string(r)) != strings.ToLower(string(r)) {
		return "[" + strings.ToLower(string(r)) + strings.ToUpper(string(r)) + "]"
	}
	return regexp.QuoteMeta(string(r))
}
