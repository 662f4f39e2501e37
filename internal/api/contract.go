// Package api is the PartnerTap HTTP API contract as this project understands it: every path,
// parameter name, limit and item shape that the plugin sends and the sandbox answers.
//
// PartnerTap's public guides leave much of the API unstated; docs/api.md, the project's contract,
// cites every documented fact and marks the rest [ours]. They all live in this package, so a correction against the
// live service is a change here and nowhere else.
package api

// DefaultBaseURL is the production host [doc]: the legacy API, the channel ecosystem and the
// Swagger of Report Analytics v1 are on it; the guides' report-analytics examples use
// reports-analytics.partnertap.com, which a connection's base_url can name [doc, both].
const DefaultBaseURL = "https://reports.partnertap.com"

// Legacy authentication: GET AuthPath?AuthKeyParam=<key> answers {"token": "<jwt>"} [doc].
const (
	AuthPath     = "/api/auth"
	AuthKeyParam = "apiKey"
	// PermissionAPIAccess is the permission a token needs for the Analytics API [doc claim value];
	// a token without it is refused with 403 [ours].
	PermissionAPIAccess = "API_ACCESS"
	// ClaimPermissions and ClaimAdminID are the custom claims of the documented tokens [doc].
	ClaimPermissions = "com.partnertap.permissions"
	ClaimAdminID     = "com.partnertap.admin.id"
	// TokenIssuer is the documented `iss` claim [doc].
	TokenIssuer = "PartnerTap"
)

// Paging query parameters of both generations [doc].
const (
	ParamPage = "page"
	ParamSize = "size"
	ParamSort = "sort"
	// DefaultPageSize is what the server uses without `size` [doc].
	DefaultPageSize = 20
	// MaxPageSize is the largest page the server serves; a larger `size` is clamped [doc max, ours clamp].
	MaxPageSize = 2000
)

// Query parameters of the legacy Analytics API [ours, except partnerOrg].
const (
	ParamDivision   = "division"
	ParamPartnerOrg = "partnerOrg"
	ParamDirection  = "direction"
	ParamSearch     = "search"
	ParamRepID      = "repId"
	ParamFrom       = "from"
	ParamTo         = "to"
	ParamInterval   = "interval"
)

// Directions of a shared opportunity, the values of ParamDirection [ours].
const (
	DirectionInbound  = "INBOUND"
	DirectionOutbound = "OUTBOUND"
)

// Directions are every value of ParamDirection.
var Directions = []string{DirectionInbound, DirectionOutbound}

// Intervals of the dashboard time series, the values of ParamInterval [ours].
var Intervals = []string{"DAY", "WEEK", "MONTH"}

// Endpoint is one GET endpoint of the legacy Analytics API.
type Endpoint struct {
	Path string
	// SortFields are the item fields `sort` applies; any other is ignored, as Spring Data does [ours].
	SortFields []string
	// KeyFields are the fields of the item's ListKey, in order: a paged read sorts by them, so
	// every row keeps its place in the list while other rows come and go [ours]. They are
	// SortFields too.
	KeyFields []string
}

// The legacy Analytics API endpoints [ours, except the path of NewRepConnections, which is doc].
var (
	DashboardByDivision = Endpoint{
		Path: "/analytics/dashboardbydivision",
	}
	NewRepConnections = Endpoint{
		Path:       "/analytics/newrepconnectionslist",
		SortFields: []string{"repId", "repName", "emailAddress", "division", "newConnections", "pendingReceivedRequests", "pendingSentRequests", "acceptedPartnerships"},
		KeyFields:  []string{"repId"},
	}
	OppsSharedSummary = Endpoint{
		Path:       "/analytics/oppssharedsummarylist",
		SortFields: []string{"partnerOrgId", "partnerOrg", "oppsSharedInbound", "oppsSharedOutbound", "amountInbound", "amountOutbound", "lastSharedDate"},
		KeyFields:  []string{"partnerOrgId"},
	}
	OppsShared = Endpoint{
		Path:       "/analytics/oppssharedlist",
		SortFields: []string{"opportunityId", "partnerOrgId", "direction", "partnerOrg", "opportunityName", "accountName", "amount", "closeDate", "sharedDate", "stageName"},
		KeyFields:  []string{"opportunityId", "partnerOrgId", "direction"},
	}
	SaleAccountsMatched = Endpoint{
		Path:       "/analytics/saleaccountsmatchedlist",
		SortFields: []string{"saleAccountId", "partnerOrgId", "partnerOrg", "accountName", "crmAccountId", "industry", "country", "matchDate"},
		KeyFields:  []string{"saleAccountId", "partnerOrgId"},
	}
	SaleAccountsUnmatched = Endpoint{
		Path:       "/analytics/saleaccountsunmatchedlist",
		SortFields: []string{"saleAccountId", "partnerOrgId", "partnerOrg", "accountName", "crmAccountId", "industry", "country"},
		KeyFields:  []string{"saleAccountId", "partnerOrgId"},
	}
	ChatsExchanged = Endpoint{
		Path:       "/analytics/chatsexchangedlist",
		SortFields: []string{"repId", "partnerOrgId", "partnerOrg", "repName", "chatCount", "lastChatDate"},
		KeyFields:  []string{"repId", "partnerOrgId"},
	}
	RepChats = Endpoint{
		Path:       "/analytics/repchatslist",
		SortFields: []string{"chatId", "partnerOrg", "repName", "messageCount", "firstMessageDate", "lastMessageDate"},
		KeyFields:  []string{"chatId"},
	}
	DashboardHistory = Endpoint{
		Path: "/analytics/dashboardhistory",
	}
)
