package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// Every flag reaches the sandbox's config, and a sandbox started with it says so on its control
// endpoints and answers as the flags ask.
func TestFlagsConfigureTheSandbox(t *testing.T) {
	cfg, addr, err := parseFlags([]string{
		"-host", "::1", "-port", "0", "-seed", "7", "-accounts", "300", "-partners", "5", "-reps", "20",
		"-opportunities", "90", "-token-lifetime", "90s", "-v1-rate-limit", "40", "-page-cache-mb", "3",
		"-latency-ms", "1", "-fail-status", "503", "-fail-first", "1", "-fail-every", "1000", "-retry-after", "2",
		"-drop-every", "2000", "-truncate-every", "3000", "-shift-rows", "4",
		"-churn-inserts", "0.5", "-churn-deletes", "0.25", "-churn-updates", "2", "-churn-seed", "9",
		"-churn-lists", "/analytics/salerepchats,GLOBAL_VERTICAL_ACCOUNTS",
	})
	if err != nil {
		t.Fatal(err)
	}
	faults := sandbox.Faults{LatencyMS: 1, FailStatus: 503, FailFirst: 1, FailEvery: 1000, RetryAfter: "2",
		DropEvery: 2000, TruncateEvery: 3000, ShiftRows: 4}
	churn := sandbox.Churn{Seed: 9, Inserts: 0.5, Deletes: 0.25, Updates: 2, Lists: []string{"/analytics/salerepchats", "GLOBAL_VERTICAL_ACCOUNTS"}}
	want := sandbox.Config{
		Dataset:       sandbox.DatasetConfig{Seed: 7, Accounts: 300, Partners: 5, Reps: 20, Opportunities: 90},
		TokenLifetime: 90 * time.Second, V1RateLimit: 40, PageCacheMB: 3, Faults: faults, Churn: churn,
	}
	if !reflect.DeepEqual(cfg, want) || addr != "[::1]:0" {
		t.Fatalf("config %+v at %s, want %+v at [::1]:0", cfg, addr, want)
	}

	srv, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(srv.Handler())
	defer web.Close()
	var health struct {
		Status            string
		Dataset           sandbox.DatasetConfig
		ConnectionsOpened *int64 `json:"connections_opened"`
	}
	getJSON(t, web.URL+"/_sandbox/health", &health)
	if health.Status != "ok" || health.Dataset.Seed != 7 || health.Dataset.Accounts != 300 || health.Dataset.Partners != 5 ||
		health.Dataset.Reps != 20 || health.Dataset.Opportunities != 90 || health.ConnectionsOpened == nil {
		t.Errorf("health %+v", health)
	}
	var gotFaults sandbox.Faults
	getJSON(t, web.URL+"/_sandbox/faults", &gotFaults)
	if gotFaults != faults {
		t.Errorf("faults %+v, want %+v", gotFaults, faults)
	}
	var gotChurn sandbox.Churn
	getJSON(t, web.URL+"/_sandbox/churn", &gotChurn)
	if !reflect.DeepEqual(gotChurn, churn) {
		t.Errorf("churn %+v, want %+v", gotChurn, churn)
	}

	// -fail-first 1 with -fail-status 503 and -retry-after 2: the first API request fails so.
	auth := web.URL + api.AuthPath + "?" + api.AuthKeyParam + "=" + sandbox.DemoAPIKey
	resp, err := http.Get(auth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("first request: %d, Retry-After %q; want 503 and 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	var token api.AuthResponse
	getJSON(t, auth, &token)
	if token.Token == "" {
		t.Error("the second request got no token")
	}
}

func TestBadFlagsAreErrors(t *testing.T) {
	if _, _, err := parseFlags([]string{"-accounts", "many"}); err == nil || !strings.Contains(err.Error(), "accounts") {
		t.Errorf("-accounts many: %v", err)
	}
	if _, _, err := parseFlags([]string{"-colour", "red"}); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("an unknown flag: %v", err)
	}
	cfg, _, err := parseFlags([]string{"-accounts", "-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sandbox.New(cfg); err == nil {
		t.Error("a dataset of -1 accounts was served")
	}
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
