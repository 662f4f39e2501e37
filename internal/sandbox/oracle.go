package sandbox

import (
	"fmt"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// The oracle: whole, unfiltered collections, so tests can filter them with their own code and
// compare with what the plugin returned through the API's filters.

// DashboardRows is the dashboard of every division.
func (d *Dataset) DashboardRows() []api.DivisionDashboard { return d.dashboard("") }

// RepConnectionRows is the partnership statistics of every rep.
func (d *Dataset) RepConnectionRows() []api.RepConnections { return collect(d.repConnections("")) }

// OpportunitySummaryRows is the per-partner opportunity summary.
func (d *Dataset) OpportunitySummaryRows() []api.OppShareSummary { return d.opps.summary }

// OpportunityRows is every shared opportunity.
func (d *Dataset) OpportunityRows() []api.SharedOpportunity {
	return collect(d.opportunityView(-1, ""))
}

// MatchedAccountRows is every account × partner match.
func (d *Dataset) MatchedAccountRows() []api.SaleAccount {
	refs := d.matchedRefs(-1)
	rows := make([]api.SaleAccount, refs.n)
	for i := range rows {
		rows[i] = d.saleAccountRow(refs.at(i), true)
	}
	return rows
}

// UnmatchedAccountRows is every account no partner has, without partner fields.
func (d *Dataset) UnmatchedAccountRows() []api.SaleAccount {
	matched := map[string]bool{}
	for _, m := range d.MatchedAccountRows() {
		matched[m.SaleAccountID] = true
	}
	var out []api.SaleAccount
	for _, a := range d.AccountRows() {
		if !matched[a.SaleAccountID] {
			out = append(out, a)
		}
	}
	return out
}

// AccountRows is every account, without partner fields.
func (d *Dataset) AccountRows() []api.SaleAccount {
	rows := make([]api.SaleAccount, d.cfg.Accounts)
	for i := range rows {
		rows[i] = d.account(i)
	}
	return rows
}

// ChatExchangeRows is every rep × partner chat exchange.
func (d *Dataset) ChatExchangeRows() []api.ChatExchange { return d.chats.exchanges }

// RepChatRows is every chat.
func (d *Dataset) RepChatRows() []api.RepChat { return d.chats.conversations }

// HistoryRows is the dashboard history of every division, by interval, between from and to.
func (d *Dataset) HistoryRows(interval string, from, to time.Time) []api.DashboardPoint {
	return d.dashboardHistory(historyQuery{from: from, to: to, interval: interval})
}

// PartnerNames lists the partner orgs' names.
func (d *Dataset) PartnerNames() []string {
	names := make([]string, len(d.partners))
	for i, p := range d.partners {
		names[i] = p.Name
	}
	return names
}

func collect[T any](v view[T]) []T {
	rows := make([]T, v.n)
	for i := range rows {
		rows[i] = v.at(i)
	}
	return rows
}

// AttributionEventCount is how many attribution events the dataset has.
func (d *Dataset) AttributionEventCount() int { return d.eventCount() }

// MintDemoToken mints a JWT for the demo key, as GET /api/auth would.
func (s *Server) MintDemoToken() (string, error) { return s.mintToken(s.keys[DemoAPIKey], s.now()) }

// PartnerOrgRecords is every connected partner org as the v1 channel ecosystem answers it.
func (d *Dataset) PartnerOrgRecords() []api.Record {
	return collect(view[api.Record]{n: len(d.partners), at: d.partnerOrgRecord})
}

// MatchedAccountRecords is every partner's matched accounts, as the v1 channel ecosystem answers them.
func (d *Dataset) MatchedAccountRecords() []api.Record {
	var out []api.Record
	for p := range d.partners {
		for _, a := range d.accounts.byPartner[p] {
			out = append(out, d.matchedAccountRecord(int(a), p))
		}
	}
	return out
}

// ReportRecords is a report's every row, attribution reports over every partner and event type.
func (d *Dataset) ReportRecords(reportType string) []api.Record {
	switch reportType {
	case api.ReportGlobalAccounts:
		refs := d.matchedRefs(-1)
		return collect(view[api.Record]{n: refs.n, at: func(i int) api.Record { return d.globalAccountRecord(refs.at(i)) }})
	case api.ReportGlobalOpportunities:
		return collect(view[api.Record]{n: len(d.opps.overlaps), at: d.globalOpportunityRecord})
	}
	return d.attributionRecords(reportType, d.wholeContext())
}

// ColumnCount is how many columns /columns lists for list; for the matched accounts, summed over
// every partner (each shares its own fields).
func (d *Dataset) ColumnCount(list string) int {
	if list != api.ChannelMatchedAccounts {
		return len(d.columns(d.orgs[DemoOrg], list, -1))
	}
	n := 0
	for p := range d.partners {
		n += len(d.columns(d.orgs[DemoOrg], list, p))
	}
	return n
}

// ReadOracle is what a churn's change log says of a read of a list over [first, last] (the
// first and last requests of it): the keys present for the whole read, which it must return
// exactly once, and the keys present at some time of it, the only ones it may return.
type ReadOracle struct {
	Throughout, Ever map[string]bool
	During           int // changes made to the list during the read
}

// NewReadOracle reads log from base, the list's keys before the churn was set; list is the list's
// name in the log (Change.List).
func NewReadOracle(base []string, log []Change, list string, first, last time.Time) ReadOracle {
	o := ReadOracle{Throughout: map[string]bool{}, Ever: map[string]bool{}}
	for _, k := range base {
		o.Throughout[k], o.Ever[k] = true, true
	}
	for _, c := range log {
		if c.List != list || c.At.After(last) {
			continue
		}
		before := !c.At.After(first) // a change to the list the read starts from
		if !before {
			o.During++
		}
		switch c.Op {
		case "insert":
			o.Ever[c.Key] = true
			if before {
				o.Throughout[c.Key] = true
			}
		case "delete":
			delete(o.Throughout, c.Key)
			if before {
				delete(o.Ever, c.Key)
			}
		}
	}
	return o
}

// Check returns what is wrong with the keys a read returned: a key twice, one never in the list
// during the read, or one missing that was in it all along; "" when the read kept its promise.
func (o ReadOracle) Check(keys []string) string {
	got := map[string]bool{}
	for _, k := range keys {
		if got[k] {
			return fmt.Sprintf("row %q came back twice", k)
		}
		if !o.Ever[k] {
			return fmt.Sprintf("row %q was never in the list during the read", k)
		}
		got[k] = true
	}
	for k := range o.Throughout {
		if !got[k] {
			return fmt.Sprintf("row %q, in the list for the whole read, is missing (%d rows, %d present throughout)", k, len(keys), len(o.Throughout))
		}
	}
	return ""
}
