//go:build e2e

package e2e

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// exampleChecks holds, for every example in docs/tables, what its result must be, computed
// independently from the sandbox dataset with the tests' own code (not through the API's filters).
var exampleChecks = map[string]func(t *testing.T, rows []row, d *sandbox.Dataset){
	// partnertap_dashboard
	"partnertap_dashboard.md#Adoption per division": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		want := d.DashboardRows()
		wantCount(t, rows, len(want))
		for _, w := range want {
			r := find(t, rows, "division", w.Division)
			wantNum(t, r, "sales_rep_count", float64(w.SalesRepCount))
			wantNum(t, r, "sales_rep_login_count", float64(w.SalesRepLoginCount))
			wantNum(t, r, "partnership_count", float64(w.PartnershipCount))
			wantNum(t, r, "chat_count", float64(w.ChatCount))
		}
	},
	"partnertap_dashboard.md#Login rate per division, lowest first": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var rates []float64
		for _, w := range d.DashboardRows() {
			rates = append(rates, math.Round(1000*float64(w.SalesRepLoginCount)/float64(w.SalesRepCount))/10)
		}
		sort.Float64s(rates)
		wantCount(t, rows, len(rates))
		for i, r := range rows {
			wantNum(t, r, "login_rate_pct", rates[i])
		}
	},
	"partnertap_dashboard.md#Organization-wide totals": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var reps, partnerships int64
		for _, w := range d.DashboardRows() {
			reps += w.SalesRepCount
			partnerships += w.PartnershipCount
		}
		wantCount(t, rows, 1)
		wantNum(t, rows[0], "reps", float64(reps))
		wantNum(t, rows[0], "partnerships", float64(partnerships))
	},
	"partnertap_dashboard.md#One division": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, 1)
		for _, w := range d.DashboardRows() {
			if w.Division == "EMEA" {
				wantNum(t, rows[0], "chat_count", float64(w.ChatCount))
			}
		}
	},

	// partnertap_rep_partnership_stat
	"partnertap_rep_partnership_stat.md#Reps with partner requests waiting for their answer": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.RepConnectionRows(), func(r api.RepConnections) bool { return r.PendingReceivedRequests > 0 }))
		wantNum(t, rows[0], "pending_received_requests", float64(maxRep(d, func(r api.RepConnections) int64 { return r.PendingReceivedRequests })))
	},
	"partnertap_rep_partnership_stat.md#Reps whose own requests are not answered yet": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.RepConnectionRows(), func(r api.RepConnections) bool { return r.PendingSentRequests > 0 }))
	},
	"partnertap_rep_partnership_stat.md#Reps without a single partnership": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.RepConnectionRows(), func(r api.RepConnections) bool { return r.AcceptedPartnerships == 0 }))
	},
	"partnertap_rep_partnership_stat.md#Partnership statistics per division": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		divisions := map[string]bool{}
		var partnerships int64
		for _, r := range d.RepConnectionRows() {
			divisions[deref(r.Division, "(none)")] = true
			partnerships += r.AcceptedPartnerships
		}
		wantCount(t, rows, len(divisions))
		wantNum(t, sumRow(rows, "partnerships"), "partnerships", float64(partnerships))
	},
	"partnertap_rep_partnership_stat.md#The five best-connected reps of one division": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var accepted []float64
		for _, r := range d.RepConnectionRows() {
			if deref(r.Division, "") == "EMEA" {
				accepted = append(accepted, float64(r.AcceptedPartnerships))
			}
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(accepted)))
		wantColumn(t, rows, "accepted_partnerships", accepted[:5])
	},

	// partnertap_opportunity
	"partnertap_opportunity.md#Largest open opportunities you shared": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var amounts []float64
		for _, o := range d.OpportunityRows() {
			if o.Direction == "OUTBOUND" && !o.IsClosed && o.Amount != nil {
				amounts = append(amounts, *o.Amount)
			}
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(amounts)))
		wantColumn(t, rows, "amount", amounts[:10])
	},
	"partnertap_opportunity.md#Open opportunities past their close date": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		now := time.Now().Unix()
		wantCount(t, rows, countWhere(d.OpportunityRows(), func(o api.SharedOpportunity) bool { return !o.IsClosed && o.CloseDate != nil && *o.CloseDate < now }))
	},
	"partnertap_opportunity.md#Won amount per partner and direction": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		groups := map[string]bool{}
		won := 0
		for _, o := range d.OpportunityRows() {
			if o.IsWon {
				groups[o.PartnerOrg+o.Direction] = true
				won++
			}
		}
		wantCount(t, rows, len(groups))
		wantNum(t, sumRow(rows, "won"), "won", float64(won))
	},
	"partnertap_opportunity.md#Everything one partner shared with you": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.OpportunityRows(), func(o api.SharedOpportunity) bool { return o.PartnerOrg == "Oliver Wyman" && o.Direction == "INBOUND" }))
	},
	"partnertap_opportunity.md#Opportunities shared per year": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		years := map[int]bool{}
		for _, o := range d.OpportunityRows() {
			years[time.Unix(o.SharedDate, 0).UTC().Year()] = true
		}
		wantCount(t, rows, len(years))
		wantNum(t, sumRow(rows, "outbound"), "outbound", float64(countWhere(d.OpportunityRows(), func(o api.SharedOpportunity) bool { return o.Direction == "OUTBOUND" })))
	},

	// partnertap_opportunity_share_summary
	"partnertap_opportunity_share_summary.md#Partners by amount shared": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(d.OpportunitySummaryRows()))
	},
	"partnertap_opportunity_share_summary.md#Partners you share with who never share back": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		inbound := map[string]int{}
		partners := map[string]bool{}
		for _, o := range d.OpportunityRows() {
			partners[o.PartnerOrg] = true
			if o.Direction == "INBOUND" {
				inbound[o.PartnerOrg]++
			}
		}
		want := 0
		for p := range partners {
			if inbound[p] == 0 {
				want++
			}
		}
		if want == 0 {
			t.Fatal("the dataset has no partner that never shares back: the example shows nothing")
		}
		wantCount(t, rows, want)
	},
	"partnertap_opportunity_share_summary.md#Reciprocity: inbound opportunities per outbound one": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(d.OpportunitySummaryRows()))
	},
	"partnertap_opportunity_share_summary.md#The summary checked against the opportunities": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(d.OpportunitySummaryRows()))
		for _, r := range rows {
			if num(r["opps_shared_inbound"]) != num(r["inbound_listed"]) {
				t.Errorf("%v: the summary and the list disagree", r)
			}
		}
	},

	// partnertap_sale_account
	"partnertap_sale_account.md#Account overlap per partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		partners := map[string]bool{}
		for _, m := range d.MatchedAccountRows() {
			partners[*m.PartnerOrg] = true
		}
		wantCount(t, rows, len(partners))
		wantNum(t, sumRow(rows, "matched_accounts"), "matched_accounts", float64(len(d.MatchedAccountRows())))
	},
	"partnertap_sale_account.md#Accounts you share with one partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.MatchedAccountRows(), func(m api.SaleAccount) bool { return *m.PartnerOrg == "Oliver Wyman" }))
	},
	"partnertap_sale_account.md#Accounts several partners have": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		perAccount := map[string]int{}
		for _, m := range d.MatchedAccountRows() {
			perAccount[m.CrmAccountID]++
		}
		want := 0
		for _, n := range perAccount {
			if n > 2 {
				want++
			}
		}
		wantCount(t, rows, want)
	},
	"partnertap_sale_account.md#Matched accounts without an owner in your CRM": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.MatchedAccountRows(), func(m api.SaleAccount) bool { return m.OwnerName == nil }))
	},
	"partnertap_sale_account.md#Find accounts by name, CRM id or website": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		has := func(a api.SaleAccount) bool {
			return strings.Contains(strings.ToLower(a.AccountName), "tech") || strings.Contains(strings.ToLower(a.CrmAccountID), "tech") ||
				(a.Website != nil && strings.Contains(strings.ToLower(*a.Website), "tech"))
		}
		want := countWhere(d.MatchedAccountRows(), has)
		for _, a := range d.UnmatchedAccountRows() {
			if has(a) {
				want++
			}
		}
		wantCount(t, rows, want)
	},
	"partnertap_sale_account.md#Unmatched accounts per industry": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		industries := map[string]bool{}
		unmatched := d.UnmatchedAccountRows()
		for _, a := range unmatched {
			industries[deref(a.Industry, "(unknown)")] = true
		}
		wantCount(t, rows, len(industries))
		wantNum(t, sumRow(rows, "unmatched_accounts"), "unmatched_accounts", float64(len(unmatched)))
	},

	// partnertap_chat_exchange
	"partnertap_chat_exchange.md#Most active rep and partner pairs": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var counts []float64
		for _, c := range d.ChatExchangeRows() {
			counts = append(counts, float64(c.ChatCount))
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(counts)))
		wantColumn(t, rows, "chat_count", counts[:10])
	},
	"partnertap_chat_exchange.md#Chats per partner org": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		partners := map[string]bool{}
		var chats int64
		for _, c := range d.ChatExchangeRows() {
			partners[c.PartnerOrg] = true
			chats += c.ChatCount
		}
		wantCount(t, rows, len(partners))
		wantNum(t, sumRow(rows, "chats"), "chats", float64(chats))
	},
	"partnertap_chat_exchange.md#Reps who chat with a partner but leave partner requests unanswered": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		chatting := map[string]bool{}
		for _, c := range d.ChatExchangeRows() {
			chatting[c.RepID] = true
		}
		wantCount(t, rows, countWhere(d.RepConnectionRows(), func(r api.RepConnections) bool { return r.PendingReceivedRequests > 0 && chatting[r.RepID] }))
	},
	"partnertap_chat_exchange.md#Reps one partner talks to": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		n := 0
		for _, c := range d.ChatExchangeRows() {
			if c.PartnerOrg == "Oliver Wyman" {
				n++
			}
		}
		wantCount(t, rows, n)
	},

	// partnertap_rep_chat
	"partnertap_rep_chat.md#Longest conversations": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		var counts []float64
		for _, c := range d.RepChatRows() {
			counts = append(counts, float64(c.MessageCount))
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(counts)))
		wantColumn(t, rows, "message_count", counts[:10])
	},
	"partnertap_rep_chat.md#Chats of one rep": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.RepChatRows(), func(c api.RepChat) bool { return c.RepID == "43d650050a944ce0d2aded4eb224b3b7" }))
	},
	"partnertap_rep_chat.md#Conversations quiet for more than 90 days, per partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		cutoff := time.Now().Add(-90 * 24 * time.Hour).Unix()
		quiet := countWhere(d.RepChatRows(), func(c api.RepChat) bool { return c.LastMessageDate < cutoff })
		wantNum(t, sumRow(rows, "quiet_chats"), "quiet_chats", float64(quiet))
	},
	"partnertap_rep_chat.md#Partner reps each of your reps knows, with the reps' statistics": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		known := map[string]map[string]bool{}
		for _, c := range d.RepChatRows() {
			if known[c.RepID] == nil {
				known[c.RepID] = map[string]bool{}
			}
			known[c.RepID][c.PartnerRepEmail] = true
		}
		var counts []float64
		for _, emails := range known {
			counts = append(counts, float64(len(emails)))
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(counts)))
		wantColumn(t, rows, "partner_reps_known", counts[:10])
	},

	// partnertap_dashboard_history
	"partnertap_dashboard_history.md#Monthly chats per division over the last year": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		from := time.Now().AddDate(-1, 0, 0)
		n := 0
		for _, p := range d.HistoryRows("MONTH", from, d.Config().AsOf) {
			if p.PeriodStart >= from.Unix() {
				n++
			}
		}
		wantCount(t, rows, n)
	},
	"partnertap_dashboard_history.md#Weekly partnerships of one division in a quarter": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
		n := 0
		for _, p := range d.HistoryRows("WEEK", from, to) {
			if p.Division == "EMEA" && p.PeriodStart >= from.Unix() && p.PeriodStart <= to.Unix() {
				n++
			}
		}
		wantCount(t, rows, n)
	},
	"partnertap_dashboard_history.md#Partnerships gained per month, organization-wide": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		months := map[int64]bool{}
		for _, p := range d.HistoryRows("MONTH", time.Unix(0, 0), d.Config().AsOf) {
			months[p.PeriodStart] = true
		}
		wantCount(t, rows, len(months))
	},
}

