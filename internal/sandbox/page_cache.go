package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// pageCache answers a repeated list request with the bytes of its first answer, for benchmarks
// (Config.PageCacheMB). PartnerTap builds its pages on its own machines; the sandbox builds them
// on the reader's cores, so a benchmark of the reader against a cold sandbox also measures the
// sandbox (a v1 page of 2000 records costs it about 25 ms). With the cache, a read repeated
// after a warm-up costs the sandbox a copy per page, and the benchmark measures the reader.
// Authentication, the rate limit, the request log and injected faults still apply to every
// request; a fault that changes what a list holds (ShiftRows) and a churn bypass the cache. Answers are
// kept until the cache is full, then no more are kept; adding a custom column clears them.
type pageCache struct {
	mu      sync.Mutex
	limit   int
	size    int
	answers map[string]cachedAnswer
	hits    atomic.Int64 // answers served from the cache, for tests
}

type cachedAnswer struct {
	contentType string
	body        []byte
}

func newPageCache(limitMB int) *pageCache {
	if limitMB <= 0 {
		return nil
	}
	return &pageCache{limit: limitMB << 20, answers: map[string]cachedAnswer{}}
}

// clear forgets every kept answer: the data they were built from changed.
func (c *pageCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.answers, c.size = map[string]cachedAnswer{}, 0
}

// wrap answers h's requests from the cache when it can; a nil cache wraps nothing.
func (c *pageCache) wrap(s *Server, h http.HandlerFunc) http.HandlerFunc {
	if c == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if s.faults.get().ShiftRows > 0 || s.churn.config().active() {
			h(w, r)
			return
		}
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		// The key is everything an answer depends on: the org, the endpoint, its parameters
		// and its body. Not the credentials: the cache answers only requests they were checked
		// for, and an org's keys and tokens see the same data.
		key := s.orgOf(r).name + " " + r.Method + " " + r.URL.RequestURI() + "\n" + string(body)
		c.mu.Lock()
		answer, ok := c.answers[key]
		c.mu.Unlock()
		if ok {
			c.hits.Add(1)
			w.Header().Set("Content-Type", answer.contentType)
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(answer.body)
			return
		}
		rec := &teeRecorder{ResponseWriter: w, status: http.StatusOK}
		h(rec, r)
		if rec.status != http.StatusOK {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if _, ok := c.answers[key]; !ok && c.size+rec.body.Len() <= c.limit {
			c.answers[key] = cachedAnswer{contentType: w.Header().Get("Content-Type"), body: rec.body.Bytes()}
			c.size += rec.body.Len()
		}
	}
}

// teeRecorder writes an answer through and keeps a copy of its status and body.
type teeRecorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeRecorder) WriteHeader(status int) {
	t.status = status
	t.ResponseWriter.WriteHeader(status)
}

func (t *teeRecorder) Write(b []byte) (int, error) {
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}
