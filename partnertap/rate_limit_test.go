package partnertap

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// The default limiter lets a burst of 10 requests through, then 1.5 a second: 15 pages take
// at least (15 - 10) / 1.5 s after the first request.
func TestRateLimiterSpacesRequests(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 10\n")
	h.useDefaultRateLimit()
	rows := h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: []string{"rep_id"}})
	if len(rows) != 150 {
		t.Fatalf("got %d rows", len(rows))
	}
	pages := h.apiRequests(api.NewRepConnections.Path)
	if len(pages) != 15 {
		t.Fatalf("%d pages, want 15", len(pages))
	}
	span := pages[len(pages)-1].Time.Sub(pages[0].Time)
	if span < 3*time.Second {
		t.Fatalf("15 pages went out within %s: the rate limiter did not wait before later pages", span)
	}
	// A user's override (fast limiter) removes the wait.
	h.sandbox.ResetRequests()
	h.setRateLimit(1000, 1000)
	h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: []string{"rep_id"}})
	pages = h.apiRequests(api.NewRepConnections.Path)
	if span := pages[len(pages)-1].Time.Sub(pages[0].Time); span > 2*time.Second {
		t.Fatalf("with a fast limiter 15 pages took %s", span)
	}
}
