// Package partnertap is the Steampipe plugin for PartnerTap: SQL tables over the PartnerTap
// Analytics API.
package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// pluginVersion is sent in the User-Agent of every request.
const pluginVersion = "0.1.0"

// Plugin returns the plugin definition; the Steampipe FDW and export builders import it by this name.
func Plugin(ctx context.Context) *plugin.Plugin {
	return &plugin.Plugin{
		Name:             "steampipe-plugin-partnertap",
		DefaultTransform: transform.FromGo(),
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: configInstance,
		},
		TableMap: map[string]*plugin.Table{
			"partnertap_chat_exchange":             tablePartnerTapChatExchange(ctx),
			"partnertap_dashboard":                 tablePartnerTapDashboard(ctx),
			"partnertap_dashboard_history":         tablePartnerTapDashboardHistory(ctx),
			"partnertap_opportunity":               tablePartnerTapOpportunity(ctx),
			"partnertap_opportunity_share_summary": tablePartnerTapOpportunityShareSummary(ctx),
			"partnertap_rep_chat":                  tablePartnerTapRepChat(ctx),
			"partnertap_rep_partnership_stat":      tablePartnerTapRepPartnershipStat(ctx),
			"partnertap_sale_account":              tablePartnerTapSaleAccount(ctx),
		},
	}
}
