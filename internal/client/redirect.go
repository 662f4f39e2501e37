package client

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// maxRedirects is how many redirects on the base URL's own origin a request may follow.
const maxRedirects = 10

// RedirectError is a redirect the client refused to follow: to another origin than the base URL's,
// or one too many.
type RedirectError struct {
	Method  string
	Path    string
	From    string // the origin that redirected, scheme://host
	To      string // where it redirected to, scheme://host
	TooMany bool
	Hint    string // what to check (Hints.BaseURL)
}

func (e *RedirectError) Error() string {
	if e.TooMany {
		return fmt.Sprintf("partnertap api: %s %s: stopped after %d redirects (%s)", e.Method, e.Path, maxRedirects, e.Hint)
	}
	return fmt.Sprintf("partnertap api: %s %s: %s redirected the request to %s; credentials are sent only to the base URL's host %s, so it was not followed (%s)",
		e.Method, e.Path, e.From, e.To, e.From, e.Hint)
}

// checkRedirect keeps credentials on the base URL's origin. Go's client strips only Authorization and
// Cookie when a redirect leaves the host, so the api-key header, and the key in /api/auth's query
// when the server echoes it, would follow to any host the server names, even from https to http.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if !sameOrigin(req.URL, c.base) {
		return &RedirectError{From: origin(c.base), To: origin(req.URL), Hint: c.hints.BaseURL}
	}
	if len(via) >= maxRedirects {
		return &RedirectError{From: origin(c.base), To: origin(req.URL), TooMany: true, Hint: c.hints.BaseURL}
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

// port is u's port, or its scheme's default.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

func origin(u *url.URL) string { return strings.ToLower(u.Scheme) + "://" + u.Host }

// userInfo matches the user info of a URL that may not parse: scheme://user:password@.
var userInfo = regexp.MustCompile(`(//)[^/@]*@`)

// RedactURL is raw with any password replaced by xxxxx, for errors that echo a URL.
func RedactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	return userInfo.ReplaceAllString(raw, "${1}xxxxx@")
}
