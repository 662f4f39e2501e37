package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// scriptedPages serves /api/auth and pages of rows "p<page>r<i>" whose envelope page(number) makes.
func scriptedPages(t *testing.T, page func(number, size int) (rows int, total int64, totalPages int, last bool)) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.AuthPath {
			fmt.Fprint(w, `{"token":"`+testJWT(t)+`"}`)
			return
		}
		number, _ := strconv.Atoi(r.URL.Query().Get(api.ParamPage))
		size, _ := strconv.Atoi(r.URL.Query().Get(api.ParamSize))
		rows, total, totalPages, last := page(number, size)
		content := make([]string, rows)
		for i := range content {
			content[i] = fmt.Sprintf(`{"repId":"p%dr%d"}`, number, i)
		}
		fmt.Fprintf(w, `{"content":[%s],"totalElements":%d,"totalPages":%d,"number":%d,"size":%d,"last":%v}`,
			strings.Join(content, ","), total, totalPages, number, size, last)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Pages whose totals do not add up end in an error, never in a short or endless success.
func TestPagesThatDoNotAddUpAreAnError(t *testing.T) {
	cases := []struct {
		name string
		page func(number, size int) (int, int64, int, bool)
	}{
		// 9 rows in pages of 3 are 3 pages; a server saying 2 left 6 of 9 rows and no error.
		{"totalPages too small", func(n, _ int) (int, int64, int, bool) { return 3, 9, 2, false }},
		{"totalPages too large", func(n, _ int) (int, int64, int, bool) { return 3, 9, 5, n == 2 }},
		// Full pages, never last, past totalElements (and a totalPages of 1 that plans nothing).
		{"rows past totalElements", func(n, _ int) (int, int64, int, bool) { return 3, 9, 3, false }},
		{"negative totals", func(n, _ int) (int, int64, int, bool) { return 3, -9, 3, false }},
	}
	for _, concurrency := range []int{1, 4} {
		for _, c := range cases {
			client := scriptedPages(t, c.page)
			rows := 0
			var readErr error
			for _, err := range Pages[api.RepConnections](context.Background(), client, PageRequest{Path: "/analytics/x", PageSize: 3, Concurrency: concurrency}) {
				if err != nil {
					readErr = err
					break
				}
				if rows++; rows > 12 {
					break
				}
			}
			if readErr == nil {
				t.Errorf("%s, %d at a time: %d rows and no error", c.name, concurrency, rows)
			}
		}
	}
}

// A page error names the request as it was sent: v1 pages are POSTs, legacy ones GETs.
func TestPageErrorsNameTheRequestMethod(t *testing.T) {
	// Page 1 of 3 is short but not last: the list changed, or the server is wrong.
	client := scriptedPages(t, func(n, _ int) (int, int64, int, bool) { return 3 - n, 9, 3, false })
	requests := map[string]PageRequest{
		"GET /analytics/x: ": {Path: "/analytics/x", PageSize: 3},
		"POST /v1/x: ":       {Path: "/v1/x", PageSize: 3, Body: map[string]any{}},
	}
	for want, req := range requests {
		var readErr error
		for _, err := range Pages[api.Record](context.Background(), client, req) {
			if err != nil {
				readErr = err
				break
			}
		}
		if readErr == nil || !strings.Contains(readErr.Error(), want) {
			t.Errorf("%s: error %v, want it to name %q", req.Path, readErr, want)
		}
	}
}

// A page 0 claiming millions of pages costs nothing before its rows are read: the pager keeps a
// slot per page in flight, not per page planned (4,000,000 pages took 549 MB up front).
func TestHugeTotalPagesAllocatesNothingUpFront(t *testing.T) {
	client := scriptedPages(t, func(n, size int) (int, int64, int, bool) { return size, 8_000_000, 4_000_000, false })
	var before, at runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, err := range Pages[api.RepConnections](context.Background(), client, PageRequest{Path: "/analytics/x", PageSize: 2, Concurrency: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&at)
		break
	}
	if grew := at.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Fatalf("%d MiB allocated before the first row", grew>>20)
	}
}

// testJWT is a token the client accepts, valid for an hour.
func testJWT(t *testing.T) string {
	t.Helper()
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}).SignedString([]byte("k"))
	if err != nil {
		t.Fatal(err)
	}
	return token
}
