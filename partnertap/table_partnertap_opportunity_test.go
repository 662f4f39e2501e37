package partnertap

import (
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

var opportunityColumns = []string{"opportunity_id", "opportunity_name", "direction", "partner_org", "partner_org_id",
	"account_name", "crm_account_id", "stage_name", "amount", "close_date", "shared_date", "is_closed", "is_won",
	"rep_name", "email_address", "title"}

func checkOpportunity(t *testing.T, got map[string]any, w api.SharedOpportunity) {
	t.Helper()
	if got == nil {
		t.Fatalf("opportunity %s missing", w.OpportunityID)
	}
	if got["opportunity_name"] != w.OpportunityName || got["direction"] != w.Direction || got["partner_org"] != w.PartnerOrg ||
		got["partner_org_id"] != w.PartnerOrgID || got["account_name"] != w.AccountName || !sameOptional(got["crm_account_id"], w.CrmAccountID) ||
		!sameOptional(got["stage_name"], w.StageName) || !sameOptional(got["amount"], w.Amount) || !sameEpoch(got["close_date"], w.CloseDate) ||
		!sameEpoch(got["shared_date"], &w.SharedDate) || got["is_closed"] != w.IsClosed || got["is_won"] != w.IsWon ||
		got["rep_name"] != w.RepName || got["email_address"] != w.EmailAddress || got["title"] != w.OpportunityName {
		t.Fatalf("got %v, want %+v", got, w)
	}
}

func TestOpportunitiesAllRowsAcrossPages(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 700\n")
	rows := h.mustRun(query{table: "partnertap_opportunity", columns: opportunityColumns})
	want := h.sandbox.Dataset().OpportunityRows()
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	byID := indexBy(t, rows, "opportunity_id")
	for _, w := range want {
		checkOpportunity(t, byID[w.OpportunityID], w)
	}
	if got := len(h.apiRequests(api.OppsShared.Path)); got != 4 {
		t.Errorf("%d page requests for %d rows in pages of 700, want 4", got, len(want))
	}
}

func TestOpportunityQualsArePushedDown(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	partner := h.sandbox.Dataset().PartnerNames()[3]
	rows := h.mustRun(query{table: "partnertap_opportunity", columns: opportunityColumns,
		quals: quals(qual("partner_org", "=", partner), qual("direction", "=", "INBOUND"))})
	var want []api.SharedOpportunity
	for _, o := range h.sandbox.Dataset().OpportunityRows() {
		if o.PartnerOrg == partner && o.Direction == "INBOUND" {
			want = append(want, o)
		}
	}
	if len(rows) != len(want) || len(want) == 0 {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	byID := indexBy(t, rows, "opportunity_id")
	for _, w := range want {
		checkOpportunity(t, byID[w.OpportunityID], w)
	}
	reqs := h.apiRequests(api.OppsShared.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("partnerOrg") != partner || reqs[0].Query.Get("direction") != "INBOUND" {
		t.Fatalf("requests %+v: want one with partnerOrg and direction", reqs)
	}
}

func TestOpportunityDirectionInListCallsOncePerValue(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_opportunity", columns: []string{"opportunity_id", "direction"},
		quals: eq("direction", []string{"INBOUND", "OUTBOUND"})})
	if len(rows) != len(h.sandbox.Dataset().OpportunityRows()) {
		t.Fatalf("got %d rows, want every opportunity", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range h.apiRequests(api.OppsShared.Path) {
		seen[r.Query.Get("direction")] = true
	}
	if !seen["INBOUND"] || !seen["OUTBOUND"] || len(seen) != 2 {
		t.Fatalf("directions requested: %v, want one call per IN value", seen)
	}
}

func TestOpportunityTwoInListsFallBackToSQL(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	names := h.sandbox.Dataset().PartnerNames()
	// With two IN lists the SDK passes both through; neither may filter the API call.
	rows := h.mustRun(query{table: "partnertap_opportunity", columns: []string{"opportunity_id", "direction", "partner_org"},
		quals: quals(qual("direction", "=", []string{"INBOUND", "OUTBOUND"}), qual("partner_org", "=", names[:2]))})
	if len(rows) != len(h.sandbox.Dataset().OpportunityRows()) {
		t.Fatalf("got %d rows: a superset (every row) is expected, SQL filters it", len(rows))
	}
	for _, r := range h.apiRequests(api.OppsShared.Path) {
		if r.Query.Has("direction") || r.Query.Has("partnerOrg") {
			t.Fatalf("a list qual was sent as one value: %v", r.Query)
		}
	}
}

func TestOpportunityImpossibleDirectionIsAnErrorWithoutACall(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	_, err := h.run(query{table: "partnertap_opportunity", columns: []string{"opportunity_id"}, quals: eq("direction", "inbound")})
	if err == nil || !strings.Contains(err.Error(), "direction must be one of INBOUND, OUTBOUND") || len(h.apiRequests(api.OppsShared.Path)) != 0 {
		t.Fatalf("error %v, calls %d: want the valid directions, and no call", err, len(h.apiRequests(api.OppsShared.Path)))
	}
}

func TestOpportunityShareSummaryMatchesDataset(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	rows := h.mustRun(query{table: "partnertap_opportunity_share_summary", columns: []string{"partner_org", "partner_org_id",
		"opps_shared_inbound", "opps_shared_outbound", "amount_inbound", "amount_outbound", "last_shared_date", "title"}})
	want := h.sandbox.Dataset().OpportunitySummaryRows()
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	// Independent check: the summary agrees with the opportunities themselves.
	inbound := map[string]int64{}
	for _, o := range h.sandbox.Dataset().OpportunityRows() {
		if o.Direction == "INBOUND" {
			inbound[o.PartnerOrg]++
		}
	}
	byOrg := indexBy(t, rows, "partner_org")
	for _, w := range want {
		got := byOrg[w.PartnerOrg]
		if got["opps_shared_inbound"] != w.OppsSharedInbound || got["opps_shared_outbound"] != w.OppsSharedOutbound ||
			got["amount_inbound"] != w.AmountInbound || got["amount_outbound"] != w.AmountOutbound ||
			!sameEpoch(got["last_shared_date"], w.LastSharedDate) || got["partner_org_id"] != w.PartnerOrgID || got["title"] != w.PartnerOrg {
			t.Fatalf("got %v, want %+v", got, w)
		}
		if got["opps_shared_inbound"] != inbound[w.PartnerOrg] {
			t.Fatalf("%s: summary says %v inbound, the list has %d", w.PartnerOrg, got["opps_shared_inbound"], inbound[w.PartnerOrg])
		}
	}
}
