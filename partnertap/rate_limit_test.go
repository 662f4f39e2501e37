package partnertap

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// quotaTest is a sandbox enforcing a rolling limit of quotaTestLimit requests per quotaTestWindow
// on the v1 API, and the plugin's quota shortened to the same window.
const (
	quotaTestLimit  = 10
	quotaTestWindow = 500 * time.Millisecond
)

func newQuotaHarness(t *testing.T, spcs map[string]string) *harness {
	t.Helper()
	return newQuotaHarnessOver(t, quotaTestWindow, spcs)
}

// newQuotaHarnessOver is newQuotaHarness with a window of its own.
func newQuotaHarnessOver(t *testing.T, window time.Duration, spcs map[string]string) *harness {
	t.Helper()
	saved := quotaPeriod
	quotaPeriod = window
	t.Cleanup(func() { quotaPeriod = saved })
	h := newHarness(t, sandbox.Config{V1RateLimit: quotaTestLimit, V1RateWindow: window}, demoSpc)
	for name, spc := range spcs {
		spcs[name] = fmt.Sprintf(spc, h.url)
	}
	h.configureConnections(spcs)
	return h
}

// v1Read is a read of many small v1 pages.
var v1Read = query{table: "partnertap_global_overlap_account", columns: []string{"account_name"}, limit: -1}

// checkWindow fails unless the sandbox answered no request 429 and never saw more than the limit
// arrive in any window (arrivals, as the API counts: answers can bunch on a busy machine); it
// returns the v1 requests in the order they arrived.
func checkWindow(t *testing.T, h *harness) []sandbox.Request {
	t.Helper()
	var v1 []sandbox.Request
	for _, r := range h.sandbox.Requests() {
		if r.Auth != "api-key" {
			continue
		}
		v1 = append(v1, r)
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("%s %s was answered 429: the plugin overran the key's quota", r.Method, r.Path)
		}
	}
	if in, at := densestWindow(v1, quotaTestWindow); in > quotaTestLimit {
		t.Fatalf("%d requests arrived within %s of request %d; the rule allows %d", in, quotaTestWindow, at, quotaTestLimit)
	}
	return v1
}

// The quota is the API's rule: the server never sees more than `limit` requests in a window and
// never answers 429 (quota_test.go shows the first `limit` go out at once). Without it (requests_per_minute = 0) the
// same read is answered 429, so the test sees an overrun.
func TestQuotaSpendsTheRollingWindowExactly(t *testing.T) {
	spc := demoSpc + "page_size = 100\nrequests_per_minute = %d\n"
	h := newQuotaHarness(t, map[string]string{
		"paced":   fmt.Sprintf(spc, "%s", quotaTestLimit),
		"unpaced": fmt.Sprintf(spc, "%s", 0),
	})
	paced := v1Read
	paced.connection = "paced"
	rows := h.mustRun(paced)
	v1 := checkWindow(t, h)
	if len(v1) < 3*quotaTestLimit {
		t.Fatalf("%d rows in %d requests: the read is too short to need the window", len(rows), len(v1))
	}
	h.sandbox.ResetRequests()
	unpaced := v1Read
	unpaced.connection = "unpaced"
	again := h.mustRun(unpaced) // retried after each 429, so the rows are all there
	if len(again) != len(rows) {
		t.Fatalf("unpaced read: %d rows, want %d", len(again), len(rows))
	}
	overruns := 0
	for _, r := range h.sandbox.Requests() {
		if r.Status == http.StatusTooManyRequests {
			overruns++
		}
	}
	if overruns == 0 {
		t.Fatal("with requests_per_minute = 0 no request was answered 429: the test cannot see an overrun")
	}
}

// Two connections with the same key share its quota: two reads at once stay under the rule
// together.
func TestConnectionsSharingAKeyShareItsQuota(t *testing.T) {
	spc := demoSpc + fmt.Sprintf("page_size = 100\nrequests_per_minute = %d\n", quotaTestLimit)
	h := newQuotaHarness(t, map[string]string{"first": spc, "second": spc})
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i, name := range []string{"first", "second"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := v1Read
			q.connection = name
			rows, err := h.run(q)
			if err != nil {
				t.Error(name, err)
			}
			counts[i] = len(rows)
		}()
	}
	wg.Wait()
	if counts[0] == 0 || counts[0] != counts[1] {
		t.Fatalf("rows: %v", counts)
	}
	if v1 := checkWindow(t, h); len(v1) < 3*quotaTestLimit {
		t.Fatalf("%d requests: too few to need the window", len(v1))
	}
}

