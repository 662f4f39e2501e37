package partnertap

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/client"
)

// partnertapConfig is the connection block of partnertap.spc.
type partnertapConfig struct {
	APIKey          *string `hcl:"api_key"`
	Token           *string `hcl:"token"`
	BaseURL         *string `hcl:"base_url"`
	PageSize        *int    `hcl:"page_size"`
	RequestTimeout  *int    `hcl:"request_timeout"`
	PageConcurrency *int    `hcl:"page_concurrency"`
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

// connectionSettings is a connection's config, resolved against the environment and validated.
type connectionSettings struct {
	clientOptions   client.Options
	pageSize        int
	pageConcurrency int
}

// resolveSettings applies defaults and environment fallbacks (the .spc wins) and validates every
// argument. Its errors name the argument and never contain a secret.
func resolveSettings(cfg partnertapConfig, getenv func(string) string) (connectionSettings, error) {
	apiKey := strings.TrimSpace(firstSet(cfg.APIKey, getenv(envAPIKey)))
	token := strings.TrimSpace(firstSet(cfg.Token, getenv(envToken)))
	if apiKey == "" && token == "" {
		return connectionSettings{}, fmt.Errorf("connection config: no credentials: set api_key (or the %s environment variable) "+
			"in the partnertap connection config, or token (%s)", envAPIKey, envToken)
	}
	baseURL, err := checkBaseURL(firstSet(cfg.BaseURL, getenv(envBaseURL), api.DefaultBaseURL))
	if err != nil {
		return connectionSettings{}, err
	}
	pageSize := api.MaxPageSize
	if cfg.PageSize != nil {
		if *cfg.PageSize < 1 || *cfg.PageSize > api.MaxPageSize {
			return connectionSettings{}, fmt.Errorf("connection config: page_size must be between 1 and %d, got %d", api.MaxPageSize, *cfg.PageSize)
		}
		pageSize = *cfg.PageSize
	}
	timeout := defaultRequestTimeout
	if cfg.RequestTimeout != nil {
		if *cfg.RequestTimeout < 1 || *cfg.RequestTimeout > maxRequestTimeout {
			return connectionSettings{}, fmt.Errorf("connection config: request_timeout must be between 1 and %d seconds, got %d", maxRequestTimeout, *cfg.RequestTimeout)
		}
		timeout = *cfg.RequestTimeout
	}
	concurrency := defaultPageConcurrency
	if cfg.PageConcurrency != nil {
		if *cfg.PageConcurrency < 1 || *cfg.PageConcurrency > maxPageConcurrency {
			return connectionSettings{}, fmt.Errorf("connection config: page_concurrency must be between 1 and %d, got %d", maxPageConcurrency, *cfg.PageConcurrency)
		}
		concurrency = *cfg.PageConcurrency
	}
	return connectionSettings{
		clientOptions: client.Options{
			BaseURL: baseURL, APIKey: apiKey, Token: token,
			Timeout:   time.Duration(timeout) * time.Second,
			UserAgent: "steampipe-plugin-partnertap/" + pluginVersion,
			Retry:     retryPolicy,
		},
		pageSize:        pageSize,
		pageConcurrency: concurrency,
	}, nil
}

// checkBaseURL accepts an absolute https URL, or http for loopback only (the sandbox): anything
// else would send the API key in clear text.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("connection config: base_url %q is not an absolute http(s) URL such as %s", raw, api.DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("connection config: base_url must be a plain URL without credentials, query or fragment, such as %s", api.DefaultBaseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("connection config: base_url %q uses plain http, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1); use https", raw)
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

// retryPolicy is the client's retry policy; zero takes client.DefaultRetryPolicy. Tests shorten it.
var retryPolicy client.RetryPolicy
