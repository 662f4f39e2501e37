package sandbox

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// legacyRoutes mounts the legacy Analytics API: GET endpoints behind the JWT.
func (s *Server) legacyRoutes(mux *http.ServeMux) {
	handle := func(ep api.Endpoint, h http.HandlerFunc) {
		mux.HandleFunc("GET "+ep.Path, s.withToken(s.pages.wrap(s, h)))
	}
	handle(api.DashboardByDivision, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.dataOf(r).dashboard(r.URL.Query().Get(api.ParamDivision)))
	})
	handle(api.NewRepConnections, func(w http.ResponseWriter, r *http.Request) {
		s.servePage(w, r, api.NewRepConnections, s.dataOf(r).repConnections(r.URL.Query().Get(api.ParamDivision)))
	})
	handle(api.OppsSharedSummary, func(w http.ResponseWriter, r *http.Request) {
		s.servePage(w, r, api.OppsSharedSummary, sliceView(s.dataOf(r).opps.summary))
	})
	handle(api.OppsShared, func(w http.ResponseWriter, r *http.Request) {
		direction := r.URL.Query().Get(api.ParamDirection)
		if direction != "" && direction != api.DirectionInbound && direction != api.DirectionOutbound {
			writeError(w, r, http.StatusBadRequest, "direction must be INBOUND or OUTBOUND")
			return
		}
		partner, ok := s.partnerFilter(r)
		if !ok {
			s.servePage(w, r, api.OppsShared, view[api.SharedOpportunity]{})
			return
		}
		s.servePage(w, r, api.OppsShared, s.dataOf(r).opportunityView(partner, direction))
	})
	handle(api.SaleAccountsMatched, s.saleAccounts(api.SaleAccountsMatched, true))
	handle(api.SaleAccountsUnmatched, s.saleAccounts(api.SaleAccountsUnmatched, false))
	handle(api.ChatsExchanged, func(w http.ResponseWriter, r *http.Request) {
		org := r.URL.Query().Get(api.ParamPartnerOrg)
		s.servePage(w, r, api.ChatsExchanged, filtered(sliceView(s.dataOf(r).chats.exchanges), func(c api.ChatExchange) bool {
			return org == "" || c.PartnerOrg == org
		}))
	})
	handle(api.RepChats, func(w http.ResponseWriter, r *http.Request) {
		org, rep := r.URL.Query().Get(api.ParamPartnerOrg), r.URL.Query().Get(api.ParamRepID)
		s.servePage(w, r, api.RepChats, filtered(sliceView(s.dataOf(r).chats.conversations), func(c api.RepChat) bool {
			return (org == "" || c.PartnerOrg == org) && (rep == "" || c.RepID == rep)
		}))
	})
	handle(api.DashboardHistory, func(w http.ResponseWriter, r *http.Request) {
		q, msg := s.readHistoryQuery(r)
		if msg != "" {
			writeError(w, r, http.StatusBadRequest, msg)
			return
		}
		writeJSON(w, http.StatusOK, s.dataOf(r).dashboardHistory(q))
	})
}

// withToken answers 401 or 403 unless the request carries a valid JWT with API access.
func (s *Server) withToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if status, err := s.checkToken(r); err != nil {
			writeError(w, r, status, err.Error())
			return
		}
		h(w, r)
	}
}

// servePage answers one page of a view, as the churn has changed it by now.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, ep api.Endpoint, v anyView) {
	params := readPageParams(r, ep.SortFields)
	params.list, params.orders = s.listName(r), s.orders
	if churned, version, ok := v.churned(&s.churn, params.list, ep.Path); ok {
		v, params.list = churned, version
	}
	if shift := s.faults.get().ShiftRows; shift > 0 && params.number > 0 {
		params.frontCopies = shift // rows inserted while the client was paging
	}
	writeJSON(w, http.StatusOK, v.page(params))
}

// listName names the list a request reads: its org, endpoint, filters and sort, all but the page.
func (s *Server) listName(r *http.Request) string {
	q := r.URL.Query()
	q.Del(api.ParamPage)
	q.Del(api.ParamSize)
	return s.orgOf(r).name + " " + r.URL.Path + "?" + q.Encode()
}

// partnerFilter reads partnerOrg: -1 for no filter; ok is false for an org that does not exist.
func (s *Server) partnerFilter(r *http.Request) (int, bool) {
	name := r.URL.Query().Get(api.ParamPartnerOrg)
	if name == "" {
		return -1, true
	}
	return s.dataOf(r).partnerByName(name)
}

func (s *Server) saleAccounts(ep api.Endpoint, matched bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		partner, ok := s.partnerFilter(r)
		if !ok {
			s.servePage(w, r, ep, view[api.SaleAccount]{})
			return
		}
		d := s.dataOf(r)
		refs := d.unmatchedRefs(partner)
		if matched {
			refs = d.matchedRefs(partner)
		}
		rows := view[api.SaleAccount]{n: refs.n, at: func(i int) api.SaleAccount { return d.saleAccountRow(refs.at(i), matched) }}
		if search := r.URL.Query().Get(api.ParamSearch); search != "" {
			rows = filtered(rows, func(a api.SaleAccount) bool { return accountMatchesSearch(a, search) })
		}
		s.servePage(w, r, ep, rows)
	}
}

// repConnections is the partnership statistics of the reps of a division ("" for all).
func (d *Dataset) repConnections(division string) view[api.RepConnections] {
	var rows []api.RepConnections
	for _, rep := range d.reps {
		if division != "" && (rep.Division == nil || *rep.Division != division) {
			continue
		}
		rows = append(rows, api.RepConnections{
			RepID: rep.ID, RepName: rep.Name, EmailAddress: rep.Email, Division: rep.Division,
			NewConnections: rep.NewConnections, PendingReceivedRequests: rep.PendingReceived,
			PendingSentRequests: rep.PendingSent, AcceptedPartnerships: rep.AcceptedPartners,
		})
	}
	return sliceView(rows)
}

// readHistoryQuery validates the dashboard history parameters; from defaults to a year before the
// dataset's date, to to that date, interval to MONTH [ours].
func (s *Server) readHistoryQuery(r *http.Request) (historyQuery, string) {
	q := r.URL.Query()
	asOf := s.dataOf(r).cfg.AsOf
	h := historyQuery{division: q.Get(api.ParamDivision), from: asOf.AddDate(-1, 0, 0), to: asOf, interval: "MONTH"}
	for param, dest := range map[string]*time.Time{api.ParamFrom: &h.from, api.ParamTo: &h.to} {
		if v := q.Get(param); v != "" {
			secs, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return h, param + " must be epoch seconds"
			}
			*dest = time.Unix(secs, 0).UTC()
		}
	}
	if v := q.Get(api.ParamInterval); v != "" {
		if !slices.Contains(api.Intervals, v) {
			return h, "interval must be DAY, WEEK or MONTH"
		}
		h.interval = v
	}
	if h.from.After(h.to) {
		return h, "from must not be after to"
	}
	return h, ""
}
