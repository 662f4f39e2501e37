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
}

// readPageParams reads page, size and sort like Spring Data: page defaults to 0, size to 20 and is
// clamped to 2000; a negative or non-numeric value is a 400 [ours].
func readPageParams(r *http.Request, sortable []string) (pageParams, string) {
	q := r.URL.Query()
	p := pageParams{size: api.DefaultPageSize}
	var err error
	if v := q.Get(api.ParamPage); v != "" {
		if p.number, err = strconv.Atoi(v); err != nil || p.number < 0 {
			return p, "page must be a non-negative integer"
		}
	}
	if v := q.Get(api.ParamSize); v != "" {
		if p.size, err = strconv.Atoi(v); err != nil || p.size < 1 {
			return p, "size must be a positive integer"
		}
	}
	p.size = min(p.size, api.MaxPageSize)
	if p.sort, err = parseSort(q[api.ParamSort], sortable); err != nil {
		return p, err.Error()
	}
	return p, ""
}

// pageOf cuts one Spring page out of a view.
func pageOf[T any](v view[T], p pageParams) api.Page[T] {
	v = sorted(v, p.sort)
	start := min(int64(p.number)*int64(p.size), int64(v.n))
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
		Pageable: &api.Pageable{PageNumber: p.number, PageSize: p.size, Offset: start, Paged: true, Sort: sortState},
	}
}
