package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/hashicorp/go-hclog"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// maxRenewMargin is how long before `exp` a token is renewed at the latest; short-lived tokens are
// renewed when a fifth of their lifetime is left, so a request never leaves with a token about to expire.
const maxRenewMargin = 5 * time.Minute

// tokenSource holds the connection's credentials: the API key, if any, and its JWT. It exchanges
// the key for a token, reuses it across calls and renews it before it expires or when the server
// rejects it.
type tokenSource struct {
	apiKey string
	// configured is the token of the connection's config: still a secret once replaced.
	configured string
	send       func(ctx context.Context, spec requestSpec, out any) error // the client's, for the exchange
	logger     hclog.Logger
	now        func() time.Time

	mu      sync.Mutex
	token   string
	renewAt time.Time // zero for a token without `exp`
	// latest mirrors token outside mu, so redaction can read it while an exchange holds mu.
	latest atomic.Value
}

// newTokenSource holds apiKey and staticToken (one of them set: New checks); send sends the exchange.
func newTokenSource(apiKey, staticToken string, send func(context.Context, requestSpec, any) error, logger hclog.Logger, now func() time.Time) (*tokenSource, error) {
	ts := &tokenSource{apiKey: apiKey, configured: staticToken, send: send, logger: logger, now: now}
	if staticToken != "" {
		renewAt, err := renewTime(staticToken)
		if err != nil {
			return nil, fmt.Errorf("the configured token is not a valid JWT: %w", err)
		}
		ts.setLocked(staticToken, renewAt)
	}
	return ts, nil
}

// canRenew reports whether a rejected or expiring token can be replaced (only with an API key).
func (ts *tokenSource) canRenew() bool { return ts.apiKey != "" }

// get returns a token that is not about to expire, exchanging the API key when needed. Without a
// key the token is the configured one, never dropped (invalidate), so it is always returned.
func (ts *tokenSource) get(ctx context.Context) (string, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token != "" && (ts.renewAt.IsZero() || ts.now().Before(ts.renewAt) || !ts.canRenew()) {
		return ts.token, nil
	}
	token, err := ts.exchangeKey(ctx)
	if err != nil {
		return "", err
	}
	renewAt, err := renewTime(token)
	if err != nil {
		return "", fmt.Errorf("partnertap api: %s answered a token that is not a valid JWT: %w", api.AuthPath, err)
	}
	ts.setLocked(token, renewAt)
	return token, nil
}

func (ts *tokenSource) setLocked(token string, renewAt time.Time) {
	ts.token, ts.renewAt = token, renewAt
	ts.latest.Store(token)
}

// invalidate drops a token the server rejected, unless another request already replaced it.
func (ts *tokenSource) invalidate(rejected string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token == rejected && ts.canRenew() {
		ts.token = ""
	}
}

// current returns the latest token without locking.
func (ts *tokenSource) current() string {
	token, _ := ts.latest.Load().(string)
	return token
}

// secrets are what redaction removes: the key, the configured token and the latest one.
func (ts *tokenSource) secrets() []string { return []string{ts.apiKey, ts.configured, ts.current()} }

// renewTime reads a JWT's `iat` and `exp` (without verifying its signature, which only the server
// can) and returns when it should be renewed; zero when it has no `exp`.
func renewTime(token string) (time.Time, error) {
	claims := jwt.RegisteredClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		return time.Time{}, errors.New("it could not be parsed")
	}
	if claims.ExpiresAt == nil {
		return time.Time{}, nil
	}
	exp := claims.ExpiresAt.Time
	margin := maxRenewMargin
	if claims.IssuedAt != nil {
		if fifth := exp.Sub(claims.IssuedAt.Time) / 5; fifth < margin {
			margin = fifth
		}
	}
	return exp.Add(-margin), nil
}

// exchangeKey performs the legacy GET /api/auth?apiKey=KEY exchange.
func (ts *tokenSource) exchangeKey(ctx context.Context) (string, error) {
	q := url.Values{api.AuthKeyParam: {ts.apiKey}}
	var body api.AuthResponse
	if err := ts.send(ctx, requestSpec{method: http.MethodGet, path: api.AuthPath, query: q}, &body); err != nil {
		return "", err
	}
	if body.Token == "" {
		return "", &DecodeError{Method: http.MethodGet, Path: api.AuthPath, Err: errors.New("no token in the answer")}
	}
	ts.logger.Debug("exchanged the API key for a token", "path", api.AuthPath)
	return body.Token, nil
}
