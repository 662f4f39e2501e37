package partnertap

import (
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/client"
)

// Version is the plugin's version, sent in the User-Agent of every request: `make build` stamps it
// from the VERSION file (-ldflags -X); a plain `go build` leaves "dev".
var Version = "dev"

// partnertapConfig is the connection block of partnertap.spc.
type partnertapConfig struct {
	APIKey  *string `hcl:"api_key"`
	Token   *string `hcl:"token"`
	BaseURL *string `hcl:"base_url"`
	// The numbers are read as HCL values, not ints: the SDK's message for page_size = "abc" does
	// not name the argument; wholeNumber's does.
	PageSize        *cty.Value `hcl:"page_size"`
	RequestTimeout  *cty.Value `hcl:"request_timeout"`
	PageConcurrency *cty.Value `hcl:"page_concurrency"`
	// RequestsPerMinute is the key's quota: PartnerTap's documented 100 unless the key's contract
	// says otherwise; 0 turns the plugin's pacing off.
	RequestsPerMinute *cty.Value `hcl:"requests_per_minute"`
	// DynamicColumns adds each org's own fields to the v1 tables (schema.go); true when unset.
	DynamicColumns *bool `hcl:"dynamic_columns"`
	// SchemaRefreshInterval is how often, in seconds, the org's columns are read again to find
	// new ones (schema_refresh.go); 0, the default, only when the connection is (re)loaded.
	SchemaRefreshInterval *cty.Value `hcl:"schema_refresh_interval"`
}

// Environment variables read when the .spc leaves an argument out.
const (
	envAPIKey  = "PARTNERTAP_API_KEY"
	envToken   = "PARTNERTAP_TOKEN"
	envBaseURL = "PARTNERTAP_BASE_URL"
)

const (
	defaultRequestTimeout  = 60
	maxRequestTimeout      = 3600
	defaultPageConcurrency = 4
	maxPageConcurrency     = 16
	maxRequestsPerMinute   = 100000
	maxSchemaRefresh       = 7 * 24 * 3600
)

func configInstance() any { return &partnertapConfig{} }

// getConfig reads a connection's config; the one place that touches the SDK's config API, so a
// move to SDK v6 (connection.GetConfig()) changes only this function.
func getConfig(connection *plugin.Connection) partnertapConfig {
	if connection == nil || connection.Config == nil {
		return partnertapConfig{}
	}
	config, _ := connection.Config.(partnertapConfig)
	return config
}

// configHints end the client's errors a connection's config can cause with the argument to check.
var configHints = client.Hints{
	Credentials: "check api_key or token in the partnertap connection config",
	BaseURL:     "check base_url in the partnertap connection config",
	RateLimit:   "rate limited; retries were exhausted, lower requests_per_minute in the partnertap connection config or retry later",
}

