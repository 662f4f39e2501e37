package api

import "strings"

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
