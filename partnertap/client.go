package partnertap

import (
	"context"
	"net/url"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/client"
)

// connectionClient is a connection's config, resolved against the environment and validated, and
// the client built from it, which the connection keeps between queries (with its token).
type connectionClient struct {
	api             *client.Client
	options         client.Options // what api is built with
	pageSize        int
	pageConcurrency int
	// requestsPerMinute is the rolling quota of the connection's key; 0 is none.
	requestsPerMinute int
	dynamicColumns    bool
	schemaRefresh     time.Duration // 0: never
}

const clientCacheKey = "partnertap.client"

// clientCreation serializes client creation, so concurrent first queries share one token exchange.
var clientCreation sync.Mutex

// getClient returns the connection's client, creating it on first use. A bad config fails here, at
// query time, with an error that names the argument.
func getClient(ctx context.Context, d *plugin.QueryData) (*connectionClient, error) {
	if cached, ok := d.ConnectionCache.Get(ctx, clientCacheKey); ok {
		return cached.(*connectionClient), nil
	}
	clientCreation.Lock()
	defer clientCreation.Unlock()
	if cached, ok := d.ConnectionCache.Get(ctx, clientCacheKey); ok {
		return cached.(*connectionClient), nil
	}
	cc, err := newConnectionClient(getConfig(d.Connection), plugin.Logger(ctx))
	if err != nil {
		return nil, err
	}
	// No expiry: the client renews its own token, and a config change clears the cache.
	_ = d.ConnectionCache.SetWithTTL(ctx, clientCacheKey, cc, 0)
	return cc, nil
}

// newConnectionClient is the connection of config cfg as it is now, with its client; it makes no
// request.
func newConnectionClient(cfg partnertapConfig, logger hclog.Logger) (*connectionClient, error) {
	c, err := resolveConnection(cfg, osGetenv)
	if err != nil {
		return nil, err
	}
	options := c.options
	options.Logger, options.Quota = logger, c.quota()
	if c.api, err = client.New(options); err != nil {
		return nil, err
	}
	return c, nil
}

// pageRequest is req read with the connection's paging settings: beforePage (when set) runs before
// each page after the first, and limit (when not 0) bounds the rows read. Every read of pages
// gets its request here.
func (c *connectionClient) pageRequest(req client.PageRequest, beforePage func(context.Context), limit int64) client.PageRequest {
	req.PageSize, req.Concurrency, req.BeforePage, req.Limit = c.pageSize, c.pageConcurrency, beforePage, limit
	return req
}

// quotaPeriod is the window of PartnerTap's rate rule [doc: 100 requests a minute]; tests shorten it.
var quotaPeriod = time.Minute

// quota is the connection's share of its key's quota: one window per key and host in the plugin
// process, whichever connections use it; nil when requests_per_minute is 0.
func (s *connectionClient) quota() *client.Quota {
	if s.requestsPerMinute == 0 {
		return nil
	}
	credential := s.options.APIKey
	if credential == "" {
		credential = s.options.Token
	}
	host := s.options.BaseURL
	if u, err := url.Parse(host); err == nil {
		host = u.Host
	}
	return client.SharedQuota(host, credential, s.requestsPerMinute, quotaPeriod)
}
