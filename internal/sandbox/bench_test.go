package sandbox

import (
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// BenchmarkServeMatchedPage is the sandbox's own cost of one 2000-row page: what it adds to every
// round trip of the read benchmarks on top of the injected latency.
func BenchmarkServeMatchedPage(b *testing.B) {
	s, err := New(Config{Dataset: DatasetConfig{Accounts: 100000}})
	if err != nil {
		b.Fatal(err)
	}
	token, _ := s.mintToken(s.keys[DemoAPIKey], s.now())
	b.ResetTimer()
	for i := range b.N {
		req := httptest.NewRequest("GET", api.SaleAccountsMatched.Path+"?size=2000&page="+strconv.Itoa(i%40), nil)
		req.Header.Set("Authorization", token)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		_, _ = io.Copy(io.Discard, w.Body)
	}
}

// BenchmarkServeGlobalOverlapPage is the sandbox's cost of one 2000-row v1 page of the Global
// Overlap List, whose rows are generated field by field.
func BenchmarkServeGlobalOverlapPage(b *testing.B) {
	s, err := New(Config{Dataset: DatasetConfig{Accounts: 100000}, V1RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		req := httptest.NewRequest("POST", api.ReportPath(api.ReportGlobalAccounts, "records")+"?size=2000&page="+strconv.Itoa(i%40),
			strings.NewReader(`{"filters":{},"search":""}`))
		req.Header.Set(api.HeaderAPIKey, DemoAPIKey)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body.String())
		}
		b.SetBytes(int64(w.Body.Len()))
	}
}
