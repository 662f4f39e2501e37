package partnertap

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/client"
)

// The org's v1 metadata, read by the schema build (schema.go) and by the tables alike: each
// report's /columns answer, and the connected partner orgs.

// fetchColumns is report t's /columns answer (for the matched accounts, partner's).
func fetchColumns(ctx context.Context, c *connectionClient, t string, partner *string) ([]api.ColumnMeta, error) {
	var cols []api.ColumnMeta
	path, body := api.ReportPath(t, "columns"), any(api.ReportBody{Filters: map[string]string{}})
	switch {
	case t == api.ChannelMatchedAccounts:
		path, body = api.ChannelEcosystemColumns, api.ChannelEcosystemBody{ChannelReportType: t, MatchingType: api.MatchingMutual,
			CompanyPartnerPublicID: *partner, Filters: map[string]string{}}
	case t == api.ChannelConnectedPartnerOrgs:
		path, body = api.ChannelEcosystemColumns, api.ChannelEcosystemBody{ChannelReportType: t, Filters: map[string]string{}}
	}
	if err := c.api.PostJSON(ctx, path, nil, body, &cols); err != nil {
		return nil, err
	}
	return cols, nil
}

// partnerPublicIDs lists every connected partner org's public id.
func partnerPublicIDs(ctx context.Context, d *plugin.QueryData, c *connectionClient) ([]string, error) {
	return connectedPartners(ctx, c, d.WaitForListRateLimit)
}

// connectedPartners lists every connected partner org's public id, beforePage (when set) before
// each page after the first.
func connectedPartners(ctx context.Context, c *connectionClient, beforePage func(context.Context)) ([]string, error) {
	var ids []string
	req := client.PageRequest{Path: api.ChannelEcosystemRecords,
		Body: api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Filters: map[string]string{}}}
	for rec, err := range client.Pages[api.Record](ctx, c.api, c.pageRequest(req, beforePage, 0)) {
		if err != nil {
			return nil, err
		}
		if id, ok := rec["companyPartnerPublicId"].(string); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
