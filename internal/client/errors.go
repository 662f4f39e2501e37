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
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("partnertap api: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if hint := statusHint(e.StatusCode); hint != "" {
		msg += " (" + hint + ")"
	}
	return msg
}

// statusHint tells the user what to do about a status, since "401" alone is not actionable.
func statusHint(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "check api_key or token in the partnertap connection config"
	case http.StatusForbidden:
		return "the key lacks API access; ask a PartnerTap admin to grant API_ACCESS"
	case http.StatusNotFound:
		return "check base_url in the partnertap connection config"
	case http.StatusTooManyRequests:
		return "rate limited; retries were exhausted, lower the rate limiter or retry later"
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
