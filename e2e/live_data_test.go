//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// A read through the real Steampipe as long as a quota-bound one (a minute: a second a page, as
// 100 pages a minute over the quota would be) while the list changes once a second (an insert, a
// delete and an update every 3 s) succeeds and keeps the promise of docs/index.md: every row in
// the list for the whole read comes back exactly once, and no row that was never in it.
func TestAMinuteLongReadOfALiveListKeepsThePromise(t *testing.T) {
	path := api.SaleAccountsMatched.Path
	base := liveSandbox.Dataset().MatchedAccountRows()
	liveSandbox.SetFaults(sandbox.Faults{LatencyMS: 1000})
	t.Cleanup(func() { liveSandbox.SetFaults(sandbox.Faults{}) })
	liveSandbox.ResetRequests()
	liveSandbox.SetChurn(sandbox.Churn{Seed: 17, Inserts: 1.0 / 3, Deletes: 1.0 / 3, Updates: 1.0 / 3, Lists: []string{path}})
	t.Cleanup(func() { liveSandbox.SetChurn(sandbox.Churn{}) })

	rows := mustQuery(t, `select sale_account_id, partner_org_id from partnertap_live.partnertap_sale_account where matched`)

	var pages []sandbox.Request
	for _, r := range liveSandbox.Requests() {
		if r.Path == path {
			pages = append(pages, r)
		}
	}
	first, last := pages[0].Arrived, pages[0].Time
	for _, p := range pages {
		if p.Arrived.Before(first) {
			first = p.Arrived
		}
		if p.Time.After(last) {
			last = p.Time
		}
	}
	// 4975 rows by pages of 100, one at a time, a second each.
	if last.Sub(first) < 50*time.Second {
		t.Fatalf("%d pages in %s: the read was not a minute long", len(pages), last.Sub(first))
	}

	throughout, ever := map[string]bool{}, map[string]bool{}
	for _, a := range base {
		throughout[a.ListKey()], ever[a.ListKey()] = true, true
	}
	during := 0
	for _, c := range liveSandbox.ChangeLog() {
		switch {
		case c.At.After(last):
		case !c.At.After(first): // before the read: the list it starts from
			if c.Op == "insert" {
				throughout[c.Key], ever[c.Key] = true, true
			} else if c.Op == "delete" {
				delete(throughout, c.Key)
			}
		default:
			during++
			if c.Op == "insert" {
				ever[c.Key] = true
			} else if c.Op == "delete" {
				delete(throughout, c.Key)
			}
		}
	}
	if during < 45 {
		t.Fatalf("%d changes during a read of %s: the list did not change once a second", during, last.Sub(first))
	}
	got := map[string]bool{}
	for _, r := range rows {
		partner, _ := r["partner_org_id"].(string)
		k := api.SaleAccount{SaleAccountID: r["sale_account_id"].(string), PartnerOrgID: &partner}.ListKey()
		if got[k] {
			t.Fatalf("row %q came back twice", k)
		}
		if !ever[k] {
			t.Fatalf("row %q was never in the list during the read", k)
		}
		got[k] = true
	}
	for k := range throughout {
		if !got[k] {
			t.Fatalf("row %q, in the list for the whole read, is missing (%d rows)", k, len(rows))
		}
	}
	t.Logf("%d rows in %d pages over %s, %d changes during the read, %d rows present throughout",
		len(rows), len(pages), last.Sub(first).Round(time.Second), during, len(throughout))
}
