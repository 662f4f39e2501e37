package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// A server that redirects to another host never gets the credentials there: every call, the key
// exchange, a JWT call and a v1 call with the api-key header, fails with an error that names both
// hosts, and the other host receives no request at all.
func TestRedirectOffBaseURLIsRefused(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer other.Close()
	var redirected atomic.Int64
	base := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirected.Add(1)
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer base.Close()

	calls := map[string]func(c *Client) error{
		"key exchange": func(c *Client) error { return c.GetJSON(context.Background(), "/analytics/x", nil, new(any)) },
		"v1 api-key": func(c *Client) error {
			return c.PostJSON(context.Background(), "/v1/x", nil, map[string]any{}, new(any))
		},
	}
	for name, call := range calls {
		redirected.Store(0)
		c, err := New(Options{BaseURL: base.URL, APIKey: sandbox.DemoAPIKey})
		if err != nil {
			t.Fatal(err)
		}
		err = call(c)
		var redirect *RedirectError
		if !errors.As(err, &redirect) {
			t.Fatalf("%s: %v, want a RedirectError", name, err)
		}
		for _, host := range []string{strings.TrimPrefix(base.URL, "http://"), strings.TrimPrefix(other.URL, "http://")} {
			if !strings.Contains(err.Error(), host) {
				t.Fatalf("%s: %q does not name %s", name, err, host)
			}
		}
		if strings.Contains(err.Error(), sandbox.DemoAPIKey) {
			t.Fatalf("%s: the error holds the key", name)
		}
		if !strings.HasSuffix(err.Error(), "("+DefaultHints.BaseURL+")") {
			t.Fatalf("%s: %q does not end with the advice to check the base URL", name, err)
		}
		if n := redirected.Load(); n != 1 {
			t.Fatalf("%s: %d requests to base_url, want 1 (a refused redirect is not retried)", name, n)
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Fatalf("the other host received %d requests", n)
	}
}

// A redirect on base_url's own origin is followed, credentials and all.
func TestRedirectOnBaseURLIsFollowed(t *testing.T) {
	sb, err := sandbox.New(sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	handler := sb.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/old") {
			http.Redirect(w, r, strings.TrimPrefix(r.URL.RequestURI(), "/old"), http.StatusTemporaryRedirect)
			return
		}
		handler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL + "/old", APIKey: sandbox.DemoAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := c.GetJSON(context.Background(), "/analytics/dashboardbydivision", nil, &out); err != nil || len(out) == 0 {
		t.Fatalf("%d rows, %v", len(out), err)
	}
}

func TestBaseURLWithUserInfoIsRefusedAndRedacted(t *testing.T) {
	for _, raw := range []string{"https://bob:s3cret@reports.partnertap.com", "htps://bob:s3cret@reports.partnertap.com", "https://bob:s3cret@bad host/"} {
		_, err := New(Options{BaseURL: raw, APIKey: sandbox.DemoAPIKey})
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Fatalf("%s: %v, want an error without the password", raw, err)
		}
	}
}
