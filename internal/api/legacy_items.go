package api

// Items of the legacy Analytics API. Field names are camelCase, ids 32 hex characters, dates epoch
// seconds, and a null value is omitted (Spring's non_null) [ours]; pointers mark fields that may be absent.

// DivisionDashboard is one row of /analytics/dashboardbydivision.
type DivisionDashboard struct {
	Division           string `json:"division"`
	ChatCount          int64  `json:"chatCount"`
	PartnershipCount   int64  `json:"partnershipCount"`
	SalesRepCount      int64  `json:"salesRepCount"`
	SalesRepLoginCount int64  `json:"salesRepLoginCount"`
	AsOf               *int64 `json:"asOf,omitempty"`
}

// RepConnections is one row of /analytics/newrepconnectionslist.
type RepConnections struct {
	RepID                   string  `json:"repId"`
	RepName                 string  `json:"repName"`
	EmailAddress            string  `json:"emailAddress"`
	Division                *string `json:"division,omitempty"`
	NewConnections          int64   `json:"newConnections"`
	PendingReceivedRequests int64   `json:"pendingReceivedRequests"`
	PendingSentRequests     int64   `json:"pendingSentRequests"`
	AcceptedPartnerships    int64   `json:"acceptedPartnerships"`
}

// OppShareSummary is one row of /analytics/oppssharedsummarylist.
type OppShareSummary struct {
	PartnerOrg         string  `json:"partnerOrg"`
	PartnerOrgID       string  `json:"partnerOrgId"`
	OppsSharedInbound  int64   `json:"oppsSharedInbound"`
	OppsSharedOutbound int64   `json:"oppsSharedOutbound"`
	AmountInbound      float64 `json:"amountInbound"`
	AmountOutbound     float64 `json:"amountOutbound"`
	LastSharedDate     *int64  `json:"lastSharedDate,omitempty"`
}

// SharedOpportunity is one row of /analytics/oppssharedlist.
type SharedOpportunity struct {
	OpportunityID   string   `json:"opportunityId"`
	OpportunityName string   `json:"opportunityName"`
	AccountName     string   `json:"accountName"`
	CrmAccountID    *string  `json:"crmAccountId,omitempty"`
	PartnerOrg      string   `json:"partnerOrg"`
	PartnerOrgID    string   `json:"partnerOrgId"`
	Direction       string   `json:"direction"`
	StageName       *string  `json:"stageName,omitempty"`
	Amount          *float64 `json:"amount,omitempty"`
	CloseDate       *int64   `json:"closeDate,omitempty"`
	SharedDate      int64    `json:"sharedDate"`
	RepName         string   `json:"repName"`
	EmailAddress    string   `json:"emailAddress"`
	IsClosed        bool     `json:"isClosed"`
	IsWon           bool     `json:"isWon"`
}

// SaleAccount is one row of /analytics/saleaccountsmatchedlist or .../saleaccountsunmatchedlist;
// unmatched rows have no PartnerAccountName nor MatchDate.
type SaleAccount struct {
	SaleAccountID      string  `json:"saleAccountId"`
	AccountName        string  `json:"accountName"`
	CrmAccountID       string  `json:"crmAccountId"`
	AccountType        *string `json:"accountType,omitempty"`
	Industry           *string `json:"industry,omitempty"`
	City               *string `json:"city,omitempty"`
	State              *string `json:"state,omitempty"`
	Country            *string `json:"country,omitempty"`
	Website            *string `json:"website,omitempty"`
	OwnerName          *string `json:"ownerName,omitempty"`
	OwnerEmail         *string `json:"ownerEmail,omitempty"`
	PartnerOrg         *string `json:"partnerOrg,omitempty"`
	PartnerOrgID       *string `json:"partnerOrgId,omitempty"`
	PartnerAccountName *string `json:"partnerAccountName,omitempty"`
	MatchDate          *int64  `json:"matchDate,omitempty"`
}

// ChatExchange is one row of /analytics/chatsexchangedlist: one rep's chats with one partner org.
type ChatExchange struct {
	RepID        string `json:"repId"`
	RepName      string `json:"repName"`
	EmailAddress string `json:"emailAddress"`
	PartnerOrg   string `json:"partnerOrg"`
	PartnerOrgID string `json:"partnerOrgId"`
	ChatCount    int64  `json:"chatCount"`
	LastChatDate *int64 `json:"lastChatDate,omitempty"`
}

// RepChat is one row of /analytics/repchatslist: one conversation between a rep and a partner rep.
type RepChat struct {
	ChatID           string `json:"chatId"`
	RepID            string `json:"repId"`
	RepName          string `json:"repName"`
	PartnerRepName   string `json:"partnerRepName"`
	PartnerRepEmail  string `json:"partnerRepEmail"`
	PartnerOrg       string `json:"partnerOrg"`
	MessageCount     int64  `json:"messageCount"`
	FirstMessageDate int64  `json:"firstMessageDate"`
	LastMessageDate  int64  `json:"lastMessageDate"`
}

// DashboardPoint is one row of /analytics/dashboardhistory: one division in one period.
type DashboardPoint struct {
	Division           string `json:"division"`
	PeriodStart        int64  `json:"periodStart"`
	ChatCount          int64  `json:"chatCount"`
	PartnershipCount   int64  `json:"partnershipCount"`
	SalesRepCount      int64  `json:"salesRepCount"`
	SalesRepLoginCount int64  `json:"salesRepLoginCount"`
}
