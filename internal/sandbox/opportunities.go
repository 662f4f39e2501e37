package sandbox

import (
	"math"
	"sort"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// oppIndex is what the sandbox keeps of its shared opportunities: the partner and direction of
// each (to filter without generating), and the per-partner summary.
type oppIndex struct {
	partner  []uint16
	outbound []bool
	summary  []api.OppShareSummary
	// overlaps are the Global Opp Overlap List's rows: each opportunity once per partner that
	// its account overlaps with [doc], in opportunity order.
	overlaps []oppOverlap
}

type oppOverlap struct {
	opp     int32
	partner uint16
}

var (
	stages   = []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"}
	products = []string{"Platform Expansion", "New Logo", "Renewal", "Professional Services", "Security Add-on", "Data Migration", "Analytics Suite"}
)

// oppCore is the part of an opportunity drawn from the generator before any name: enough for the
// summary, so the index is built without generating names.
type oppCore struct {
	partner    int
	outbound   bool
	account    int
	rep        int
	stage      *string
	amount     *float64
	sharedDate int64
	closeDate  *int64
}

func (d *Dataset) oppCoreOf(i int) oppCore {
	r := d.rng(kindOpportunity, i)
	c := oppCore{
		partner:  r.IntN(len(d.partners)),
		outbound: chance(r, 0.55),
		account:  r.IntN(d.cfg.Accounts),
		rep:      r.IntN(len(d.reps)),
	}
	if c.partner%8 == 5 {
		c.outbound = true // some partners take opportunities and never share one back
	}
	if !chance(r, 0.03) {
		c.stage = ptr(pick(r, stages))
	}
	if !chance(r, 0.05) {
		// log-uniform between 5k and 750k, rounded to cents
		amount := math.Round(5000*math.Exp(r.Float64()*math.Log(150))*100) / 100
		c.amount = &amount
	}
	p := d.partners[c.partner]
	c.sharedDate = d.epochIn(r, time.Unix(p.FirstConnect, 0), d.cfg.AsOf)
	if !chance(r, 0.03) {
		c.closeDate = ptr(c.sharedDate + between(r, 20, 270)*86400)
	}
	return c
}

func (d *Dataset) indexOpportunities() oppIndex {
	n := d.cfg.Opportunities
	idx := oppIndex{partner: make([]uint16, n), outbound: make([]bool, n)}
	summaries := make([]*api.OppShareSummary, len(d.partners))
	for i := 0; i < n; i++ {
		c := d.oppCoreOf(i)
		idx.partner[i], idx.outbound[i] = uint16(c.partner), c.outbound
		for _, p := range d.matchesOf(c.account) {
			idx.overlaps = append(idx.overlaps, oppOverlap{opp: int32(i), partner: uint16(p)})
		}
		s := summaries[c.partner]
		if s == nil {
			p := d.partners[c.partner]
			s = &api.OppShareSummary{PartnerOrg: p.Name, PartnerOrgID: p.ID}
			summaries[c.partner] = s
		}
		amount := 0.0
		if c.amount != nil {
			amount = *c.amount
		}
		if c.outbound {
			s.OppsSharedOutbound++
			s.AmountOutbound += amount
		} else {
			s.OppsSharedInbound++
			s.AmountInbound += amount
		}
		if s.LastSharedDate == nil || c.sharedDate > *s.LastSharedDate {
			s.LastSharedDate = ptr(c.sharedDate)
		}
	}
	for _, s := range summaries {
		if s != nil {
			s.AmountInbound = math.Round(s.AmountInbound*100) / 100
			s.AmountOutbound = math.Round(s.AmountOutbound*100) / 100
			idx.summary = append(idx.summary, *s)
		}
	}
	sort.SliceStable(idx.summary, func(a, b int) bool { return idx.summary[a].PartnerOrg < idx.summary[b].PartnerOrg })
	return idx
}

// opportunity generates shared opportunity i.
func (d *Dataset) opportunity(i int) api.SharedOpportunity {
	c := d.oppCoreOf(i)
	acct := d.account(c.account)
	p, rep := d.partners[c.partner], d.reps[c.rep]
	o := api.SharedOpportunity{
		OpportunityID:   hexID(d.rng(kindOpportunity, i+d.cfg.Opportunities)),
		OpportunityName: acct.AccountName + " - " + pick(d.rng(kindOpportunity, -i-1), products),
		AccountName:     acct.AccountName,
		PartnerOrg:      p.Name, PartnerOrgID: p.ID,
		Direction:  api.DirectionInbound,
		StageName:  c.stage,
		Amount:     c.amount,
		CloseDate:  c.closeDate,
		SharedDate: c.sharedDate,
		RepName:    rep.Name, EmailAddress: rep.Email,
	}
	if c.outbound {
		o.Direction = api.DirectionOutbound
		o.CrmAccountID = ptr(acct.CrmAccountID) // only our own CRM id is known for what we share
	}
	if c.stage != nil {
		o.IsClosed = *c.stage == "Closed Won" || *c.stage == "Closed Lost"
		o.IsWon = *c.stage == "Closed Won"
	}
	return o
}

// opportunityView lists the opportunities for a partner (-1 for all) and direction ("" for both).
func (d *Dataset) opportunityView(partner int, direction string) view[api.SharedOpportunity] {
	var ids []int32
	all := partner < 0 && direction == ""
	if !all {
		for i := range d.opps.partner {
			if partner >= 0 && int(d.opps.partner[i]) != partner {
				continue
			}
			if direction != "" && d.opps.outbound[i] != (direction == api.DirectionOutbound) {
				continue
			}
			ids = append(ids, int32(i))
		}
	}
	if all {
		return view[api.SharedOpportunity]{n: d.cfg.Opportunities, at: d.opportunity}
	}
	return view[api.SharedOpportunity]{n: len(ids), at: func(r int) api.SharedOpportunity { return d.opportunity(int(ids[r])) }}
}
