package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// fixture is a sandbox on an httptest server and a client for it whose log is captured.
type fixture struct {
	sandbox *sandbox.Server
	server  *httptest.Server
	client  *Client
	logs    *syncBuffer
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fastRetry keeps retry tests quick.
var fastRetry = RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 50 * time.Millisecond, Budget: 5 * time.Second}

func newFixture(t *testing.T, cfg sandbox.Config, opts Options) *fixture {
	t.Helper()
	sb, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return newFixtureWithHandler(t, sb, sb.Handler(), opts)
}

func newFixtureWithHandler(t *testing.T, sb *sandbox.Server, h http.Handler, opts Options) *fixture {
	t.Helper()
	srv := sandbox.StartTestServerWith(sb, h)
	t.Cleanup(srv.Close)
	logs := &syncBuffer{}
	opts.BaseURL = srv.URL
	if opts.APIKey == "" && opts.Token == "" {
		opts.APIKey = sandbox.DemoAPIKey
	}
	if opts.Retry == (RetryPolicy{}) {
		opts.Retry = fastRetry
	}
	opts.Logger = hclog.New(&hclog.LoggerOptions{Output: logs, Level: hclog.Trace})
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{sandbox: sb, server: srv, client: c, logs: logs}
}

func (f *fixture) count(path string) int {
	n := 0
	for _, r := range f.sandbox.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func (f *fixture) readAll(t *testing.T, req PageRequest) ([]api.RepConnections, error) {
	t.Helper()
	var rows []api.RepConnections
	for item, err := range Pages[api.RepConnections](context.Background(), f.client, req) {
		if err != nil {
			return rows, err
		}
		rows = append(rows, item)
	}
	return rows, nil
}

// wantAllRepConnectionsInOrder fails the test unless rows are the dataset's rep connections, each
// once, in the API's order.
func (f *fixture) wantAllRepConnectionsInOrder(t *testing.T, rows []api.RepConnections) {
	t.Helper()
	want := f.sandbox.Dataset().RepConnectionRows()
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if rows[i].RepID != want[i].RepID {
			t.Fatalf("row %d is %s, want %s: pages read out of order or twice", i, rows[i].RepID, want[i].RepID)
		}
	}
}

func TestExchangeOnceForManyPages(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	f.wantAllRepConnectionsInOrder(t, rows)
	if got := f.count(api.NewRepConnections.Path); got != 8 {
		t.Errorf("read %d pages of 20 for 150 rows, want 8", got)
	}
	if _, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path}); err != nil {
		t.Fatal(err)
	}
	if got := f.count(api.AuthPath); got != 1 {
		t.Errorf("exchanged the key %d times for two reads, want once", got)
	}
	for _, r := range f.sandbox.Requests() {
		if r.Path != api.AuthPath && r.Auth != "jwt" {
			t.Errorf("request %s sent without the JWT", r.Path)
		}
	}
}

func TestLimitShrinksPages(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 2000, Limit: 7})
	if err != nil || len(rows) != 7 {
		t.Fatalf("got %d rows, %v; want 7", len(rows), err)
	}
	reqs := f.sandbox.Requests()
	last := reqs[len(reqs)-1]
	if f.count(api.NewRepConnections.Path) != 1 || last.Query.Get("size") != "7" {
		t.Fatalf("want one request of size 7, got %+v", reqs)
	}
	// A limit over one page: pages of the configured size, and no page past the limit.
	f.sandbox.ResetRequests()
	rows, err = f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 20, Limit: 45})
	if err != nil || len(rows) != 45 {
		t.Fatalf("got %d rows, %v; want 45", len(rows), err)
	}
	if got := f.count(api.NewRepConnections.Path); got != 3 {
		t.Errorf("made %d requests for 45 rows in pages of 20, want 3", got)
	}
}

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f := newFixture(t, sandbox.Config{TokenLifetime: time.Hour}, Options{Now: clock})
	ctx := context.Background()
	var out []api.DivisionDashboard
	if err := f.client.GetJSON(ctx, api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(50 * time.Minute) // 10 minutes left: keep the token
	mu.Unlock()
	if err := f.client.GetJSON(ctx, api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatal(err)
	}
	if got := f.count(api.AuthPath); got != 1 {
		t.Fatalf("renewed a token with 10 minutes left: %d exchanges", got)
	}
	mu.Lock()
	now = now.Add(6 * time.Minute) // 4 minutes left: renew before using it
	mu.Unlock()
	if err := f.client.GetJSON(ctx, api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatal(err)
	}
	if got := f.count(api.AuthPath); got != 2 {
		t.Fatalf("did not renew a token about to expire: %d exchanges", got)
	}
}

