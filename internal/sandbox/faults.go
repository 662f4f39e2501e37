package sandbox

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Faults are misbehaviours the sandbox injects into API requests (not into /_sandbox/ calls).
// Counters start at the moment the faults are set; "every N" means the N-th, 2N-th, ... request.
type Faults struct {
	LatencyMS int `json:"latency_ms,omitempty"` // from a request's arrival to its answer
	// FailStatus is answered instead of the real answer to the first FailFirst requests and to
	// every FailEvery-th request.
	FailStatus int `json:"fail_status,omitempty"`
	FailFirst  int `json:"fail_first,omitempty"`
	FailEvery  int `json:"fail_every,omitempty"`
	// RetryAfter is sent as Retry-After with injected 429 and 503 answers; "" sends none.
	RetryAfter    string `json:"retry_after,omitempty"`
	DropEvery     int    `json:"drop_every,omitempty"`     // close the connection without answering
	TruncateEvery int    `json:"truncate_every,omitempty"` // send half the body, then close
	// ShiftRows inserts that many rows at the front of every list for pages after the first, as
	// when data changes while a client pages through it.
	ShiftRows int `json:"shift_rows,omitempty"`
}

type faultState struct {
	mu     sync.Mutex
	faults Faults
	count  int
}

func (f *faultState) set(faults Faults) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults, f.count = faults, 0
}

func (f *faultState) get() Faults {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.faults
}

// next counts a request and returns the faults in force with its number.
func (f *faultState) next() (Faults, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.count++
	return f.faults, f.count
}

func every(n, count int) bool { return n > 0 && count%n == 0 }

// serve answers r through next, injecting whatever fault is due.
func (f *faultState) serve(w *statusRecorder, r *http.Request, next http.Handler) {
	faults, n := f.next()
	// The latency is the time from the request's arrival to its answer, as a client measures a
	// server's: the sandbox's own work is done within it, not added to it, so that sandbox and
	// client sharing a machine's cores does not count as latency.
	answerAt := time.Now().Add(time.Duration(faults.LatencyMS) * time.Millisecond)
	switch {
	case every(faults.DropEvery, n):
		if waitUntil(r, answerAt) {
			panic(http.ErrAbortHandler) // net/http closes the connection without an answer
		}
	case faults.FailStatus > 0 && (n <= faults.FailFirst || every(faults.FailEvery, n)):
		if !waitUntil(r, answerAt) {
			return
		}
		if faults.RetryAfter != "" && (faults.FailStatus == http.StatusTooManyRequests || faults.FailStatus == http.StatusServiceUnavailable) {
			w.Header().Set("Retry-After", faults.RetryAfter)
		}
		writeError(w, r, faults.FailStatus, "injected fault")
	case faults.LatencyMS == 0 && !every(faults.TruncateEvery, n):
		next.ServeHTTP(w, r)
	default:
		full := httptest.NewRecorder()
		next.ServeHTTP(full, r)
		if !waitUntil(r, answerAt) {
			return
		}
		body := full.Body.Bytes()
		for k, v := range full.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(full.Code)
		if !every(faults.TruncateEvery, n) {
			_, _ = w.Write(body)
			return
		}
		_, _ = w.Write(body[:len(body)/2])
		w.Flush()
		panic(http.ErrAbortHandler)
	}
}

// waitUntil waits for t; false means the client went away first.
func waitUntil(r *http.Request, t time.Time) bool {
	wait := time.Until(t)
	if wait <= 0 {
		return r.Context().Err() == nil
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// readBody is the body of a control request, bounded.
func readBody(r *http.Request) []byte {
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 1<<20))
	return buf.Bytes()
}