// Two connections with two orgs' keys, as an aggregator over two orgs has, each keep their own
// key's budget: read at once, each key stays under the rule, and together they send more in a
// window than one key may (one budget shared would not).
func TestEachKeyKeepsItsOwnQuota(t *testing.T) {
	paced := fmt.Sprintf("page_size = 100\nrequests_per_minute = %d\n", quotaTestLimit)
	second := strings.Replace(demoSpc, sandbox.DemoAPIKey, sandbox.SecondOrgAPIKey, 1)
	h := newQuotaHarness(t, map[string]string{"demo": demoSpc + paced, "second": second + paced})
	var wg sync.WaitGroup
	for _, name := range []string{"demo", "second"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := v1Read
			q.connection = name
			if rows, err := h.run(q); err != nil || len(rows) == 0 {
				t.Error(name, len(rows), err)
			}
		}()
	}
	wg.Wait()
	byOrg := map[string][]sandbox.Request{}
	var all []sandbox.Request
	for _, r := range h.sandbox.Requests() {
		if r.Auth != "api-key" {
			continue
		}
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("%s %s (%s) was answered 429: the plugin overran a key's quota", r.Method, r.Path, r.Org)
		}
		byOrg[r.Org] = append(byOrg[r.Org], r)
		all = append(all, r)
	}
	for _, org := range []string{sandbox.DemoOrg, sandbox.SecondOrg} {
		if in, _ := densestWindow(byOrg[org], quotaTestWindow); len(byOrg[org]) < 2*quotaTestLimit || in > quotaTestLimit {
			t.Fatalf("%s: %d requests, %d in one window; the rule allows %d", org, len(byOrg[org]), in, quotaTestLimit)
		}
	}
	if in, _ := densestWindow(all, quotaTestWindow); in <= quotaTestLimit {
		t.Fatalf("at most %d requests of both keys in a window: the keys shared one budget", in)
	}
}

// A user's own `limiter` block still paces every page, beside the quota.
func TestUserLimiterStillPacesPages(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 10\n")
	h.setUserLimiter(10, 1)
	h.mustRun(query{table: "partnertap_rep_partnership_stat", columns: []string{"rep_id"}, limit: -1})
	pages := h.apiRequests(api.NewRepConnections.Path)
	if len(pages) < 12 {
		t.Fatalf("%d pages, want at least 12", len(pages))
	}
	if span := pages[len(pages)-1].Arrived.Sub(pages[0].Arrived); span < time.Second {
		t.Fatalf("%d pages went out within %s under a limiter of 10 a second", len(pages), span)
	}
}

// densestWindow sorts requests by arrival and returns the most that arrived within one window,
// and the index of the first of them.
func densestWindow(requests []sandbox.Request, window time.Duration) (most, at int) {
	slices.SortFunc(requests, func(a, b sandbox.Request) int { return a.Arrived.Compare(b.Arrived) })
	for i := range requests {
		in := 0
		for j := i; j < len(requests) && requests[j].Arrived.Sub(requests[i].Arrived) < window; j++ {
			in++
		}
		if in > most {
			most, at = in, i
		}
	}
	return most, at
}

// The quota is PartnerTap's rule for the v1 API [doc]; legacy calls go out unpaced: a legacy read
// sends more than the v1 limit in a window (paced, a second 50-page read within a minute waited
// 45 s). The window is long, so that an unpaced read on a busy machine fits in it easily, while a
// paced one would wait a whole window after every 10 pages.
func TestLegacyReadsAreOutsideTheQuota(t *testing.T) {
	const window = 5 * time.Second
	spc := demoSpc + fmt.Sprintf("page_size = 100\npage_concurrency = 1\nrequests_per_minute = %d\n", quotaTestLimit)
	h := newQuotaHarnessOver(t, window, map[string]string{"paced": spc})
	h.mustRun(query{table: "partnertap_sale_account", columns: []string{"account_name"}, quals: eq("matched", true), connection: "paced"})
	pages := h.apiRequests(api.SaleAccountsMatched.Path)
	if len(pages) < 3*quotaTestLimit {
		t.Fatalf("%d pages: too few to need the window", len(pages))
	}
	if densest, _ := densestWindow(pages, window); densest <= quotaTestLimit {
		t.Fatalf("at most %d of %d legacy pages arrived in any %s: they were paced by the v1 quota of %d", densest, len(pages), window, quotaTestLimit)
	}
}
