package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// requestSpec is one API call, before authentication and retries.
type requestSpec struct {
	method string
	path   string
	query  url.Values
	body   []byte // a JSON body, for v1 calls
	token  string // sent as Authorization
	apiKey string // sent as the api-key header (v1)
}

// v1 reports whether the call is to the v1 API, whose requests count against the key's quota.
func (spec requestSpec) v1() bool { return strings.HasPrefix(spec.path, api.V1PathPrefix) }

// maxErrorBody bounds how much of an error answer is read for its message.
const maxErrorBody = 64 << 10

// send performs a request with retries and decodes a successful JSON answer into out.
func (c *Client) send(ctx context.Context, spec requestSpec, out any) error {
	var err error
	deadline := time.Now().Add(c.retry.Budget)
	for attempt := 1; ; attempt++ {
		var retryAfter time.Duration
		retryAfter, err = c.attempt(ctx, spec, out)
		if err == nil || !retryable(err) || ctx.Err() != nil || attempt >= c.retry.MaxAttempts {
			return err
		}
		wait := c.retry.delay(attempt, retryAfter)
		if time.Now().Add(wait).After(deadline) {
			return err
		}
		c.logger.Warn("retrying PartnerTap request", "method", spec.method, "path", spec.path,
			"attempt", attempt, "wait", wait.String(), "error", err.Error())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// attempt performs one HTTP exchange. It returns the server's Retry-After, if any, with the error.
func (c *Client) attempt(ctx context.Context, spec requestSpec, out any) (time.Duration, error) {
	u := *c.base
	u.Path = c.base.Path + spec.path
	u.RawQuery = spec.query.Encode()
	var reqBody io.Reader
	if spec.body != nil {
		reqBody = bytes.NewReader(spec.body)
	}
	req, err := http.NewRequestWithContext(ctx, spec.method, u.String(), reqBody)
	if err != nil {
		return 0, &TransportError{Method: spec.method, Path: spec.path, Err: errors.New(c.redact.redact(err.Error()))}
	}
	req.Header.Set("Accept", "application/json, */*")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if spec.token != "" {
		// The documented form is the raw token, without a "Bearer " prefix.
		req.Header.Set("Authorization", spec.token)
	}
	if spec.apiKey != "" {
		req.Header.Set(api.HeaderAPIKey, spec.apiKey)
	}
	if spec.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now() // the duration logged includes any wait for the quota
	resp, err := c.do(req, spec.v1())
	if err != nil {
		c.logger.Debug("PartnerTap request failed", "method", spec.method, "path", spec.path, "duration", time.Since(start).String())
		var redirect *RedirectError
		if errors.As(err, &redirect) { // final: a retry would be redirected again
			redirect.Method, redirect.Path = spec.method, spec.path
			return 0, redirect
		}
		return 0, &TransportError{Method: spec.method, Path: spec.path, Err: c.transportCause(err)}
	}
	defer resp.Body.Close()
	c.logger.Debug("PartnerTap request", "method", spec.method, "path", spec.path, "status", resp.StatusCode,
		"duration", time.Since(start).String())

	if resp.StatusCode >= 400 {
		return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), c.apiError(spec, resp)
	}
	// The body is read whole first, so a connection dropped mid-answer (worth a retry) is told
	// apart from a complete answer that is not what it should be (final).
	body, err := c.bodySizes.read(resp)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if errors.Is(err, errBodyTooLarge) { // final: the same request would get the same answer
			return 0, &DecodeError{Method: spec.method, Path: spec.path, Err: err}
		}
		return 0, &TransportError{Method: spec.method, Path: spec.path, Err: fmt.Errorf("answer cut short: %w", err)}
	}
	if raw, ok := out.(*rawAnswer); ok {
		*raw = body // the caller releases it
		return 0, nil
	}
	defer releaseAnswer(body)
	return 0, decode(spec.method, spec.path, body, out)
}

// do sends one request, a v1 call within the quota: its place is taken before it goes out and its
// time in the window counted from when its answer's headers (or its failure) came back. PartnerTap
// documents the limit for the v1 API only [doc]; legacy calls and the token exchange go out
// unpaced (paced, a second 50-page legacy read within a minute waited 45 s for nothing).
func (c *Client) do(req *http.Request, v1 bool) (*http.Response, error) {
	if c.quota == nil || !v1 {
		return c.http.Do(req)
	}
	release, err := c.quota.Acquire(req.Context())
	if err != nil {
		return nil, err
	}
	defer release()
	return c.http.Do(req)
}

// rawAnswer, passed as the out of a call, receives the answer's body undecoded, so a caller can
// let the next request go before it spends time decoding (see Pages); once decoded, the caller
// gives it back with releaseAnswer.
type rawAnswer []byte

// decode decodes a JSON answer (api.UnmarshalJSON). go-json decodes PartnerTap's pages about 3 times faster than
// encoding/json, with the same semantics; decoding is a fifth of a scan's CPU
// (docs/performance.md).
func decode(method, path string, body []byte, out any) error {
	if err := api.UnmarshalJSON(body, out); err != nil {
		return &DecodeError{Method: method, Path: path, Err: err}
	}
	return nil
}

// apiError turns an error answer into an APIError, keeping the server's message when it sent one.
func (c *Client) apiError(spec requestSpec, resp *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var body api.ErrorBody
	message := ""
	if api.UnmarshalJSON(raw, &body) == nil {
		message = body.Message
		if message == "" {
			message = body.Error
		}
	}
	return &APIError{Method: spec.method, Path: spec.path, StatusCode: resp.StatusCode, Message: c.redact.redact(message),
		Hint: c.hints.forStatus(resp.StatusCode)}
}

// transportCause strips the URL (whose query may hold the API key) from a net/http error.
func (c *Client) transportCause(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		return fmt.Errorf("no answer within the request timeout (%s): %w", c.http.Timeout, errTimeout)
	}
	return errors.New(c.redact.redact(err.Error()))
}

var errTimeout = errors.New("timeout")

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
