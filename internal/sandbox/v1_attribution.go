package sandbox

import (
	"math"
	"strings"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// EventTypes are the attribution event types (ACTION_LIST and WORKFLOW are documented).
var EventTypes = []api.EventType{
	{Code: "ACTION_LIST", DisplayName: "Action List"},
	{Code: "WORKFLOW", DisplayName: "Workflow"},
	{Code: "CO_SELL_REQUEST", DisplayName: "Co-Sell Request"},
	{Code: "ACCOUNT_MAPPING", DisplayName: "Account Mapping"},
}

func (d *Dataset) eventCount() int { return max(300, d.cfg.Accounts/4) }

// attributionEvent is event e: who did what, for which account and partner, when.
type attributionEvent struct {
	record   api.Record
	typeCode string
	subtype  string
	partner  string // public id
	date     int64
}

func (d *Dataset) attributionEvent(e int) attributionEvent {
	r := d.rng(kindV1+5, e)
	acct, partner := d.account(d.eventAccount(e)), d.partners[r.IntN(len(d.partners))]
	typ := EventTypes[r.IntN(len(EventTypes))]
	if e%3 == 0 { // an event that leads to a new opportunity is one the summary counts
		typ = EventTypes[r.IntN(2)]
	}
	subtype := pick(r, eventSubtypes[typ.Code])
	date := d.eventDate(e)
	user := d.reps[r.IntN(len(d.reps))]
	rec := api.Record{
		"account_name": acct.AccountName, "crm_account_id": acct.CrmAccountID, "partner_org_name": partner.Name,
		"company_partner_public_id": partner.PublicID, "event_date": date,
		"event_type_display_name": typ.DisplayName, "event_group_display_name": typ.DisplayName,
		"event_subtype_display_name": subtype,
		"event_name":                 typ.DisplayName + " for " + acct.AccountName, "event_source": "PartnerTap",
		"event_user_name": user.Name, "event_user_email": user.Email,
		"top_parent_crm_account_id": acct.CrmAccountID, "top_parent_crm_account_name": acct.AccountName,
		"account_type": str(acct.AccountType), "industry": str(acct.Industry), "country": str(acct.Country),
		"partner_type": partner.Type, "partner_website": partner.Website, "partner_owner_name": partner.Owner,
		"custom_event_campaign_id": crmID(r), "custom_event_note": pick(r, []string{"Intro call", "Joint QBR", "Map refresh"}),
	}
	d.fillGeneric(rec, api.AttributionEventFields, r)
	return attributionEvent{record: rec, typeCode: typ.Code, subtype: subtype, partner: partner.PublicID, date: date}
}

// eventSubtypes are each event type's subtypes: the summary's four counters count the first two
// types' [doc: "Action List Downloaded"; the others ours, named after the counters].
var eventSubtypes = map[string][]string{
	"ACTION_LIST":     {subtypeActionListCreated, subtypeActionListDownloaded},
	"WORKFLOW":        {subtypeWorkflowInitiated, subtypeWorkflowIntroCompleted},
	"CO_SELL_REQUEST": {"Co-Sell Request Sent", "Co-Sell Request Accepted"},
	"ACCOUNT_MAPPING": {"Account Mapping Refreshed"},
}

const (
	subtypeActionListCreated      = "Action List Created"
	subtypeActionListDownloaded   = "Action List Downloaded"
	subtypeWorkflowInitiated      = "Workflow Initiated"
	subtypeWorkflowIntroCompleted = "Workflow Intro Completed"
)

// summaryCounters is the summary's counter of each subtype [doc: "sums across all attribution
// events linked to that new opp"].
var summaryCounters = map[string]string{
	subtypeActionListCreated:      "action_lists_created_count",
	subtypeActionListDownloaded:   "action_list_downloads_count",
	subtypeWorkflowInitiated:      "workflows_initiated_count",
	subtypeWorkflowIntroCompleted: "workflow_intros_completed_count",
}

// eventAccount and eventDate are event e's account and date, drawn from generators of their own
// so that linkedOpportunity reads them without generating the events. The second event of an
// opportunity (6o+3) is on the first's account.
func (d *Dataset) eventAccount(e int) int {
	if e%6 == 3 {
		e -= 3
	}
	return d.rng(kindV1+7, e).IntN(d.cfg.Accounts)
}

func (d *Dataset) eventDate(e int) int64 {
	return d.epochIn(d.rng(kindV1+8, e), d.cfg.AsOf.AddDate(-2, 0, 0), d.cfg.AsOf)
}

// linkedOpportunity is the new opportunity event e led to, when it led to one: every third event,
// two events (6o and 6o+3, on one account) per opportunity o.
func (d *Dataset) linkedOpportunity(e int) (api.Record, bool) {
	if e%3 != 0 {
		return nil, false
	}
	// The opportunity is one record whichever of its two events it is read through (the same id
	// carried two created dates: a filter on opp_created_date picked another event's copy), created
	// after both of them.
	o := e / 6
	r := d.rng(kindV1+6, o)
	acct := d.account(d.eventAccount(6 * o))
	created := max(d.eventDate(6*o), d.eventDate(6*o+3)) + between(r, 1, 60)*86400
	rec := api.Record{
		"opp_name": acct.AccountName + " - " + pick(r, products), "opp_crm_opportunity_id": hexID(r)[:18],
		"opp_created_date": created, "opp_crm_account_id": acct.CrmAccountID, "opp_account_name": acct.AccountName,
		"opp_stage_name": pick(r, stages), "opp_amount": "",
	}
	if !chance(r, 0.05) {
		rec["opp_amount"] = float64(between(r, 5000, 400000))
	}
	d.fillGeneric(rec, oppOnly(api.PipelineDetailFields), r)
	return rec, true
}

// oppOnly is the opportunity fields (opp_*) of a report's fields.
func oppOnly(fields []api.Field) []api.Field {
	var out []api.Field
	for _, f := range fields {
		if strings.HasPrefix(f.Key, "opp_") {
			out = append(out, f)
		}
	}
	return out
}

// attributionContext is a validated report context.
type attributionContext struct {
	partners, types    map[string]bool
	eventFrom, eventTo int64
	oppFrom, oppTo     int64
}

func (c attributionContext) keepsEvent(ev attributionEvent) bool {
	return c.partners[ev.partner] && c.types[ev.typeCode] && ev.date >= c.eventFrom && ev.date <= c.eventTo
}

func (c attributionContext) keepsOpp(opp api.Record) bool {
	created, _ := opp["opp_created_date"].(int64)
	return created >= c.oppFrom && created <= c.oppTo
}

// attributionRecords is a report's rows for a context, in event order.
func (d *Dataset) attributionRecords(reportType string, ctx attributionContext) []api.Record {
	var rows []api.Record
	summary := map[string]api.Record{}
	for e := 0; e < d.eventCount(); e++ {
		ev := d.attributionEvent(e)
		if !ctx.keepsEvent(ev) {
			continue
		}
		if reportType == api.ReportAttributionEvents {
			rows = append(rows, ev.record)
			continue
		}
		opp, ok := d.linkedOpportunity(e)
		if !ok || !ctx.keepsOpp(opp) {
			continue
		}
		created, _ := opp["opp_created_date"].(int64)
		if reportType == api.ReportPipelineDetail {
			rec := api.Record{"number_days_to_new_opp": float64((created - ev.date) / 86400)}
			for _, f := range api.PipelineDetailFields {
				if v, ok := ev.record[f.Key]; ok {
					rec[f.Key] = v
				}
			}
			for k, v := range opp {
				rec[k] = v
			}
			rows = append(rows, rec)
			continue
		}
		// One row per top parent account and new opportunity [doc].
		key := ev.record["top_parent_crm_account_id"].(string) + "/" + opp["opp_crm_opportunity_id"].(string)
		s, seen := summary[key]
		if !seen {
			s = api.Record{"top_parent_crm_account_name": ev.record["top_parent_crm_account_name"],
				"top_parent_crm_account_id":  ev.record["top_parent_crm_account_id"],
				"action_lists_created_count": 0.0, "action_list_downloads_count": 0.0, "workflows_initiated_count": 0.0,
				"workflow_intros_completed_count": 0.0, "total_attribution_events": 0.0, "total_partners": 0.0, "partners": map[string]bool{}}
			for k, v := range opp {
				if k != "number_days_to_new_opp" {
					s[k] = v
				}
			}
			summary[key] = s
			rows = append(rows, s)
		}
		s["total_attribution_events"] = s["total_attribution_events"].(float64) + 1
		counter := summaryCounters[ev.subtype]
		s[counter] = s[counter].(float64) + 1
		partners := s["partners"].(map[string]bool)
		partners[ev.partner] = true
		s["total_partners"] = float64(len(partners))
	}
	for _, s := range summary {
		delete(s, "partners")
	}
	return rows
}

// wholeContext is every partner and event type, with no date bound.
func (d *Dataset) wholeContext() attributionContext {
	ctx := attributionContext{partners: map[string]bool{}, types: map[string]bool{},
		eventFrom: math.MinInt64, eventTo: math.MaxInt64, oppFrom: math.MinInt64, oppTo: math.MaxInt64}
	for _, p := range d.partners {
		ctx.partners[p.PublicID] = true
	}
	for _, t := range EventTypes {
		ctx.types[t.Code] = true
	}
	return ctx
}
