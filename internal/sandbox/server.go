// Package sandbox is a PartnerTap API server over a generated dataset: how people try the plugin
// without a key, and the oracle of the plugin's tests. It follows docs/api.md,
// records every request it receives, and injects faults on request.
package sandbox

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Config configures a Server.
type Config struct {
	Dataset DatasetConfig
	// TokenLifetime is how long minted JWTs live; zero means the documented 30 days and 10 minutes.
	TokenLifetime time.Duration
	// V1RateLimit is the v1 API's requests per key per rolling minute; zero means the documented
	// 100, a negative value no limit.
	V1RateLimit int
	// V1RateWindow is the rolling window of V1RateLimit; zero means the documented minute. Tests
	// shorten it.
	V1RateWindow time.Duration
	Faults       Faults
	// Churn changes the lists while they are read (churn.go).
	Churn Churn
	// PageCacheMB keeps up to that many MiB of list answers to answer repeated requests from
	// memory, for benchmarks of the reader (page_cache.go); zero keeps none.
	PageCacheMB int
}

// DocumentedTokenLifetime is exp - iat of the documented tokens.
const DocumentedTokenLifetime = 2592600 * time.Second

// Server serves the sandbox API. It is safe for concurrent use.
type Server struct {
	data      *Dataset            // the demo org's
	datasets  map[string]*Dataset // each org's, by name (orgs.go)
	secret    []byte
	keys      map[string]apiKeyAccount
	now       func() time.Time
	mux       *http.ServeMux
	log       requestLog
	faults    faultState
	v1Limiter rollingLimiter
	pages     *pageCache // nil unless Config.PageCacheMB
	orders    *orderCache
	churn     churnState
	// connsOpened counts client connections (see ConnState).
	connsOpened atomic.Int64

	mu       sync.Mutex
	lifetime time.Duration
}

// New generates the dataset and returns a server for it.
func New(cfg Config) (*Server, error) {
	if msg := cfg.Churn.invalid(); msg != "" {
		return nil, fmt.Errorf("sandbox: churn: %s", msg)
	}
	data, err := NewDataset(cfg.Dataset)
	if err != nil {
		return nil, err
	}
	second, err := NewDataset(secondOrgDataset(data.cfg))
	if err != nil {
		return nil, err
	}
	second.orgs = data.orgs // one registry of the orgs' custom fields
	secret := sha256.Sum256([]byte(fmt.Sprintf("partnertap-sandbox-%d", data.cfg.Seed)))
	s := &Server{
		data:     data,
		datasets: map[string]*Dataset{DemoOrg: data, SecondOrg: second},
		secret:   secret[:],
		keys: map[string]apiKeyAccount{
			DemoAPIKey:       {subject: "5b0f3c2a9d8e4f7a6b1c0d2e3f4a5b6c", adminID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", permissions: "ADMIN_VIEW_REPORTS," + api.PermissionAPIAccess},
			RestrictedAPIKey: {subject: "6c1f4d3b0e9f5a8b7c2d1e3f4a5b6c7d", adminID: "1b2c3d4e5f60718293a4b5c6d7e8f90a", permissions: "ADMIN_VIEW_REPORTS"},
			SecondOrgAPIKey:  {subject: "7d2a5e4c1f0a6b9c8d3e2f4a5b6c7d8e", adminID: "2c3d4e5f60718293a4b5c6d7e8f90a1b", permissions: "ADMIN_VIEW_REPORTS," + api.PermissionAPIAccess, org: SecondOrg},
		},
		now:      time.Now,
		lifetime: cfg.TokenLifetime,
		pages:    newPageCache(cfg.PageCacheMB),
		orders:   newOrderCache(),
	}
	s.faults.set(cfg.Faults)
	s.churn.clock = time.Now
	s.churn.set(cfg.Churn)
	s.v1Limiter = rollingLimiter{limit: cfg.V1RateLimit, window: cfg.V1RateWindow, seen: map[string][]time.Time{}}
	if cfg.V1RateLimit == 0 {
		s.v1Limiter.limit = api.V1RateLimitPerMinute
	}
	if cfg.V1RateWindow <= 0 {
		s.v1Limiter.window = time.Minute
	}
	s.mux = s.routes()
	return s, nil
}

// Dataset is the data the server answers the demo org from.
func (s *Server) Dataset() *Dataset { return s.data }

// OrgDataset is the data the server answers an org from: DemoOrg or SecondOrg.
func (s *Server) OrgDataset(org string) *Dataset { return s.datasets[org] }

// Handler is the server's HTTP handler: the API plus the /_sandbox/ control endpoints.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// SetTokenLifetime changes the lifetime of tokens minted from now on.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lifetime = d
}

func (s *Server) tokenLifetime() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lifetime <= 0 {
		return DocumentedTokenLifetime
	}
	return s.lifetime
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if isControlPath(r.URL.Path) {
		s.mux.ServeHTTP(rec, r)
		return
	}
	arrived := time.Now()
	var body []byte
	if r.Method == http.MethodPost {
		body = readBody(r) // kept for the log, and handed on to the handler
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	r = s.withCredentials(r)
	// A request is logged as its answer begins, before any byte of it reaches the client: a
	// client that has read an answer finds its request in the log. One never answered (a dropped
	// connection, status 0) is logged when its handler ends.
	rec.answering = func(status int) { s.log.record(r, s.orgOf(r).name, arrived, status, body) }
	s.log.enter()
	defer func() {
		p := recover()
		if p != nil {
			rec.status = 0 // a handler that panics sends no answer: net/http closes the connection
		}
		rec.begin()
		s.log.leave()
		if p != nil {
			panic(p)
		}
	}()
	s.faults.serve(rec, r, s.mux)
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+api.AuthPath, s.handleAuth)
	s.legacyRoutes(mux)
	s.v1Routes(mux)
	s.controlRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "No endpoint "+r.Method+" "+r.URL.Path)
	})
	return mux
}

// statusRecorder remembers the status a handler answered, and tells answering, once, when the
// answer begins.
type statusRecorder struct {
	http.ResponseWriter
	status    int
	answering func(status int)
}

// begin calls answering the first time only.
func (r *statusRecorder) begin() {
	if r.answering != nil {
		r.answering(r.status)
		r.answering = nil
	}
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.begin()
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.begin()
	return r.ResponseWriter.Write(b)
}

// Flush lets fault injection push partial bodies out.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
