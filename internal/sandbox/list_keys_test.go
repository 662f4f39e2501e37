package sandbox

import (
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func uniqueKeys[T any](t *testing.T, list string, rows []T, key func(T) string) {
	t.Helper()
	seen := map[string]bool{}
	for _, row := range rows {
		k := key(row)
		if seen[k] {
			t.Fatalf("%s: two rows with the key %q: a live read of it would fail", list, k)
		}
		seen[k] = true
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", list)
	}
}

// Every keyed list's key tells its rows apart, in both orgs' data and a larger dataset: a live
// read fails on a page with two rows of one key (internal/client/live_pages.go).
func TestEveryListsKeyTellsItsRowsApart(t *testing.T) {
	large, err := NewDataset(DatasetConfig{Accounts: 40000, Partners: 60, Opportunities: 20000})
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, Config{})
	for _, d := range []*Dataset{s.OrgDataset(DemoOrg), s.OrgDataset(SecondOrg), large} {
		uniqueKeys(t, "reps", d.RepConnectionRows(), api.RepConnections.ListKey)
		uniqueKeys(t, "opportunity summary", d.OpportunitySummaryRows(), api.OppShareSummary.ListKey)
		uniqueKeys(t, "opportunities", d.OpportunityRows(), api.SharedOpportunity.ListKey)
		uniqueKeys(t, "matched accounts", d.MatchedAccountRows(), api.SaleAccount.ListKey)
		uniqueKeys(t, "unmatched accounts", d.UnmatchedAccountRows(), api.SaleAccount.ListKey)
		uniqueKeys(t, "chats exchanged", d.ChatExchangeRows(), api.ChatExchange.ListKey)
		uniqueKeys(t, "rep chats", d.RepChatRows(), api.RepChat.ListKey)
		for list, records := range map[string][]api.Record{
			api.ChannelConnectedPartnerOrgs: d.PartnerOrgRecords(),
			api.ChannelMatchedAccounts:      d.MatchedAccountRecords(),
			api.ReportGlobalAccounts:        d.ReportRecords(api.ReportGlobalAccounts),
			api.ReportGlobalOpportunities:   d.ReportRecords(api.ReportGlobalOpportunities),
		} {
			fields := api.V1KeyFields[list]
			uniqueKeys(t, list, records, func(rec api.Record) string {
				return api.RecordKey(fields, func(f string) any { return rec[f] })
			})
		}
	}
}
