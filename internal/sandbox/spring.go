package sandbox

import (
	"net/http"
	"strconv"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// writeJSON answers a JSON body, encoded with go-json: three times faster than encoding/json,
// so the sandbox adds little to a round trip beyond any latency injected on purpose. A record's
// keys are written in map order, not sorted (JSON objects are unordered; sorting 90 keys per v1
// record was an eighth of a page's cost), and text is not HTML-escaped (an API, not a page).
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := gojson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.EncodeWithOption(body, gojson.UnorderedMap())
}

// writeError answers Spring Boot's default error body.
func writeError(w http.ResponseWriter, r *http.Request, status int, message string) {
	writeJSON(w, status, api.ErrorBody{
		Timestamp: time.Now().UTC().Format("2006-01-02T15:04:05.000+00:00"),
		Status:    status,
		Error:     http.StatusText(status),
		Message:   message,
		Path:      r.URL.Path,
	})
}

// pageParams are a validated page request.
type pageParams struct {
	number int
	size   int
	sort   []sortKey
	// list names the list the page is cut from, for orders, which keeps its sort order; "" or
	// a nil orders sorts it for this page alone.
	list   string
	orders *orderCache
	// frontCopies puts copies of the sorted list's first rows in front, as if that many rows had
	// been inserted at its start (Faults.ShiftRows).
	frontCopies int
}

// readPageParams reads page, size and sort as Spring Data's resolvers do [ours: Spring's
// behaviour, which the guides do not restate]: a missing, malformed or negative page is 0; a
// missing, malformed or non-positive size is 20, and one over 2000 is 2000; a sort on a property
// that cannot be sorted by is ignored, and the envelope's sort state says whether one was applied.
func readPageParams(r *http.Request, sortable []string) pageParams {
	q := r.URL.Query()
	p := pageParams{number: springInt(q.Get(api.ParamPage)), size: springInt(q.Get(api.ParamSize))}
	if p.size < 1 {
		p.size = api.DefaultPageSize
	}
	p.size = min(p.size, api.MaxPageSize)
	p.sort = parseSort(q[api.ParamSort], sortable)
	return p
}

// springInt is a paging parameter as Spring Data reads it: a number below 0, or that is not a
// 32-bit integer, is 0.
func springInt(v string) int {
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < 0 {
		return 0
	}
	return int(n)
}

// pageOf cuts one Spring page out of a view.
func pageOf[T any](v view[T], p pageParams) api.Page[T] {
	v = sortedView(v, p)
	if k := min(p.frontCopies, v.n); k > 0 {
		inner := v
		v = view[T]{n: v.n + k, at: func(r int) T {
			if r < k {
				return inner.at(r)
			}
			return inner.at(r - k)
		}}
	}
	offset := int64(p.number) * int64(p.size)
	start := min(offset, int64(v.n))
	end := min(start+int64(p.size), int64(v.n))
	content := make([]T, 0, end-start)
	for r := start; r < end; r++ {
		content = append(content, v.at(int(r)))
	}
	totalPages := (v.n + p.size - 1) / p.size
	last := p.number >= totalPages-1
	sortState := api.SortState{Sorted: len(p.sort) > 0, Unsorted: len(p.sort) == 0, Empty: len(p.sort) == 0}
	return api.Page[T]{
		Content: content, TotalElements: int64(v.n), TotalPages: totalPages,
		Number: p.number, Size: p.size, NumberOfElements: len(content),
		First: p.number == 0, Last: &last, Empty: len(content) == 0, Sort: sortState,
		Pageable: &api.Pageable{PageNumber: p.number, PageSize: p.size, Offset: offset, Paged: true, Sort: sortState},
	}
}
