package sandbox

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
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

// sorted orders a view by the keys, comparing the fields named by their JSON names; null values
// sort last. It generates every row once.
func sorted[T any](v view[T], keys []sortKey) view[T] {
	if len(keys) == 0 {
		return v
	}
	rows := make([]T, v.n)
	for r := range rows {
		rows[r] = v.at(r)
	}
	sort.SliceStable(rows, func(a, b int) bool {
		va, vb := reflect.ValueOf(rows[a]), reflect.ValueOf(rows[b])
		for _, k := range keys {
			c := compareValues(fieldByJSONName(va, k.field), fieldByJSONName(vb, k.field))
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		return false
	})
	return sliceView(rows)
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

func fieldByJSONName(v reflect.Value, name string) reflect.Value {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("json"), ",")[0] == name {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// compareValues orders two field values of one type; nil pointers sort after every value.
func compareValues(a, b reflect.Value) int {
	if a.Kind() == reflect.Pointer {
		switch {
		case a.IsNil() && b.IsNil():
			return 0
		case a.IsNil():
			return 1
		case b.IsNil():
			return -1
		}
		a, b = a.Elem(), b.Elem()
	}
	switch a.Kind() {
	case reflect.String:
		return strings.Compare(strings.ToLower(a.String()), strings.ToLower(b.String()))
	case reflect.Int, reflect.Int64, reflect.Int32:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.Bool:
		return cmp.Compare(boolInt(a.Bool()), boolInt(b.Bool()))
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// anyView is a view of any row type, so one handler method can serve them all.
type anyView interface {
	page(p pageParams) any
	withFrontCopies(k int) anyView
}

func (v view[T]) page(p pageParams) any { return pageOf(v, p) }

// withFrontCopies is the view with copies of its first k rows put in front, as if k rows had been
// inserted at the start of the list.
func (v view[T]) withFrontCopies(k int) anyView {
	k = min(k, v.n)
	return view[T]{n: v.n + k, at: func(r int) T {
		if r < k {
			return v.at(r)
		}
		return v.at(r - k)
	}}
}
