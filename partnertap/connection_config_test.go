package partnertap

import (
	"github.com/zclconf/go-cty/cty"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func strp(s string) *string { return &s }
func intp(i int) *cty.Value { v := cty.NumberIntVal(int64(i)); return &v }

func noEnv(string) string { return "" }

func TestResolveSettingsDefaultsAndEnvironment(t *testing.T) {
	env := map[string]string{envAPIKey: "env-key", envToken: "", envBaseURL: "http://127.0.0.1:9999/"}
	s, err := resolveConnection(partnertapConfig{}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if s.options.APIKey != "env-key" || s.options.BaseURL != "http://127.0.0.1:9999" {
		t.Errorf("environment not used: %+v", s.options)
	}
	if s.pageSize != 2000 || s.options.Timeout != 60*time.Second || s.pageConcurrency != 4 || s.requestsPerMinute != 100 {
		t.Errorf("defaults: page size %d, timeout %s, concurrency %d, requests per minute %d", s.pageSize, s.options.Timeout, s.pageConcurrency, s.requestsPerMinute)
	}
	if !strings.HasPrefix(s.options.UserAgent, "steampipe-plugin-partnertap/") {
		t.Errorf("user agent %q", s.options.UserAgent)
	}

	// The .spc wins over the environment.
	s, err = resolveConnection(partnertapConfig{APIKey: strp("spc-key"), BaseURL: strp("https://test-reports.partnertap.com")},
		func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if s.options.APIKey != "spc-key" || s.options.BaseURL != "https://test-reports.partnertap.com" {
		t.Errorf(".spc did not win: %+v", s.options)
	}

	s, err = resolveConnection(partnertapConfig{APIKey: strp("k")}, noEnv)
	if err != nil || s.options.BaseURL != "https://reports.partnertap.com" {
		t.Errorf("default base_url: %q, %v", s.options.BaseURL, err)
	}
}

func TestResolveSettingsErrors(t *testing.T) {
	const secret = "super-secret-key-123"
	cases := []struct {
		name string
		cfg  partnertapConfig
		want string
	}{
		{"no credentials", partnertapConfig{}, "no credentials: set api_key (or the PARTNERTAP_API_KEY environment variable)"},
		{"relative base_url", partnertapConfig{APIKey: strp(secret), BaseURL: strp("reports.partnertap.com")}, `base_url "reports.partnertap.com" is not an absolute http(s) URL`},
		{"ftp base_url", partnertapConfig{APIKey: strp(secret), BaseURL: strp("ftp://reports.partnertap.com")}, "is not an absolute http(s) URL"},
		{"plain http to a remote host", partnertapConfig{APIKey: strp(secret), BaseURL: strp("http://reports.partnertap.com")}, "uses plain http, which is allowed only for loopback hosts"},
		{"base_url with a query", partnertapConfig{APIKey: strp(secret), BaseURL: strp("https://reports.partnertap.com/?apiKey=" + secret)}, "without credentials, query or fragment"},
		{"page_size zero", partnertapConfig{APIKey: strp(secret), PageSize: intp(0)}, "page_size must be a whole number between 1 and 2000, got 0"},
		{"page_size too big", partnertapConfig{APIKey: strp(secret), PageSize: intp(2001)}, "page_size must be a whole number between 1 and 2000, got 2001"},
		{"request_timeout negative", partnertapConfig{APIKey: strp(secret), RequestTimeout: intp(-1)}, "request_timeout must be a whole number between 1 and 3600 seconds, got -1"},
		{"page_concurrency zero", partnertapConfig{APIKey: strp(secret), PageConcurrency: intp(0)}, "page_concurrency must be a whole number between 1 and 16, got 0"},
		{"requests_per_minute negative", partnertapConfig{APIKey: strp(secret), RequestsPerMinute: intp(-1)}, "requests_per_minute must be a whole number between 0 and 100000, got -1"},
		{"schema_refresh_interval too short", partnertapConfig{APIKey: strp(secret), SchemaRefreshInterval: intp(30)}, "schema_refresh_interval must be 0 (off) or at least 60 seconds (each refresh spends 8 requests of the key's quota), got 30"},
		{"schema_refresh_interval too long", partnertapConfig{APIKey: strp(secret), SchemaRefreshInterval: intp(700000)}, "schema_refresh_interval must be a whole number between 0 and 604800 seconds, got 700000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := resolveConnection(c.cfg, noEnv)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error leaks the API key: %v", err)
			}
		})
	}
}

