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

// connectionClient is what a connection keeps between queries: the client (with its token) and
// the resolved paging settings.
type connectionClient struct {
	api             *client.Client
	pageSize        int
	pageConcurrency int
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
	cc, err := newConnectionClient(d.Connection, plugin.Logger(ctx))
	if err != nil {
		return nil, err
	}
	// No expiry: the client renews its own token, and a config change clears the cache.
	_ = d.ConnectionCache.SetWithTTL(ctx, clientCacheKey, cc, 0)
	return cc, nil
}

// newConnectionClient is a client for conn's config as it is now.
func newConnectionClient(conn *plugin.Connection, logger hclog.Logger) (*connectionClient, error) {
	settings, err := resolveSettings(getConfig(conn), osGetenv)
	if err != nil {
		return nil, err
	}
	return settings.newClient(logger)
}

// newClient is a client of these settings.
func (settings connectionSettings) newClient(logger hclog.Logger) (*connectionClient, error) {
	settings.clientOptions.Logger = logger
	settings.clientOptions.Quota = settings.quota()
	c, err := client.New(settings.clientOptions)
	if err != nil {
		return nil, err
	}
	return &connectionClient{api: c, pageSize: settings.pageSize, pageConcurrency: settings.pageConcurrency}, nil
}

// quotaPeriod is the window of PartnerTap's rate rule [doc: 100 requests a minute]; tests shorten it.
var quotaPeriod = time.Minute

// quota is the connection's share of its key's quota: one window per key and host in the plugin
// process, whichever connections use it; nil when requests_per_minute is 0.
func (s connectionSettings) quota() *client.Quota {
	if s.requestsPerMinute == 0 {
		return nil
	}
	credential := s.clientOptions.APIKey
	if credential == "" {
		credential = s.clientOptions.Token
	}
	host := s.clientOptions.BaseURL
	if u, err := url.Parse(host); err == nil {
		host = u.Host
	}
	return client.SharedQuota(host, credential, s.requestsPerMinute, quotaPeriod)
}
