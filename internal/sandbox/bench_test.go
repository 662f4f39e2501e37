package sandbox

import (
	"io"
	"net/http/httptest"
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
		req := httptest.NewRequest("GET", api.SaleAccountsMatched.Path+"?size=2000&page="+itoa(i%40), nil)
		req.Header.Set("Authorization", token)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		_, _ = io.Copy(io.Discard, w.Body)
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
