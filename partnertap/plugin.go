// Package partnertap is the Steampipe plugin for PartnerTap: SQL tables over the PartnerTap
// Analytics API.
package partnertap

import (
	"context"
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// freeMemIntervalEnv is the SDK's setting for how often, in streamed rows, a scan forces a full
// garbage collection and returns memory to the OS. Its default, every 100 rows, made scans 5x
// slower (see docs/performance.md); Go's collector keeps a streaming scan's memory bounded anyway.
const freeMemIntervalEnv = "STEAMPIPE_FREE_MEM_INTERVAL"

// Plugin returns the plugin definition; the Steampipe FDW and export builders import it by this name.
func Plugin(ctx context.Context) *plugin.Plugin {
	if _, set := os.LookupEnv(freeMemIntervalEnv); !set {
		_ = os.Setenv(freeMemIntervalEnv, "0") // a user's own setting wins
	}
	// PartnerTap's quota is paced by the client (client.Quota, requests_per_minute), not by an SDK
	// limiter: the SDK's are token buckets, which cannot spend a rolling window exactly. A user's
	// own `limiter` blocks still apply to every page (d.WaitForListRateLimit).
	p := &plugin.Plugin{
		Name:             "steampipe-plugin-partnertap",
		DefaultTransform: fromGo(),
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: configInstance,
		},
		TableMap: withFieldTransforms(map[string]*plugin.Table{
			"partnertap_attribution_event":            tablePartnerTapAttributionEvent(ctx),
			"partnertap_chat_exchange":                tablePartnerTapChatExchange(ctx),
			"partnertap_dashboard":                    tablePartnerTapDashboard(ctx),
			"partnertap_dashboard_history":            tablePartnerTapDashboardHistory(ctx),
			"partnertap_global_overlap_account":       tablePartnerTapGlobalOverlapAccount(ctx),
			"partnertap_global_overlap_opportunity":   tablePartnerTapGlobalOverlapOpportunity(ctx),
			"partnertap_matched_account":              tablePartnerTapMatchedAccount(ctx),
			"partnertap_opportunity":                  tablePartnerTapOpportunity(ctx),
			"partnertap_opportunity_share_summary":    tablePartnerTapOpportunityShareSummary(ctx),
			"partnertap_partner_org":                  tablePartnerTapPartnerOrg(ctx),
			"partnertap_pipeline_attribution_detail":  tablePartnerTapPipelineAttributionDetail(ctx),
			"partnertap_pipeline_attribution_summary": tablePartnerTapPipelineAttributionSummary(ctx),
			"partnertap_rep_chat":                     tablePartnerTapRepChat(ctx),
			"partnertap_rep_partnership_stat":         tablePartnerTapRepPartnershipStat(ctx),
			"partnertap_report_column":                tablePartnerTapReportColumn(ctx),
			"partnertap_sale_account":                 tablePartnerTapSaleAccount(ctx),
		}),
	}
	return p
}
