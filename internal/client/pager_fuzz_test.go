package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// fixedBody answers a valid token to /api/auth and the same body to every other request.
type fixedBody struct {
	token string
	body  []byte
	calls int
}

func (f *fixedBody) RoundTrip(r *http.Request) (*http.Response, error) {
	body := f.body
	if r.URL.Path == api.AuthPath {
		body = []byte(`{"token":"` + f.token + `"}`)
	} else {
		f.calls++
	}
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

// FuzzPages feeds arbitrary page bodies to the pager: it must never panic or loop, and whatever
// it yields must be consistent with what the body claims.
func FuzzPages(f *testing.F) {
	f.Add([]byte(`{"content":[{"repId":"a"},{"repId":"b"}],"totalElements":2,"totalPages":1,"number":0,"size":20,"numberOfElements":2,"first":true,"last":true}`))
	f.Add([]byte(`{"content":[{"repId":"a"}],"totalElements":5,"number":0,"last":false}`))
	f.Add([]byte(`{"content":[],"totalElements":0,"number":0,"last":false}`))
	f.Add([]byte(`{"content":[{"repId":42}],"last":true}`))
	f.Add([]byte(`{"content":null}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte(`{"content":[{"repId":"a","newConnections":"x"}],"number":0}`))
	f.Add([]byte(`{"content":[{"repId":"a"}`))
	token, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}).SignedString([]byte("k"))
	f.Fuzz(func(t *testing.T, body []byte) {
		rt := &fixedBody{token: token, body: body}
		c, err := New(Options{BaseURL: "https://fuzz.invalid", APIKey: "k", HTTPClient: &http.Client{Transport: rt},
			Retry: RetryPolicy{MaxAttempts: 2, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond, Budget: time.Second}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range Pages[api.RepConnections](context.Background(), c, PageRequest{Path: "/analytics/x", PageSize: 3}) {
			if err != nil {
				if !strings.HasPrefix(err.Error(), "partnertap api: ") {
					t.Fatalf("error without context: %v", err)
				}
				break
			}
			n++
			if n > 3 {
				t.Fatalf("yielded %d rows from pages of 3 that all claim page 0", n)
			}
		}
		if rt.calls > 2*2 {
			t.Fatalf("%d requests: the pager did not stop", rt.calls)
		}
	})
}
