package sandbox

import (
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Request is one request the sandbox received, as its log keeps it.
type Request struct {
	Time time.Time `json:"time"` // when its answer began: its status, before any byte of it was sent
	// Arrived is when the request arrived, before its body was read: the time the API's rate
	// limit counts it at.
	Arrived time.Time  `json:"arrived"`
	Method  string     `json:"method"`
	Path    string     `json:"path"`
	Query   url.Values `json:"query"`
	// Auth is how the request authenticated: "jwt", "api-key" or "none"; Org the org its
	// credentials belong to (DemoOrg without any).
	Auth   string `json:"auth"`
	Org    string `json:"org"`
	Status int    `json:"status"`
	// Body is a v1 call's JSON body, where its filters and context travel.
	Body string `json:"body,omitempty"`
}

// requestLog keeps every API request; the API key in /api/auth's query is kept redacted. It also
// tracks how many requests were being served at once, to show a client's concurrency.
type requestLog struct {
	mu          sync.Mutex
	requests    []Request
	inFlight    int
	maxInFlight int
}

func (l *requestLog) enter() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight++
	l.maxInFlight = max(l.maxInFlight, l.inFlight)
}

// leave marks a request served: it is no longer in flight.
func (l *requestLog) leave() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight--
}

// record logs a request as answered with status; body is what the server read of it.
func (l *requestLog) record(r *http.Request, org string, arrived time.Time, status int, body []byte) {
	query := r.URL.Query()
	if query.Has(api.AuthKeyParam) {
		query.Set(api.AuthKeyParam, "[REDACTED]")
	}
	auth := "none"
	switch {
	case r.Header.Get("api-key") != "":
		auth = "api-key"
	case r.Header.Get("Authorization") != "":
		auth = "jwt"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests = append(l.requests, Request{Time: time.Now().UTC(), Arrived: arrived.UTC(), Method: r.Method, Path: r.URL.Path, Query: query, Auth: auth, Org: org, Status: status, Body: string(body)})
}

// Requests returns the requests received since the last reset, oldest first.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]Request(nil), s.log.requests...)
}

// ResetRequests empties the request log and the in-flight maximum.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.requests = nil
	s.log.maxInFlight = s.log.inFlight
}

// MaxInFlight is the most API requests served at once since the last reset.
func (s *Server) MaxInFlight() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.maxInFlight
}
