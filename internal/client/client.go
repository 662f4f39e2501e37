// Package client is the PartnerTap HTTP client: authentication, paging, retries and errors. It knows
// nothing of Steampipe, so it can be tested, benchmarked and reused on its own.
package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
)

// Options configure a Client. BaseURL and one of APIKey or Token are required.
type Options struct {
	BaseURL string
	// APIKey is exchanged for a JWT, which is renewed before it expires and once on a 401.
	APIKey string
	// Token is a JWT used as is; with an APIKey too it is only the first token.
	Token string
	// Timeout bounds each HTTP attempt; zero means DefaultTimeout.
	Timeout   time.Duration
	UserAgent string
	Logger    hclog.Logger
	// Retry overrides the retry policy; zero fields take DefaultRetryPolicy's.
	Retry RetryPolicy
	// HTTPClient overrides the transport (its Timeout is replaced by Timeout).
	HTTPClient *http.Client
	// Now overrides the clock, for tests of token renewal.
	Now func() time.Time
	// Quota, when set, paces every HTTP attempt (retries and token exchanges too); see SharedQuota.
	Quota *Quota
	// Hints word the advice errors end with; empty fields take DefaultHints'.
	Hints Hints
}

// DefaultTimeout bounds one HTTP attempt when Options.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// Client talks to one PartnerTap account. It is safe for concurrent use.
type Client struct {
	base      *url.URL
	http      *http.Client
	userAgent string
	logger    hclog.Logger
	retry     RetryPolicy
	tokens    *tokenSource
	redact    redactor
	quota     *Quota
	hints     Hints
	bodySizes bodySizes
}

// New checks the options and returns a client; it makes no request.
func New(o Options) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(o.BaseURL, "/"))
	if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("base URL %q is not an absolute http(s) URL", RedactURL(o.BaseURL))
	}
	if base.User != nil {
		return nil, fmt.Errorf("base URL %q holds a user name or password; credentials go in the API key or token", RedactURL(o.BaseURL))
	}
	if o.APIKey == "" && o.Token == "" {
		return nil, errors.New("no credentials: an API key or a token is required")
	}
	httpClient := &http.Client{Transport: pooledTransport()}
	if o.HTTPClient != nil {
		copied := *o.HTTPClient
		httpClient = &copied
	}
	httpClient.Timeout = o.Timeout
	if httpClient.Timeout <= 0 {
		httpClient.Timeout = DefaultTimeout
	}
	logger := o.Logger
	if logger == nil {
		logger = hclog.NewNullLogger()
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	c := &Client{
		base:      base,
		http:      httpClient,
		userAgent: o.UserAgent,
		logger:    logger,
		retry:     o.Retry.withDefaults(),
		quota:     o.Quota,
		hints:     o.Hints.withDefaults(),
	}
	c.http.CheckRedirect = c.checkRedirect
	if c.tokens, err = newTokenSource(o.APIKey, o.Token, c.send, logger, now); err != nil {
		return nil, err
	}
	c.redact = redactor{secrets: c.tokens.secrets}
	return c, nil
}

// GetJSON sends an authorized GET and decodes the JSON answer into out.
func (c *Client) GetJSON(ctx context.Context, path string, query url.Values, out any) error {
	return c.authorized(ctx, requestSpec{method: http.MethodGet, path: path, query: query}, out)
}

// authorized sends a request with the connection's token; on a 401 it renews the token once and
// sends the request once more.
func (c *Client) authorized(ctx context.Context, spec requestSpec, out any) error {
	token, err := c.tokens.get(ctx)
	if err != nil {
		return err
	}
	spec.token = token
	err = c.send(ctx, spec, out)
	if StatusCode(err) != http.StatusUnauthorized || !c.tokens.canRenew() {
		return err
	}
	c.logger.Debug("token rejected, renewing it once", "path", spec.path)
	c.tokens.invalidate(token)
	if spec.token, err = c.tokens.get(ctx); err != nil {
		return err
	}
	return c.send(ctx, spec, out)
}

// maxIdleConnsPerHost keeps a connection open for every page a read may have in flight (at most
// 16, see page_concurrency) plus token exchanges. Go's default keeps 2, so a read 4 pages at a
// time would reopen connections, and redo their TLS handshakes, every round.
const maxIdleConnsPerHost = 20

func pooledTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return t
}
