package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// rawAnswer is the status and body of one request to ts.
func (ts *testServer) rawAnswer(t *testing.T, method, pathAndQuery, key, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.http.URL+pathAndQuery, strings.NewReader(body))
	if method == http.MethodGet {
		req.Header.Set("Authorization", ts.token)
	} else {
		req.Header.Set(api.HeaderAPIKey, key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func TestPageCacheAnswersRepeatsWithTheSameBytes(t *testing.T) {
	cached := start(t, Config{PageCacheMB: 64, V1RateLimit: 3})
	plain := start(t, Config{V1RateLimit: -1})
	legacy := api.SaleAccountsMatched.Path + "?size=50&page=1"
	v1 := api.ReportPath(api.ReportGlobalAccounts, "records") + "?size=50&page=0"
	for _, req := range []struct{ method, path, body string }{{"GET", legacy, ""}, {"POST", v1, `{"filters":{}}`}} {
		status, first := cached.rawAnswer(t, req.method, req.path, DemoAPIKey, req.body)
		_, repeat := cached.rawAnswer(t, req.method, req.path, DemoAPIKey, req.body)
		_, want := plain.rawAnswer(t, req.method, req.path, DemoAPIKey, req.body)
		if status != 200 || !bytes.Equal(first, repeat) || !sameJSON(t, first, want) {
			t.Fatalf("%s %s: %d, the answer is not an uncached server's or not repeated byte for byte", req.method, req.path, status)
		}
	}
	if hits := cached.pages.hits.Load(); hits != 2 {
		t.Fatalf("%d answers from the cache, want the two repeats", hits)
	}

	// Another page, another body or another key is another answer; the rate limit still counts
	// cached answers (this is the key's fourth v1 call, over its 3).
	if _, got := cached.rawAnswer(t, "POST", v1, DemoAPIKey, `{"filters":{},"search":"a"}`); bytes.Contains(got, []byte("Rate limit")) {
		t.Fatalf("third v1 call refused: %s", got)
	}
	if status, _ := cached.rawAnswer(t, "POST", v1, DemoAPIKey, `{"filters":{}}`); status != http.StatusTooManyRequests {
		t.Fatalf("fourth v1 call in a minute: %d, want 429 although its answer is cached", status)
	}
	if status, _ := cached.rawAnswer(t, "POST", v1, RestrictedAPIKey, `{"filters":{}}`); status != http.StatusForbidden {
		t.Fatalf("a key without API access: %d, want 403 although the answer is cached", status)
	}
	if hits := cached.pages.hits.Load(); hits != 2 {
		t.Fatalf("%d answers from the cache, want still 2", hits)
	}

	// A fault that changes the list bypasses the cache.
	cached.faults.set(Faults{ShiftRows: 3})
	_, shifted := cached.rawAnswer(t, "GET", legacy, "", "")
	_, unshifted := plain.rawAnswer(t, "GET", legacy, "", "")
	if sameJSON(t, shifted, unshifted) || cached.pages.hits.Load() != 2 {
		t.Fatal("a shifted list was answered from the cache")
	}
}

// sameJSON says whether a and b are the same JSON value (v1 records' keys come in any order).
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		t.Fatalf("not JSON: %.80s / %.80s", a, b)
	}
	return reflect.DeepEqual(va, vb)
}
