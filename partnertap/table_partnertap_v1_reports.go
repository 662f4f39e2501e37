package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapGlobalOverlapAccount(_ context.Context) *plugin.Table {
	return reportTable[api.GlobalAccounts]("partnertap_global_overlap_account",
		"The Global Overlap List: one row per account and partner org that also has it (Report Analytics v1 GLOBAL_VERTICAL_ACCOUNTS).",
		api.ReportGlobalAccounts, "account_name")
}

func tablePartnerTapGlobalOverlapOpportunity(_ context.Context) *plugin.Table {
	return reportTable[api.GlobalOpportunities]("partnertap_global_overlap_opportunity",
		"The Global Opp Overlap List: one row per opportunity and overlapping partner org (Report Analytics v1 GLOBAL_VERTICAL_OPPORTUNITIES).",
		api.ReportGlobalOpportunities, "opportunity_name")
}

func tablePartnerTapAttributionEvent(_ context.Context) *plugin.Table {
	return reportTable[api.AttributionEvents]("partnertap_attribution_event",
		"Partner attribution events: action lists, workflows and other co-selling events per account and partner (Report Analytics v1 ATTRIBUTION_EVENTS).",
		api.ReportAttributionEvents, "event_name")
}

func tablePartnerTapPipelineAttributionDetail(_ context.Context) *plugin.Table {
	return reportTable[api.PipelineDetails]("partnertap_pipeline_attribution_detail",
		"Attribution events linked to the new opportunities they led to (Report Analytics v1 PIPELINE_ATTRIBUTION_DETAIL).",
		api.ReportPipelineDetail, "opp_name")
}

func tablePartnerTapPipelineAttributionSummary(_ context.Context) *plugin.Table {
	return reportTable[api.PipelineSummaries]("partnertap_pipeline_attribution_summary",
		"New opportunities per top parent account with the partner events that led to them, summed (Report Analytics v1 PIPELINE_ATTRIBUTION_SUMMARY).",
		api.ReportPipelineSummary, "opp_name")
}
