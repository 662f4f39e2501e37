package partnertap

import (
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// One rule for a value outside a column's API enumeration, on every table: an error that lists the
// valid values (not an empty answer that hides a typo, nor the API's 400).
func TestValueOutsideAnEnumerationIsAnErrorListingTheValidOnes(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	cases := []struct{ table, column, want string }{
		{"partnertap_opportunity", "direction", `partnertap_opportunity: direction must be one of INBOUND, OUTBOUND, got "inbound"`},
		{"partnertap_dashboard_history", "interval", `partnertap_dashboard_history: interval must be one of DAY, WEEK, MONTH, got "inbound"`},
		{"partnertap_matched_account", "matching_type", `partnertap_matched_account: matching_type must be one of MUTUAL, ALL_PARTNER_ORGS, got "inbound"`},
	}
	for _, c := range cases {
		h.sandbox.ResetRequests()
		_, err := h.run(query{table: c.table, columns: []string{c.column}, quals: eq(c.column, "inbound")})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s where %s = 'inbound': %v, want %q", c.table, c.column, err, c.want)
		}
	}
}
