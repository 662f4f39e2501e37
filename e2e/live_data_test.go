//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// liveRead is a read of a list that changed while it was read: the keys the list started with,
// the keys of the rows read, and the sandbox requests that read it.
type liveRead struct {
	list  string // the churn's name of the list: a legacy path or a v1 list type
	base  []string
	rows  []string
	pages []sandbox.Request
}

// check fails the test unless the read kept the promise of docs/index.md against the churn's log
// (sandbox.ReadOracle). It returns how long the read took and how many changes it saw.
func (r liveRead) check(t *testing.T) (time.Duration, int) {
	t.Helper()
	first, last := r.pages[0].Arrived, r.pages[0].Time
	for _, p := range r.pages {
		if p.Arrived.Before(first) {
			first = p.Arrived
		}
		if p.Time.After(last) {
			last = p.Time
		}
	}
	oracle := sandbox.NewReadOracle(r.base, liveSandbox.ChangeLog(), r.list, first, last)
	if msg := oracle.Check(r.rows); msg != "" {
		t.Fatal(msg)
	}
	t.Logf("%d rows in %d pages over %s, %d changes during the read, %d rows present throughout",
		len(r.rows), len(r.pages), last.Sub(first).Round(time.Second), oracle.During, len(oracle.Throughout))
	return last.Sub(first), oracle.During
}

// churnOnce changes list once a second while the test runs: an insert, a delete and an update
// every 3 s.
func churnOnce(t *testing.T, list string) {
	liveSandbox.ResetRequests()
	liveSandbox.SetChurn(sandbox.Churn{Seed: 17, Inserts: 1.0 / 3, Deletes: 1.0 / 3, Updates: 1.0 / 3, Lists: []string{list}})
	t.Cleanup(func() { liveSandbox.SetChurn(sandbox.Churn{}) })
}

func requestsOf(sb *sandbox.Server, path string) (out []sandbox.Request) {
	for _, r := range sb.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// A legacy read through the real Steampipe as long as a quota-bound one (a minute: a second a
// page), of a list changing once a second, succeeds and keeps the promise.
func TestAMinuteLongReadOfALiveListKeepsThePromise(t *testing.T) {
	path := api.SaleAccountsMatched.Path
	read := liveRead{list: path}
	for _, a := range liveSandbox.Dataset().MatchedAccountRows() {
		read.base = append(read.base, a.ListKey())
	}
	liveSandbox.SetFaults(sandbox.Faults{LatencyMS: 1000})
	t.Cleanup(func() { liveSandbox.SetFaults(sandbox.Faults{}) })
	churnOnce(t, path)
	for _, r := range mustQuery(t, `select sale_account_id, partner_org_id from partnertap_live.partnertap_sale_account where matched`) {
		partner, _ := r["partner_org_id"].(string)
		read.rows = append(read.rows, api.SaleAccount{SaleAccountID: r["sale_account_id"].(string), PartnerOrgID: &partner}.ListKey())
	}
	read.pages = requestsOf(liveSandbox, path)
	// 4975 rows by pages of 100, one at a time, a second each.
	if took, changes := read.check(t); took < 50*time.Second || changes < 45 {
		t.Fatalf("%d changes in %s: not a minute-long read of a list changing once a second", changes, took)
	}
}

// A v1 read through the real Steampipe bound by the key's quota (40 requests a minute on
// partnertap_live, so its 50-odd pages take over a minute), of a list changing once a second,
// succeeds and keeps the promise.
func TestAQuotaBoundV1ReadOfALiveListKeepsThePromise(t *testing.T) {
	list, keys := api.ReportGlobalAccounts, api.V1KeyFields[api.ReportGlobalAccounts]
	read := liveRead{list: list}
	for _, rec := range liveSandbox.Dataset().ReportRecords(list) {
		read.base = append(read.base, api.RecordKey(keys, func(f string) any { return rec[f] }))
	}
	churnOnce(t, list)
	columns := map[string]string{"crm_account_id": "crm_account_id", "partnerOrgPublicId": "partner_org_public_id"}
	for _, r := range mustQuery(t, `select crm_account_id, partner_org_public_id from partnertap_live.partnertap_global_overlap_account`) {
		read.rows = append(read.rows, api.RecordKey(keys, func(f string) any { return r[columns[f]] }))
	}
	read.pages = requestsOf(liveSandbox, api.ReportPath(list, "records"))
	if took, changes := read.check(t); len(read.pages) <= 40 || took < 55*time.Second || changes < 45 {
		t.Fatalf("%d pages, %d changes in %s: not a quota-bound read of a list changing once a second", len(read.pages), changes, took)
	}
}