func wantCount(t *testing.T, rows []row, n int) {
	t.Helper()
	if len(rows) != n {
		t.Fatalf("got %d rows, want %d", len(rows), n)
	}
	if n == 0 {
		t.Fatal("the example shows no row on the sandbox dataset: pick a filter that finds something")
	}
}

// num reads a number from Steampipe's JSON output, where numeric (e.g. sum of bigint) is a string.
func num(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case string:
		f, err := strconv.ParseFloat(n, 64)
		if err == nil {
			return f
		}
	}
	return math.NaN()
}

func wantNum(t *testing.T, r row, column string, want float64) {
	t.Helper()
	if math.Abs(num(r[column])-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v (row %v)", column, r[column], want, r)
	}
}

// wantColumn checks a column's values, in the rows' order.
func wantColumn(t *testing.T, rows []row, column string, want []float64) {
	t.Helper()
	wantCount(t, rows, len(want))
	for i, w := range want {
		wantNum(t, rows[i], column, w)
	}
}

func find(t *testing.T, rows []row, column, value string) row {
	t.Helper()
	for _, r := range rows {
		if r[column] == value {
			return r
		}
	}
	t.Fatalf("no row with %s = %q", column, value)
	return nil
}

func sumRow(rows []row, column string) row {
	total := 0.0
	for _, r := range rows {
		total += num(r[column])
	}
	return row{column: total}
}

func deref(s *string, otherwise string) string {
	if s == nil {
		return otherwise
	}
	return *s
}

// countWhere counts the rows keep keeps.
func countWhere[T any](rows []T, keep func(T) bool) int {
	n := 0
	for _, r := range rows {
		if keep(r) {
			n++
		}
	}
	return n
}

func maxRep(d *sandbox.Dataset, value func(api.RepConnections) int64) int64 {
	var m int64
	for _, r := range d.RepConnectionRows() {
		m = max(m, value(r))
	}
	return m
}