func TestShortLivedTokenRenewedAgainstRealExpiry(t *testing.T) {
	f := newFixture(t, sandbox.Config{TokenLifetime: 2 * time.Second}, Options{})
	var out []api.DivisionDashboard
	for range 3 {
		if err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1700 * time.Millisecond)
	}
	if got := f.count(api.AuthPath); got < 2 {
		t.Fatalf("short-lived tokens were not renewed: %d exchanges", got)
	}
	for _, r := range f.sandbox.Requests() {
		if r.Status == http.StatusUnauthorized {
			t.Fatalf("a request went out with an expired token: %+v", r)
		}
	}
}

// rejectOnce answers 401 to the first analytics request, as when a token is revoked.
func rejectOnce(next http.Handler) http.Handler {
	var once sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rejected := false
		if strings.HasPrefix(r.URL.Path, "/analytics/") {
			once.Do(func() { rejected = true })
		}
		if rejected {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"status":401,"error":"Unauthorized","message":"token revoked"}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func TestUnauthorizedRenewsOnceAndRetries(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	f := newFixtureWithHandler(t, sb, rejectOnce(sb.Handler()), Options{})
	var out []api.DivisionDashboard
	if err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatalf("a single 401 should renew the token and pass: %v", err)
	}
	if len(out) == 0 || f.count(api.AuthPath) != 2 {
		t.Fatalf("rows %d, exchanges %d; want rows and 2 exchanges", len(out), f.count(api.AuthPath))
	}
}

func TestPersistentUnauthorizedIsNotRetriedForever(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	var calls atomic.Int32
	always401 := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.AuthPath {
			sb.Handler().ServeHTTP(w, r)
			return
		}
		calls.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
	})
	f := newFixtureWithHandler(t, sb, always401, Options{})
	var out []api.DivisionDashboard
	err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out)
	if StatusCode(err) != http.StatusUnauthorized {
		t.Fatalf("error %v, want a 401", err)
	}
	if auths := f.count(api.AuthPath); auths != 2 || calls.Load() != 2 {
		t.Fatalf("%d exchanges and %d calls, want 2 of each: one renewal, one retry", auths, calls.Load())
	}
}

func TestStaticTokenIsUsedAsIs(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	setup := newFixture(t, sandbox.Config{}, Options{})
	token, err := setup.client.tokens.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A token minted by one sandbox is valid on another with the same seed.
	f := newFixtureWithHandler(t, sb, sb.Handler(), Options{Token: token})
	var out []api.DivisionDashboard
	if err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatal(err)
	}
	if f.count(api.AuthPath) != 0 {
		t.Fatal("exchanged a key although only a token was configured")
	}
}

// Each error status is an APIError naming the path and ending with advice: DefaultHints' wording,
// or the caller's (Options.Hints) for what the caller's options can cause.
func TestErrorStatusesAreTyped(t *testing.T) {
	callers := Hints{Credentials: "check the key in my.conf", BaseURL: "check the url in my.conf", RateLimit: "slow down, says my.conf"}
	cases := []struct {
		status            int
		hint, callersHint string
	}{
		{http.StatusBadRequest, "", ""},
		{http.StatusForbidden, "API_ACCESS", "API_ACCESS"},
		{http.StatusNotFound, "(check the base URL)", "(check the url in my.conf)"},
		{http.StatusTooManyRequests, "(rate limited; retries were exhausted, send fewer requests or retry later)", "(slow down, says my.conf)"},
		{http.StatusInternalServerError, "server error", "server error"},
		{http.StatusBadGateway, "server error", "server error"},
		{http.StatusServiceUnavailable, "server error", "server error"},
	}
	for _, c := range cases {
		for hints, want := range map[Hints]string{{}: c.hint, callers: c.callersHint} {
			f := newFixture(t, sandbox.Config{}, Options{Hints: hints})
			var out []api.DivisionDashboard
			// Exchange first, then make every request fail.
			if err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out); err != nil {
				t.Fatal(err)
			}
			f.sandbox.SetFaults(sandbox.Faults{FailStatus: c.status, FailEvery: 1})
			err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != c.status || apiErr.Message != "injected fault" {
				t.Fatalf("status %d: error %#v", c.status, err)
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), api.DashboardByDivision.Path) {
				t.Errorf("status %d, hints %+v: error %q lacks %q or the path", c.status, hints, err, want)
			}
			if want == "" && strings.Contains(err.Error(), "(") {
				t.Errorf("status %d: error %q has a hint, want none", c.status, err)
			}
			attempts := len(f.sandbox.Requests()) - 2
			wantAttempts := 1
			if retryable(err) {
				wantAttempts = fastRetry.MaxAttempts
			}
			if attempts != wantAttempts {
				t.Errorf("status %d: %d attempts, want %d", c.status, attempts, wantAttempts)
			}
		}
	}
}

