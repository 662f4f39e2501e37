package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an HTTP error answered by the PartnerTap API.
type APIError struct {
	Method     string
	Path       string // the request path, never its query (which may hold the API key)
	StatusCode int
	// Message is the server's own explanation (Spring's `message`), already redacted.
	Message string
	// Hint tells the user what to do about the status, since "401" alone is not actionable.
	Hint string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("partnertap api: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Hints word the advice that ends an error the client's own options can cause, in the caller's
// terms: a Steampipe plugin names the arguments of its connection config. Empty fields take
// DefaultHints'.
type Hints struct {
	Credentials string // after a 401
	BaseURL     string // after a 404, or a redirect the client did not follow
	RateLimit   string // after a 429 its retries did not get past
}

// DefaultHints name the client's options.
var DefaultHints = Hints{
	Credentials: "check the API key or token",
	BaseURL:     "check the base URL",
	RateLimit:   "rate limited; retries were exhausted, send fewer requests or retry later",
}

func (h Hints) withDefaults() Hints {
	if h.Credentials == "" {
		h.Credentials = DefaultHints.Credentials
	}
	if h.BaseURL == "" {
		h.BaseURL = DefaultHints.BaseURL
	}
	if h.RateLimit == "" {
		h.RateLimit = DefaultHints.RateLimit
	}
	return h
}

// forStatus is the advice for an answer of status, or "".
func (h Hints) forStatus(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return h.Credentials
	case http.StatusForbidden:
		return "the key lacks API access; ask a PartnerTap admin to grant API_ACCESS"
	case http.StatusNotFound:
		return h.BaseURL
	case http.StatusTooManyRequests:
		return h.RateLimit
	}
	if status >= 500 {
		return "PartnerTap server error; retries were exhausted, try again later"
	}
	return ""
}

// StatusCode returns the HTTP status of an APIError anywhere in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// DecodeError is a response the client could not understand: malformed, truncated or wrongly typed JSON.
type DecodeError struct {
	Method string
	Path   string
	Err    error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("partnertap api: %s %s: malformed response from the server: %v", e.Method, e.Path, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// TransportError is a request that got no HTTP answer: refused, reset, timed out, bad host.
type TransportError struct {
	Method string
	Path   string
	Err    error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("partnertap api: %s %s: %v", e.Method, e.Path, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// redactor removes secrets (the API key, tokens) from any text that may reach a log or an error.
type redactor struct {
	secrets func() []string
}

const redacted = "[REDACTED]"

func (r redactor) redact(s string) string {
	for _, secret := range r.secrets() {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}
