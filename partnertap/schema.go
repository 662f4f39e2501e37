package partnertap

import (
	"context"
	"fmt"
	"log"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/context_key"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// The schema is dynamic: the SDK builds each connection's tables with connectionTables, when the
// connection is added, when its config changes, and when schema_refresh_interval finds that its
// org's columns changed (schema_refresh.go).

// v1TableReports are the v1 tables and the list each reads: their /columns answers give the
// tables' dynamic columns.
var v1TableReports = map[string]string{
	"partnertap_partner_org":                  api.ChannelConnectedPartnerOrgs,
	"partnertap_matched_account":              api.ChannelMatchedAccounts,
	"partnertap_global_overlap_account":       api.ReportGlobalAccounts,
	"partnertap_global_overlap_opportunity":   api.ReportGlobalOpportunities,
	"partnertap_attribution_event":            api.ReportAttributionEvents,
	"partnertap_pipeline_attribution_detail":  api.ReportPipelineDetail,
	"partnertap_pipeline_attribution_summary": api.ReportPipelineSummary,
}

// schemaBuildTimeout bounds the /columns calls of one connection's schema build: a connection
// whose API does not answer gets the static schema rather than holding up Steampipe's start.
var schemaBuildTimeout = 30 * time.Second

// tableMapFunc is the plugin's TableMapFunc: connectionTables, for p.
func tableMapFunc(p *plugin.Plugin) plugin.TableMapFunc {
	return func(ctx context.Context, d *plugin.TableMapData) (map[string]*plugin.Table, error) {
		return connectionTables(ctx, p, d), nil
	}
}

// connectionTables is a connection's tables: the static ones, with each v1 table's columns that
// the connection's /columns answers add. When those answers cannot be read (no key, a refused
// key, a timeout, a quota spent), the connection keeps the static tables and the log says why;
// its queries then fail or succeed as they would have, and other connections are not touched.
func connectionTables(ctx context.Context, p *plugin.Plugin, d *plugin.TableMapData) map[string]*plugin.Table {
	tables := staticTables(ctx)
	// Not the connection's cached client: the SDK builds a changed connection's schema before it
	// clears the connection's cache, so that client may hold the old config. Both share the key's
	// quota (client.SharedQuota).
	c, err := newConnectionClient(getConfig(d.Connection), loggerOf(ctx))
	if err != nil || !c.dynamicColumns {
		stopWatchingSchema(d.Connection.Name)
		return tables // a bad config fails each query, naming the argument
	}
	columns, err := orgColumns(ctx, c)
	if err != nil {
		log.Printf("[WARN] partnertap connection %s: the v1 tables have only their standard columns, since reading "+
			"their /columns failed: %s", d.Connection.Name, err)
	}
	for name, report := range v1TableReports {
		addDynamicColumns(tables[name], report, columns[report])
	}
	watchSchema(p, d.Connection, c, columns)
	return tables
}

// maxPartnerColumnReads bounds the matched accounts' /columns reads of a schema build: one per
// connected partner, whose shared fields differ, up to this many partners, so that a connection
// loads within its key's quota (6 + 20 of 100 requests a minute) however many partners it has.
// A field only later partners share stays in partner_fields.
const maxPartnerColumnReads = 20

// orgColumns reads the /columns answer of each v1 list (for the matched accounts, of each
// connected partner up to maxPartnerColumnReads), within the key's quota.
func orgColumns(ctx context.Context, c *connectionClient) (map[string][]api.ColumnMeta, error) {
	return readColumns(ctx, c, maxPartnerColumnReads)
}

// orgCustomColumns reads what a change to the org's own fields shows in: each list's /columns,
// the matched accounts' for the first partner only (8 requests).
func orgCustomColumns(ctx context.Context, c *connectionClient) (map[string][]api.ColumnMeta, error) {
	return readColumns(ctx, c, 1)
}

// readColumns reads each v1 list's /columns, the matched accounts' of the first partners.
func readColumns(ctx context.Context, c *connectionClient, partnerReads int) (map[string][]api.ColumnMeta, error) {
	ctx, cancel := context.WithTimeout(ctx, schemaBuildTimeout)
	defer cancel()
	var err error
	out := map[string][]api.ColumnMeta{}
	for _, report := range slices.Sorted(maps.Values(v1TableReports)) {
		if report != api.ChannelMatchedAccounts {
			if out[report], err = fetchColumns(ctx, c, report, nil); err != nil {
				return nil, fmt.Errorf("%s: %w", report, err)
			}
			continue
		}
		partners, err := connectedPartners(ctx, c, nil)
		if err != nil {
			return nil, fmt.Errorf("the connected partner orgs: %w", err)
		}
		if len(partners) > partnerReads {
			partners = partners[:partnerReads]
		}
		for _, id := range partners {
			cols, err := fetchColumns(ctx, c, report, &id)
			if err != nil {
				return nil, fmt.Errorf("%s of partner %s: %w", report, id, err)
			}
			out[report] = append(out[report], cols...)
		}
	}
	return out, nil
}

// loggerOf is the logger the SDK puts in a schema build's context, or none.
func loggerOf(ctx context.Context) hclog.Logger {
	if logger, ok := ctx.Value(context_key.Logger).(hclog.Logger); ok && logger != nil {
		return logger
	}
	return hclog.NewNullLogger()
}

// staticTables are the plugin's tables with their static columns: fresh ones at each call, since
// a connection's dynamic columns are added to its own.
func staticTables(ctx context.Context) map[string]*plugin.Table {
	return withFieldTransforms(map[string]*plugin.Table{
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
	})
}
