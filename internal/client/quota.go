package client

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"
)

// Quota is PartnerTap's rate rule itself: at most Limit requests in any rolling Period per key
// [doc: 100 a minute]. Requests go out at full speed while fewer than Limit are in the window; then
// each waits for the oldest to leave it. A token bucket cannot say this: one that never exceeds the
// rule wastes most of the first minute, one that fills it overshoots.
//
// A request holds its place in the window from before it is sent until Period after its answer
// came back. The server counts it at its arrival, which lies between the two, so the requests it
// sees in any Period never outnumber the places: the rule holds whatever the latency, at the cost
// of one round trip per Period.
type Quota struct {
	period time.Duration

	mu       sync.Mutex
	limit    int
	inFlight int
	answered []time.Time   // when each answered request's answer came, oldest first
	freed    chan struct{} // closed, and replaced, when a request is answered
}

func newQuota(limit int, period time.Duration) *Quota {
	return &Quota{limit: limit, period: period, freed: make(chan struct{})}
}

// Acquire waits until a request may go out within the rule, or ctx ends. Call the returned release
// as soon as the request's answer (or its failure) is in.
func (q *Quota) Acquire(ctx context.Context) (release func(), err error) {
	for {
		q.mu.Lock()
		now := time.Now()
		q.forget(now)
		if q.inFlight+len(q.answered) < q.limit {
			q.inFlight++
			q.mu.Unlock()
			return sync.OnceFunc(q.release), nil
		}
		// Full: a place frees when the oldest answer leaves the window; while every place is a
		// request in flight, not before one is answered.
		freed := q.freed
		var leaves <-chan time.Time
		var timer *time.Timer
		if len(q.answered) > 0 {
			timer = time.NewTimer(q.answered[0].Add(q.period).Sub(now))
			leaves = timer.C
		}
		q.mu.Unlock()
		select {
		case <-ctx.Done():
		case <-leaves:
		case <-freed:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
}

func (q *Quota) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.inFlight--
	q.answered = append(q.answered, time.Now())
	close(q.freed)
	q.freed = make(chan struct{})
}

// forget drops the answers that have left the window.
func (q *Quota) forget(now time.Time) {
	gone := 0
	for gone < len(q.answered) && now.Sub(q.answered[gone]) >= q.period {
		gone++
	}
	q.answered = q.answered[gone:]
}

// lower makes the limit the smaller of the two: connections sharing a key but configured with
// different limits all keep under the strictest.
func (q *Quota) lower(limit int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.limit = min(q.limit, limit)
}

type quotaKey struct {
	credential [sha256.Size]byte // the host and key, hashed: the registry holds no secret
	period     time.Duration
}

var (
	quotasMu sync.Mutex
	quotas   = map[quotaKey]*Quota{}
)

// SharedQuota is the one Quota of a credential at a host, shared by every client of the process
// that uses it: PartnerTap counts requests per key, however many connections send them.
func SharedQuota(host, credential string, limit int, period time.Duration) *Quota {
	key := quotaKey{credential: sha256.Sum256([]byte(host + "\x00" + credential)), period: period}
	quotasMu.Lock()
	defer quotasMu.Unlock()
	if q, ok := quotas[key]; ok {
		q.lower(limit)
		return q
	}
	q := newQuota(limit, period)
	quotas[key] = q
	return q
}