func TestLoopbackHTTPIsAllowed(t *testing.T) {
	for _, u := range []string{"http://localhost:8787", "http://127.0.0.1:8787", "http://[::1]:8787"} {
		if _, err := checkBaseURL(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}

// Bad configs reach the user as the query's error, through the SDK, not as a panic or at load.
func TestBadConfigFailsTheQueryClearly(t *testing.T) {
	fastRetries(t)
	expired, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Issuer: "PartnerTap",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(-time.Hour))}).SignedString([]byte("x"))
	cases := []struct {
		spc  string
		want string
	}{
		{`base_url = "%s"`, "no credentials"},
		{`api_key = "x"` + "\n" + `base_url = "ftp://x"` + "\n#%s", "base_url \"ftp://x\" is not an absolute http(s) URL"},
		{demoSpc + "page_size = 5000\n", "page_size must be a whole number between 1 and 2000, got 5000"},
		{demoSpc + "page_size = \"abc\"\n", `page_size must be a whole number between 1 and 2000, got "abc"`},
		{demoSpc + "page_size = 2.5\n", "page_size must be a whole number between 1 and 2000, got 2.5"},
		{demoSpc + "page_concurrency = [4]\n", "page_concurrency must be a whole number between 1 and 16, got a tuple"},
		{demoSpc + "requests_per_minute = \"fast\"\n", `requests_per_minute must be a whole number between 0 and 100000, got "fast"`},
		{demoSpc + "request_timeout = true\n", "request_timeout must be a whole number between 1 and 3600 seconds, got true"},
		{`api_key = "x"` + "\n" + `base_url = "htps://bob:s3cret@x"` + "\n#%s", `base_url "htps://bob:xxxxx@x" is not an absolute http(s) URL`},
		{`api_key = "11111111-2222-4333-8444-555555555555"` + "\n" + `base_url = "%s"`, "401 Unauthorized: Invalid API key (check api_key or token"},
		{`api_key = "` + sandbox.RestrictedAPIKey + `"` + "\n" + `base_url = "%s"`, "403 Forbidden"},
		{`token = "not-a-jwt"` + "\n" + `base_url = "%s"`, "the configured token is not a valid JWT"},
		{`token = "` + expired + `"` + "\n" + `base_url = "%s"`, "401 Unauthorized: Invalid or expired token (check api_key or token"},
		{demoSpc + "request_timeout = 0\n", "request_timeout must be a whole number between 1 and 3600 seconds"},
		{`api_key = "x"` + "\n" + `base_url = "http://partnertap.example.com"` + "\n#%s", "uses plain http, which is allowed only for loopback hosts"},
		{`api_key = "x"` + "\n" + `base_url = "%s/nothing-here"`, "404 Not Found: No endpoint GET /nothing-here/api/auth (check base_url"},
		{`api_key = "x"` + "\n" + `base_url = "http://127.0.0.1:1"` + "\n#%s", "GET /api/auth: dial tcp 127.0.0.1:1: connect: connection refused"},
	}
	for _, c := range cases {
		h := newHarness(t, sandbox.Config{}, c.spc)
		_, err := h.run(query{table: "partnertap_dashboard", columns: []string{"division"}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("spc %q: error %v, want it to contain %q", c.spc, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), "11111111-2222") || strings.Contains(err.Error(), sandbox.RestrictedAPIKey) || strings.Contains(err.Error(), expired) || strings.Contains(err.Error(), "s3cret")) {
			t.Errorf("error leaks the API key: %v", err)
		}
	}
}

func TestUnknownConfigArgumentIsRejected(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	_, err := h.plugin.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{Connection: testConnection, Plugin: "local/partnertap",
			PluginShortName: "partnertap", Config: demoSpc + "api_token = \"x\"\n", PluginInstance: "local/partnertap"}},
	})
	if err == nil || !strings.Contains(err.Error(), "api_token") {
		t.Fatalf("error %v, want one naming the unknown argument api_token", err)
	}
}
