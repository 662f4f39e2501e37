package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// An answer larger than any page, of declared or unknown length, is a clear final error, read
// no further than MaxBody.
func TestHugeAnswerIsRefusedWithBoundedMemory(t *testing.T) {
	for _, declared := range []bool{true, false} {
		var sent atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if declared {
				w.Header().Set("Content-Length", "1099511627776") // 1 TiB
			}
			w.WriteHeader(http.StatusOK)
			chunk := []byte(strings.Repeat(" ", 1<<20))
			for i := 0; i < 2*MaxBody>>20; i++ {
				n, err := w.Write(chunk)
				sent.Add(int64(n))
				if err != nil {
					return
				}
			}
		}))
		c, err := New(Options{BaseURL: srv.URL, APIKey: "k", Retry: RetryPolicy{MaxAttempts: 3}})
		if err != nil {
			t.Fatal(err)
		}
		err = c.send(context.Background(), requestSpec{method: http.MethodGet, path: "/p"}, new(any))
		srv.Close()
		var decode *DecodeError
		if !errors.As(err, &decode) || !strings.Contains(err.Error(), "larger than 64 MiB") {
			t.Fatalf("declared length %v: %v, want a final error about the size", declared, err)
		}
		if n := sent.Load(); n > 2*MaxBody {
			t.Fatalf("declared length %v: %d bytes sent: the answer was read past its bound or retried", declared, n)
		}
	}
}
