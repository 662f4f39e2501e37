package partnertap

import (
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// With Steampipe's query cache on, a repeated scan still reads the API: the plugin's tables turn
// the SDK's cache off (see withoutQueryCache).
func TestScansBypassTheQueryCache(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	h.cache = true
	q := query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("matched", true)}
	first := h.mustRun(q)
	h.sandbox.ResetRequests()
	second := h.mustRun(q)
	if len(first) != len(second) || len(second) != len(h.sandbox.Dataset().MatchedAccountRows()) {
		t.Fatalf("%d then %d rows, want %d", len(first), len(second), len(h.sandbox.Dataset().MatchedAccountRows()))
	}
	if len(h.apiRequests(api.SaleAccountsMatched.Path)) == 0 {
		t.Fatal("the second scan was answered from the query cache")
	}
}
