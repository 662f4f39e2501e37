package partnertap

import (
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// `limit 10` on every paged table costs exactly one API request, of 10 rows.
func TestLimitTenIsOneRequestOnEveryPagedTable(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	for table, column := range map[string]string{
		"partnertap_rep_partnership_stat":      "rep_id",
		"partnertap_opportunity":               "opportunity_id",
		"partnertap_opportunity_share_summary": "partner_org",
		"partnertap_sale_account":              "sale_account_id",
		"partnertap_chat_exchange":             "rep_id",
		"partnertap_rep_chat":                  "chat_id",
	} {
		h.sandbox.ResetRequests()
		rows := h.mustRun(query{table: table, columns: []string{column}, limit: 10})
		var pages []sandbox.Request
		for _, r := range h.sandbox.Requests() {
			if r.Path != "/api/auth" {
				pages = append(pages, r)
			}
		}
		if len(rows) != 10 || len(pages) != 1 || pages[0].Query.Get("size") != "10" {
			t.Errorf("%s limit 10: %d rows, requests %+v; want 10 rows from one request of size 10", table, len(rows), pages)
		}
	}
}
