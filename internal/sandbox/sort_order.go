package sandbox

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// sortedView orders a view of item structs by p's sort keys, comparing the fields named by their
// JSON names: text case-insensitively, null values last [ours]. The order is built once per list
// (orderCache): a reader that sorts by key asks for it on every page.
func sortedView[T any](v view[T], p pageParams) view[T] {
	if len(p.sort) == 0 {
		return v
	}
	order := p.orders.get(p.list, func() []int32 { return sortOrder(v, p.sort) })
	return view[T]{n: len(order), at: func(r int) T { return v.at(int(order[r])) }}
}

// sortColumn is one sort key's values, taken out of every row once.
type sortColumn struct {
	desc  bool
	null  []bool
	text  []string
	num   []float64
	isNum bool
}

// sortOrder is the row numbers of v in the keys' order (a stable sort).
func sortOrder[T any](v view[T], keys []sortKey) []int32 {
	t := reflect.TypeFor[T]()
	cols := make([]sortColumn, len(keys))
	fields := make([]int, len(keys))
	for k, key := range keys {
		fields[k] = jsonField(t, key.field)
		cols[k] = sortColumn{desc: key.desc, null: make([]bool, v.n)}
		if fields[k] >= 0 {
			ft := t.Field(fields[k]).Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			cols[k].isNum = ft.Kind() != reflect.String
		}
		if cols[k].isNum {
			cols[k].num = make([]float64, v.n)
		} else {
			cols[k].text = make([]string, v.n)
		}
	}
	for r := 0; r < v.n; r++ {
		row := reflect.ValueOf(v.at(r))
		for k := range cols {
			if fields[k] < 0 {
				continue
			}
			cols[k].set(r, row.Field(fields[k]))
		}
	}
	return stableOrder(v.n, func(a, b int32) int {
		for k := range cols {
			if c := cols[k].compare(a, b); c != 0 {
				return c
			}
		}
		return 0
	})
}

// stableOrder is the row numbers 0..n-1 sorted by compare, rows that compare equal in their order.
func stableOrder(n int, compare func(a, b int32) int) []int32 {
	order := make([]int32, n)
	for r := range order {
		order[r] = int32(r)
	}
	slices.SortStableFunc(order, compare)
	return order
}

func (c *sortColumn) set(r int, f reflect.Value) {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			c.null[r] = true
			return
		}
		f = f.Elem()
	}
	switch f.Kind() {
	case reflect.String:
		c.text[r] = strings.ToLower(f.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		c.num[r] = float64(f.Int())
	case reflect.Float64:
		c.num[r] = f.Float()
	case reflect.Bool:
		if f.Bool() {
			c.num[r] = 1
		}
	}
}

// compare orders rows a and b by this column; nulls after every value in either direction.
func (c *sortColumn) compare(a, b int32) int {
	switch na, nb := c.null[a], c.null[b]; {
	case na && nb:
		return 0
	case na:
		return 1
	case nb:
		return -1
	}
	var v int
	if c.isNum {
		v = cmp.Compare(c.num[a], c.num[b])
	} else {
		v = strings.Compare(c.text[a], c.text[b])
	}
	if c.desc {
		return -v
	}
	return v
}

// jsonField is the index of t's field with that JSON name, or -1.
func jsonField(t reflect.Type, name string) int {
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("json"), ",")[0] == name {
			return i
		}
	}
	return -1
}

// orderCache keeps the sort orders of the last few lists asked for, by list: its org, endpoint,
// filters, sort and, under churn, its version. A nil cache keeps none.
type orderCache struct {
	mu     sync.Mutex
	orders map[string][]int32
	recent []string // oldest first
}

// orderCacheLists is how many lists' orders are kept: 4 bytes a row, 4 MB for a million.
const orderCacheLists = 8

func newOrderCache() *orderCache { return &orderCache{orders: map[string][]int32{}} }

func (c *orderCache) get(list string, build func() []int32) []int32 {
	if c == nil || list == "" {
		return build()
	}
	c.mu.Lock()
	order, ok := c.orders[list]
	c.mu.Unlock()
	if ok {
		return order
	}
	order = build() // two requests may both build it: the same order, and no lock held for seconds
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.orders[list]; !ok {
		c.orders[list] = order
		c.recent = append(c.recent, list)
		if len(c.recent) > orderCacheLists {
			delete(c.orders, c.recent[0])
			c.recent = c.recent[1:]
		}
	}
	return order
}
