package client

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy bounds the retries of one request. Retries happen here, not in the SDK, because the
// SDK stops retrying a list once it has streamed a row, and page 3 fails like page 1.
type RetryPolicy struct {
	MaxAttempts int           // attempts in all, the first included
	BaseDelay   time.Duration // the first backoff; it doubles each attempt
	MaxDelay    time.Duration // no single wait is longer, Retry-After included
	Budget      time.Duration // the most one request spends waiting and retrying
}

// DefaultRetryPolicy suits PartnerTap's 100 requests per minute.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 6, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second, Budget: 2 * time.Minute}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	if p.MaxAttempts > 0 {
		d.MaxAttempts = p.MaxAttempts
	}
	if p.BaseDelay > 0 {
		d.BaseDelay = p.BaseDelay
	}
	if p.MaxDelay > 0 {
		d.MaxDelay = p.MaxDelay
	}
	if p.Budget > 0 {
		d.Budget = p.Budget
	}
	return d
}

// delay is the wait before the next attempt: the server's Retry-After when it gave one, otherwise
// exponential backoff with full jitter; never more than MaxDelay.
func (p RetryPolicy) delay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, p.MaxDelay)
	}
	backoff := p.BaseDelay << min(attempt-1, 16)
	if backoff <= 0 || backoff > p.MaxDelay {
		backoff = p.MaxDelay
	}
	return backoff/2 + rand.N(backoff/2+1)
}

// retryable reports whether an error may pass if the request is sent again: rate limits, gateway
// errors, and answers lost on the way. Other 4xx and 500 are final.
func retryable(err error) bool {
	switch StatusCode(err) {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	case 0:
	default:
		return false
	}
	var transport *TransportError
	return errors.As(err, &transport)
}

// parseRetryAfter reads Retry-After as seconds or as an HTTP date; zero when absent or unreadable.
func parseRetryAfter(value string, now time.Time) time.Duration {
	if value == "" {
		return 0
	}
	if secs, err := strconv.Atoi(value); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}