// resolveConnection applies defaults and environment fallbacks (the .spc wins) and validates every
// argument: the connection without its client. Its errors name the argument and never contain a
// secret.
func resolveConnection(cfg partnertapConfig, getenv func(string) string) (*connectionClient, error) {
	apiKey := strings.TrimSpace(firstSet(cfg.APIKey, getenv(envAPIKey)))
	token := strings.TrimSpace(firstSet(cfg.Token, getenv(envToken)))
	if apiKey == "" && token == "" {
		return nil, fmt.Errorf("connection config: no credentials: set api_key (or the %s environment variable) "+
			"in the partnertap connection config, or token (%s)", envAPIKey, envToken)
	}
	baseURL, err := checkBaseURL(firstSet(cfg.BaseURL, getenv(envBaseURL), api.DefaultBaseURL))
	if err != nil {
		return nil, err
	}
	pageSize, err := wholeNumber("page_size", cfg.PageSize, api.MaxPageSize, 1, api.MaxPageSize, "")
	if err != nil {
		return nil, err
	}
	timeout, err := wholeNumber("request_timeout", cfg.RequestTimeout, defaultRequestTimeout, 1, maxRequestTimeout, " seconds")
	if err != nil {
		return nil, err
	}
	concurrency, err := wholeNumber("page_concurrency", cfg.PageConcurrency, defaultPageConcurrency, 1, maxPageConcurrency, "")
	if err != nil {
		return nil, err
	}
	perMinute, err := wholeNumber("requests_per_minute", cfg.RequestsPerMinute, api.V1RateLimitPerMinute, 0, maxRequestsPerMinute, "")
	if err != nil {
		return nil, err
	}
	refresh, err := wholeNumber("schema_refresh_interval", cfg.SchemaRefreshInterval, 0, 0, maxSchemaRefresh, " seconds")
	if err != nil {
		return nil, err
	}
	if refresh > 0 && refresh < minSchemaRefresh {
		return nil, fmt.Errorf("connection config: schema_refresh_interval must be 0 (off) or at least %d seconds "+
			"(each refresh spends 8 requests of the key's quota), got %d", minSchemaRefresh, refresh)
	}
	return &connectionClient{
		options: client.Options{
			BaseURL: baseURL, APIKey: apiKey, Token: token,
			Timeout:   time.Duration(timeout) * time.Second,
			UserAgent: "steampipe-plugin-partnertap/" + Version,
			Retry:     retryPolicy,
			Hints:     configHints,
		},
		pageSize:          pageSize,
		pageConcurrency:   concurrency,
		requestsPerMinute: perMinute,
		dynamicColumns:    cfg.DynamicColumns == nil || *cfg.DynamicColumns,
		schemaRefresh:     time.Duration(refresh) * time.Second,
	}, nil
}

// wholeNumber is a numeric argument's value, or def when it is not set; unit follows the bounds
// in its error ("seconds").
func wholeNumber(name string, v *cty.Value, def, lo, hi int, unit string) (int, error) {
	if v == nil || v.IsNull() {
		return def, nil
	}
	bad := fmt.Errorf("connection config: %s must be a whole number between %d and %d%s, got %s", name, lo, hi, unit, hclValueText(*v))
	n, err := convert.Convert(*v, cty.Number)
	if err != nil || !n.IsKnown() {
		return 0, bad
	}
	i, accuracy := n.AsBigFloat().Int64()
	if accuracy != big.Exact || i < int64(lo) || i > int64(hi) {
		return 0, bad
	}
	return int(i), nil
}

// hclValueText is v as the user wrote it, near enough: "abc" quoted, 12 bare, a list as [...].
func hclValueText(v cty.Value) string {
	switch {
	case !v.IsKnown():
		return "an unknown value"
	case v.Type() == cty.String:
		return strconv.Quote(v.AsString())
	case v.Type() == cty.Number:
		return v.AsBigFloat().Text('g', -1)
	case v.Type() == cty.Bool:
		return strconv.FormatBool(v.True())
	}
	return "a " + v.Type().FriendlyName()
}

// checkBaseURL accepts an absolute https URL, or http for loopback only (the sandbox): anything
// else would send the API key in clear text.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("connection config: base_url %q is not an absolute http(s) URL such as %s", client.RedactURL(raw), api.DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("connection config: base_url must be a plain URL without credentials, query or fragment, such as %s", api.DefaultBaseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("connection config: base_url %q uses plain http, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1); use https", client.RedactURL(raw))
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// firstSet is the .spc value when it is set, else the first non-empty fallback.
func firstSet(spc *string, fallbacks ...string) string {
	if spc != nil && *spc != "" {
		return *spc
	}
	for _, v := range fallbacks {
		if v != "" {
			return v
		}
	}
	return ""
}

// osGetenv is the environment lookup used outside tests.
var osGetenv = os.Getenv

// minSchemaRefresh is the shortest schema_refresh_interval, in seconds; tests shorten it.
var minSchemaRefresh = 60

// retryPolicy is the client's retry policy; zero takes client.DefaultRetryPolicy. Tests shorten it.
var retryPolicy client.RetryPolicy