func TestRetriesPassTransientFaults(t *testing.T) {
	for _, faults := range []sandbox.Faults{
		{FailStatus: 503, FailFirst: 2},
		{FailStatus: 429, FailFirst: 1, RetryAfter: "0"},
		{DropEvery: 2},
		{TruncateEvery: 2},
	} {
		f := newFixture(t, sandbox.Config{}, Options{})
		f.sandbox.SetFaults(faults)
		rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 30})
		if err != nil || len(rows) != 150 {
			t.Fatalf("faults %+v: %d rows, %v; want all 150", faults, len(rows), err)
		}
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{Retry: RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Second, Budget: 10 * time.Second}})
	f.sandbox.SetFaults(sandbox.Faults{FailStatus: 429, FailFirst: 2, RetryAfter: "1"})
	start := time.Now()
	var out []api.DivisionDashboard
	if err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out); err != nil {
		t.Fatal(err)
	}
	// /api/auth took the first 429 and the analytics call the second: two waits of 1 s.
	if elapsed := time.Since(start); elapsed < 2*time.Second {
		t.Fatalf("waited %s in all, want the 2 s Retry-After asked for", elapsed)
	}
}

func TestMalformedJSONIsAClearError(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	bad := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.AuthPath {
			sb.Handler().ServeHTTP(w, r)
			return
		}
		_, _ = w.Write([]byte(`{"content":[{"repId":42}],"last":true}`))
	})
	f := newFixtureWithHandler(t, sb, bad, Options{})
	_, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path})
	var decodeErr *DecodeError
	if !errors.As(err, &decodeErr) || !strings.Contains(err.Error(), "malformed response") {
		t.Fatalf("error %v, want a DecodeError", err)
	}
}

func TestMissingLastEndsPaging(t *testing.T) {
	sb, _ := sandbox.New(sandbox.Config{})
	calls := 0
	noLast := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.AuthPath {
			sb.Handler().ServeHTTP(w, r)
			return
		}
		calls++
		_, _ = w.Write([]byte(`{"content":[{"repId":"a"},{"repId":"b"}],"number":0}`))
	})
	f := newFixtureWithHandler(t, sb, noLast, Options{})
	rows, err := f.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 2})
	if err != nil || len(rows) != 2 || calls != 1 {
		t.Fatalf("rows %d, calls %d, err %v: a page without `last` must end the list", len(rows), calls, err)
	}
}

func TestSecretsNeverInErrorsOrLogs(t *testing.T) {
	const badKey = "deadbeef-0000-4000-8000-00000000cafe"
	f := newFixture(t, sandbox.Config{}, Options{APIKey: badKey})
	var out []api.DivisionDashboard
	err := f.client.GetJSON(context.Background(), api.DashboardByDivision.Path, nil, &out)
	if StatusCode(err) != http.StatusUnauthorized || strings.Contains(err.Error(), badKey) {
		t.Fatalf("error %v: want a 401 without the key", err)
	}

	good := newFixture(t, sandbox.Config{}, Options{})
	good.sandbox.SetFaults(sandbox.Faults{DropEvery: 3, FailStatus: 503, FailEvery: 4})
	if _, err := good.readAll(t, PageRequest{Path: api.NewRepConnections.Path, PageSize: 10}); err != nil {
		t.Fatal(err)
	}
	token := good.client.tokens.current()
	if token == "" {
		t.Fatal("no token")
	}
	for _, secret := range []string{sandbox.DemoAPIKey, token, badKey} {
		if strings.Contains(f.logs.String()+good.logs.String(), secret) {
			t.Fatalf("a secret appears in the client's log:\n%s", good.logs.String())
		}
	}
	if !strings.Contains(good.logs.String(), "PartnerTap request") {
		t.Fatal("the log captured nothing: the test would pass vacuously")
	}
}

func TestTransportErrorNamesNoSecret(t *testing.T) {
	c, err := New(Options{BaseURL: "http://127.0.0.1:1", APIKey: sandbox.DemoAPIKey, Retry: RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var out any
	err = c.GetJSON(context.Background(), "/analytics/x", nil, &out)
	var transport *TransportError
	if !errors.As(err, &transport) || strings.Contains(err.Error(), sandbox.DemoAPIKey) || !strings.Contains(err.Error(), "/api/auth") {
		t.Fatalf("error %v: want a transport error on /api/auth without the key", err)
	}
}

func TestCancelledContextStopsPaging(t *testing.T) {
	f := newFixture(t, sandbox.Config{}, Options{})
	f.sandbox.SetFaults(sandbox.Faults{LatencyMS: 2000})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	for _, err := range Pages[api.RepConnections](ctx, f.client, PageRequest{Path: api.NewRepConnections.Path}) {
		if err == nil {
			t.Fatal("a row arrived through a 2 s latency within 200 ms")
		}
		break
	}
	if time.Since(start) > time.Second {
		t.Fatalf("cancellation took %s", time.Since(start))
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"junk":                          0,
		"Thu, 01 Jan 2026 00:00:05 GMT": 5 * time.Second,
		"Wed, 31 Dec 2025 23:59:00 GMT": 0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}
