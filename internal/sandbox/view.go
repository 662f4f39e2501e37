package sandbox

import (
	"cmp"
	"fmt"
	"reflect"
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

// parseSort reads `sort` parameters, rejecting properties outside allowed.
func parseSort(values []string, allowed []string) ([]sortKey, error) {
	var keys []sortKey
	for _, value := range values {
		parts := strings.Split(value, ",")
		k := sortKey{field: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			switch strings.ToLower(strings.TrimSpace(parts[1])) {
			case "asc":
			case "desc":
				k.desc = true
			default:
				return nil, fmt.Errorf("invalid sort direction %q", parts[1])
			}
		}
		if !containsString(allowed, k.field) {
			return nil, fmt.Errorf("No property '%s' found for sorting; sortable: %s", k.field, strings.Join(allowed, ", "))
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func containsString(values []string, v string) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
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
