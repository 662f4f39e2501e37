package api

import (
	"fmt"
	"strings"
)

// Keyed is an item of a list whose rows a key tells apart: the reader of a list that changes while
// it is read de-duplicates and links its pages by this key (internal/client/live_pages.go), and
// asks the server to sort by the endpoint's KeyFields, so a row keeps its place between pages.
type Keyed interface {
	ListKey() string
}

// keyOf joins the values of a composite key; the separator is a byte no id holds.
func keyOf(parts ...string) string { return strings.Join(parts, "\x00") }

func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ListKey is the rep: a rep has one row of partnership statistics.
func (r RepConnections) ListKey() string { return r.RepID }

// ListKey is the partner org: the summary has one row per partner.
func (s OppShareSummary) ListKey() string { return s.PartnerOrgID }

// ListKey is the share: one opportunity can be shared with several partners, and in both directions.
func (o SharedOpportunity) ListKey() string {
	return keyOf(o.OpportunityID, o.PartnerOrgID, o.Direction)
}

// ListKey is the account and the partner it is listed against: a matched account has a row per
// partner it matches.
func (a SaleAccount) ListKey() string { return keyOf(a.SaleAccountID, orEmpty(a.PartnerOrgID)) }

// ListKey is the rep and the partner org: a rep has one row per partner chatted with.
func (c ChatExchange) ListKey() string { return keyOf(c.RepID, c.PartnerOrgID) }

// ListKey is the conversation.
func (c RepChat) ListKey() string { return c.ChatID }

// V1KeyFields are the fields that tell the records of a v1 list apart [ours: the guides name
// these ids, not their uniqueness], by channel report type or report type: a read sorts by them
// and links its pages by them, as the legacy lists' ListKey. The first is the record's own id. A
// list not here (the attribution reports, whose rows are events and opportunities without one id)
// is read with the strict check: a change during the read fails it.
var V1KeyFields = map[string][]string{
	ChannelConnectedPartnerOrgs: {"companyPartnerPublicId"},
	ChannelMatchedAccounts:      {"crmAccountId", "companyPartnerPublicId"},
	ReportGlobalAccounts:        {"crm_account_id", "partnerOrgPublicId"},
	ReportGlobalOpportunities:   {"crm_opportunity_id", "partnerOrgPublicId"},
}

// RecordKey is the key of a record of a list whose V1KeyFields are fields.
func RecordKey(fields []string, value func(field string) any) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = keyText(value(f))
	}
	return keyOf(parts...)
}

func keyText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	return fmt.Sprint(v)
}
