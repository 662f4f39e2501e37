package partnertap

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// A v1 list that changes between every two pages, read through the plugin, keeps the promise of
// docs/index.md: sorted by its key, each row present for the whole read once, nothing else.
func TestAV1ListThatChangesWhileReadKeepsThePromise(t *testing.T) {
	h := newHarness(t, sandbox.Config{V1RateLimit: -1}, demoSpc+"page_size = 100\n")
	list, keys := api.ReportGlobalAccounts, api.V1KeyFields[api.ReportGlobalAccounts]
	keyOf := func(value func(string) any) string { return api.RecordKey(keys, value) }
	var base []string
	for _, rec := range h.sandbox.Dataset().ReportRecords(list) {
		base = append(base, keyOf(func(f string) any { return rec[f] }))
	}
	clock := sandbox.NewStepClock(time.Second) // each page sees the changes of one more second
	h.sandbox.SetChurnClock(clock.Now)
	h.sandbox.SetChurn(sandbox.Churn{Seed: 9, Inserts: 2, Deletes: 3, Updates: 2, Lists: []string{list}})

	rows := h.mustRun(query{table: "partnertap_global_overlap_account", columns: []string{"crm_account_id", "partner_org_public_id"}})

	reads := clock.Reads() // the churn's start, then one per page
	oracle := sandbox.NewReadOracle(base, h.sandbox.ChangeLog(), list, reads[1], reads[len(reads)-1])
	columns := map[string]string{"crm_account_id": "crm_account_id", "partnerOrgPublicId": "partner_org_public_id"}
	var got []string
	for _, r := range rows {
		got = append(got, keyOf(func(f string) any { return r[columns[f]] }))
	}
	if msg := oracle.Check(got); msg != "" {
		t.Fatal(msg)
	}
	during := oracle.During
	pages := h.apiRequests(api.ReportPath(api.ReportGlobalAccounts, "records"))
	if during < 2*len(pages) {
		t.Fatalf("%d changes over %d pages: the list hardly changed", during, len(pages))
	}
	for _, p := range pages {
		if sort := p.Query["sort"]; len(sort) != 2 || sort[0] != "crm_account_id,asc" || sort[1] != "partnerOrgPublicId,asc" {
			t.Fatalf("sort %q, want the list's key", sort)
		}
	}
	t.Logf("%d rows in %d pages, %d changes during the read", len(rows), len(pages), during)
}
