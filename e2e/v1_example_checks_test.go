//go:build e2e

package e2e

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func init() {
	for k, v := range v1ExampleChecks {
		exampleChecks[k] = v
	}
}

// v1ExampleChecks are the checks of the v1 tables' examples, computed from the dataset's records.
var v1ExampleChecks = map[string]func(t *testing.T, rows []row, d *sandbox.Dataset){
	"partnertap_partner_org.md#Partners by type": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(distinct(d.PartnerOrgRecords(), "partnerType", nil)))
		wantNum(t, sumRow(rows, "partners"), "partners", float64(len(d.PartnerOrgRecords())))
	},
	"partnertap_partner_org.md#Recommended partners connected most recently": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.PartnerOrgRecords(), func(r api.Record) bool { return r["recommended"] == true }))
	},
	"partnertap_partner_org.md#Resellers, by owner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.PartnerOrgRecords(), func(r api.Record) bool { return r["partnerType"] == "Reseller" }))
	},
	"partnertap_matched_account.md#Overlap with one partner, by name": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.MatchedAccountRecords(), func(r api.Record) bool { return r["companyPartnerName"] == "Oliver Wyman" }))
	},
	"partnertap_matched_account.md#Overlapping accounts per partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(distinct(d.MatchedAccountRecords(), "companyPartnerName", nil)))
		wantNum(t, sumRow(rows, "overlapping_accounts"), "overlapping_accounts", float64(len(d.MatchedAccountRecords())))
	},
	"partnertap_matched_account.md#What each partner shares": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		pairs := map[string]bool{}
		for _, r := range d.MatchedAccountRecords() {
			for k := range r["partnerFields"].(map[string]any) {
				pairs[r["companyPartnerName"].(string)+"|"+k] = true
			}
		}
		wantCount(t, rows, len(pairs))
	},
	"partnertap_matched_account.md#Overlap per region, with the partner's country": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		recs := d.MatchedAccountRecords()
		shares := func(r api.Record) bool { return r["partnerFields"].(map[string]any)["partnercountry"] != nil }
		wantCount(t, rows, len(distinct(recs, "custom_region", nil)))
		wantNum(t, sumRow(rows, "accounts"), "accounts", float64(len(recs)))
		wantNum(t, sumRow(rows, "with_partner_country"), "with_partner_country", float64(countWhere(recs, shares)))
	},
	"partnertap_global_overlap_account.md#Largest overlapping customer accounts": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(10, countWhere(d.ReportRecords(api.ReportGlobalAccounts), func(r api.Record) bool {
			n, ok := r["annual_revenue"].(float64)
			return r["account_type"] == "Customer" && ok && n >= 500000
		})))
	},
	"partnertap_global_overlap_account.md#Overlap per partner and industry": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		in := func(r api.Record) bool { return r["industry"] == "Software" || r["industry"] == "Healthcare" }
		wantCount(t, rows, len(distinct(d.ReportRecords(api.ReportGlobalAccounts), "partner_org_name|industry", in)))
		wantNum(t, sumRow(rows, "accounts"), "accounts", float64(countWhere(d.ReportRecords(api.ReportGlobalAccounts), in)))
	},
	"partnertap_global_overlap_account.md#Accounts by custom tier": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(distinct(d.ReportRecords(api.ReportGlobalAccounts), "custom_tier", nil)))
	},
	"partnertap_global_overlap_account.md#Matches made this year": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		recent := func(r api.Record) bool { v, ok := r["partner_first_match_date"].(int64); return ok && v >= since }
		wantNum(t, sumRow(rows, "new_matches"), "new_matches", float64(countWhere(d.ReportRecords(api.ReportGlobalAccounts), recent)))
	},
	"partnertap_global_overlap_opportunity.md#Open pipeline per partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		open := func(r api.Record) bool { return r["is_closed"] == false }
		wantNum(t, sumRow(rows, "open_opportunities"), "open_opportunities", float64(countWhere(d.ReportRecords(api.ReportGlobalOpportunities), open)))
	},
	"partnertap_global_overlap_opportunity.md#Won deals on overlapping accounts": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.ReportRecords(api.ReportGlobalOpportunities), func(r api.Record) bool {
			n, ok := r["amount"].(float64)
			return r["is_won"] == true && ok && n > 100000
		}))
	},
	"partnertap_global_overlap_opportunity.md#Opportunities without an amount": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.ReportRecords(api.ReportGlobalOpportunities), func(r api.Record) bool { return r["amount"] == nil || r["amount"] == "" }))
	},
	"partnertap_attribution_event.md#Events per type and partner": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(20, len(distinct(d.ReportRecords(api.ReportAttributionEvents), "event_type_display_name|partner_org_name", nil))))
	},
	"partnertap_attribution_event.md#Workflows in a quarter": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC).Unix()
		wantCount(t, rows, countWhere(d.ReportRecords(api.ReportAttributionEvents), func(r api.Record) bool {
			date := r["event_date"].(int64)
			return r["event_type_display_name"] == "Workflow" && date >= from && date <= to
		}))
	},
	"partnertap_attribution_event.md#The reps behind the events": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(10, len(distinct(d.ReportRecords(api.ReportAttributionEvents), "event_user_name", nil))))
	},
	"partnertap_pipeline_attribution_detail.md#Days from partner event to new opportunity": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(distinct(d.ReportRecords(api.ReportPipelineDetail), "event_type_display_name", nil)))
		wantNum(t, sumRow(rows, "opportunities"), "opportunities", float64(len(d.ReportRecords(api.ReportPipelineDetail))))
	},
	"partnertap_pipeline_attribution_detail.md#Pipeline sourced by one partner's events": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, countWhere(d.ReportRecords(api.ReportPipelineDetail), func(r api.Record) bool { return r["partner_org_name"] == "Oliver Wyman" }))
	},
	"partnertap_pipeline_attribution_summary.md#Opportunities with the most partner touches": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(10, len(d.ReportRecords(api.ReportPipelineSummary))))
	},
	"partnertap_pipeline_attribution_summary.md#Partner-influenced pipeline by stage": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, len(distinct(d.ReportRecords(api.ReportPipelineSummary), "opp_stage_name", nil)))
		wantNum(t, sumRow(rows, "opportunities"), "opportunities", float64(len(d.ReportRecords(api.ReportPipelineSummary))))
	},
	"partnertap_report_column.md#Columns per report": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, 2+len(api.ReportTypes))
		total := 0
		for _, r := range append([]string{api.ChannelConnectedPartnerOrgs, api.ChannelMatchedAccounts}, api.ReportTypes...) {
			total += d.ColumnCount(r)
		}
		wantNum(t, sumRow(rows, "columns"), "columns", float64(total))
	},
	"partnertap_report_column.md#The fields each partner shares on your matched accounts": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		shared := map[string]bool{} // partner and key, from the records' partnerFields
		for _, r := range d.MatchedAccountRecords() {
			for key := range r["partnerFields"].(map[string]any) {
				shared[r["companyPartnerPublicId"].(string)+"/"+key] = true
			}
		}
		wantCount(t, rows, len(shared))
	},
	"partnertap_report_column.md#Your custom CRM columns in every report": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		custom := map[string]bool{} // report and key of the records' custom_ keys that are not standard
		lists := map[string][]api.Record{api.ChannelMatchedAccounts: d.MatchedAccountRecords()}
		for _, r := range api.ReportTypes {
			lists[r] = d.ReportRecords(r)
		}
		for list, recs := range lists {
			for _, r := range recs {
				for key := range r {
					if strings.HasPrefix(key, api.CustomFieldPrefix) && !slices.ContainsFunc(api.ReportFields(list), func(f api.Field) bool { return f.Key == key }) {
						custom[list+"/"+key] = true
					}
				}
			}
		}
		wantCount(t, rows, len(custom))
	},
	"partnertap_pipeline_attribution_summary.md#Which partner events led to each opportunity": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(10, len(d.ReportRecords(api.ReportPipelineSummary))))
		for _, r := range rows {
			sum := num(r["action_lists_created_count"]) + num(r["action_list_downloads_count"]) + num(r["workflows_initiated_count"]) + num(r["workflow_intros_completed_count"])
			wantNum(t, r, "total_attribution_events", sum)
		}
	},
	"partnertap_global_overlap_opportunity.md#Open pipeline by forecast category": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		open := func(r api.Record) bool { return r["is_closed"] == false }
		recs := d.ReportRecords(api.ReportGlobalOpportunities)
		wantCount(t, rows, len(distinct(recs, "custom_forecast_category", open)))
		wantNum(t, sumRow(rows, "opportunities"), "opportunities", float64(countWhere(recs, open)))
	},
	"partnertap_global_overlap_opportunity.md#Opportunities that several partners overlap on": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		partners := map[string]int{}
		for _, r := range d.ReportRecords(api.ReportGlobalOpportunities) {
			partners[r["crm_opportunity_id"].(string)]++
		}
		several := countWhere(slices.Collect(maps.Values(partners)), func(n int) bool { return n > 1 })
		wantCount(t, rows, min(10, several))
	},
	"partnertap_attribution_event.md#Partner events on accounts that are already customers": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		customer := func(r api.Record) bool { return r["is_customer"] == true }
		wantCount(t, rows, len(distinct(d.ReportRecords(api.ReportAttributionEvents), "partner_org_name", customer)))
		wantNum(t, sumRow(rows, "events"), "events", float64(countWhere(d.ReportRecords(api.ReportAttributionEvents), customer)))
	},
	"partnertap_matched_account.md#Overlapping accounts in the same country on both sides": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		wantCount(t, rows, min(20, countWhere(d.MatchedAccountRecords(), func(r api.Record) bool {
			shared := r["partnerFields"].(map[string]any)
			country := shared["partnercountry"]
			if country == nil {
				country = shared["partnerCountry"]
			}
			return r["country"] != nil && r["country"] == country
		})))
	},
	"partnertap_report_column.md#The money and date columns of the Global Overlap List": func(t *testing.T, rows []row, d *sandbox.Dataset) {
		n := 0
		for _, f := range api.GlobalAccountFields {
			if f.Type == api.TypeCurrency || f.Type == api.TypeDate {
				n++
			}
		}
		wantCount(t, rows, n)
	},
}

// distinct counts the distinct values of "key" or "key1|key2" among the records keep keeps (nil keeps all).
func distinct(recs []api.Record, keys string, keep func(api.Record) bool) map[string]bool {
	seen := map[string]bool{}
	for _, r := range recs {
		if keep != nil && !keep(r) {
			continue
		}
		k := ""
		for _, key := range strings.Split(keys, "|") {
			k += "|" + valueString(r[key])
		}
		seen[k] = true
	}
	return seen
}

func valueString(v any) string {
	if v == nil || v == "" {
		return "<null>"
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "<other>"
}
