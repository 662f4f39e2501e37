package sandbox

import (
	"slices"
	"strings"
)

// view is a list the sandbox serves: its length and a way to make its r-th row, so a page of a
// list of millions costs only the rows on the page.
type view[T any] struct {
	n  int
	at func(r int) T
}

func sliceView[T any](rows []T) view[T] {
	return view[T]{n: len(rows), at: func(r int) T { return rows[r] }}
}

// filtered keeps the rows that pass keep; it generates every row once.
func filtered[T any](v view[T], keep func(T) bool) view[T] {
	var rows []T
	for r := 0; r < v.n; r++ {
		if row := v.at(r); keep(row) {
			rows = append(rows, row)
		}
	}
	return sliceView(rows)
}

// sortKey is one `sort=property,direction` parameter.
type sortKey struct {
	field string
	desc  bool
}

// parseSort reads `sort` parameters as Spring Data does ("a,b,desc": properties, then an optional
// direction), keeping the properties in allowed and ignoring the rest [ours].
func parseSort(values []string, allowed []string) []sortKey {
	var keys []sortKey
	for _, value := range values {
		var props []string
		for _, part := range strings.Split(value, ",") {
			if part = strings.TrimSpace(part); part != "" {
				props = append(props, part)
			}
		}
		desc := false
		if n := len(props); n > 1 {
			switch strings.ToLower(props[n-1]) {
			case "desc":
				desc = true
				props = props[:n-1]
			case "asc":
				props = props[:n-1]
			}
		}
		for _, field := range props {
			if slices.Contains(allowed, field) {
				keys = append(keys, sortKey{field: field, desc: desc})
			}
		}
	}
	return keys
}

// anyView is a view of any row type, so one handler method can serve them all.
type anyView interface {
	page(p pageParams) any
	churned(c *churnState, view, path string) (anyView, string, bool)
}

func (v view[T]) page(p pageParams) any { return pageOf(v, p) }
