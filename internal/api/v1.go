package api

// The Report Analytics v1 API [doc unless marked]: POST calls with a JSON body, paging in the
// query, the `api-key` header (or, without it, Authorization with a JWT).

// HeaderAPIKey carries the API key on every v1 call [doc].
const HeaderAPIKey = "api-key"

// V1PathPrefix starts every v1 path; the rate limit is documented for these calls [doc].
const V1PathPrefix = "/v1/"

// V1RateLimitPerMinute is the documented limit per key, over a rolling minute [doc].
const V1RateLimitPerMinute = 100

const (
	ChannelEcosystemRecords    = "/v1/channelecosystem/records"
	ChannelEcosystemColumns    = "/v1/channelecosystem/columns"
	ChannelEcosystemFilterData = "/v1/channelecosystem/filterdata"
	// ChannelEcosystemReportNames is GET: "List available report types with their columns" [doc];
	// its answer's shape is ours (ReportName).
	ChannelEcosystemReportNames = "/v1/channelecosystem/report-names"
	// ReportPathPrefix + reportType + "/records" (or /columns, /filterdata).
	ReportPathPrefix = "/v1/report-analytics/report/"
	EventTypesPath   = "/v1/attribution/event-types"
	// ParamFilterField names the column of a filterdata call.
	ParamFilterField = "filterField"
)

// ReportPath is the path of one call of a report: part is "records", "columns" or "filterdata".
func ReportPath(reportType, part string) string { return ReportPathPrefix + reportType + "/" + part }

// Channel ecosystem report types and matching types [doc].
const (
	ChannelConnectedPartnerOrgs = "PARTNER_ORG_CONNECTED_PARTNER_ORGS"
	ChannelMatchedAccounts      = "PARTNER_ORG_MATCHED_ACCOUNTS"
	MatchingMutual              = "MUTUAL"
	MatchingAllPartnerOrgs      = "ALL_PARTNER_ORGS"
)

// MatchingTypes are the values of matchingType: the matched-accounts guide names MUTUAL, the
// connected orgs' /filterdata body ALL_PARTNER_ORGS [doc]; the sandbox takes both for matched
// accounts [ours].
var MatchingTypes = []string{MatchingMutual, MatchingAllPartnerOrgs}

// Report types [doc].
const (
	ReportGlobalAccounts      = "GLOBAL_VERTICAL_ACCOUNTS"
	ReportGlobalOpportunities = "GLOBAL_VERTICAL_OPPORTUNITIES"
	ReportAttributionEvents   = "ATTRIBUTION_EVENTS"
	ReportPipelineDetail      = "PIPELINE_ATTRIBUTION_DETAIL"
	ReportPipelineSummary     = "PIPELINE_ATTRIBUTION_SUMMARY"
)

// ReportTypes lists the report-analytics report types.
var ReportTypes = []string{ReportGlobalAccounts, ReportGlobalOpportunities, ReportAttributionEvents, ReportPipelineDetail, ReportPipelineSummary}

// AttributionReport reports whether a report type needs a context of partners and event types [doc].
func AttributionReport(reportType string) bool {
	return reportType == ReportAttributionEvents || reportType == ReportPipelineDetail || reportType == ReportPipelineSummary
}

// ChannelEcosystemBody is the body of the channel ecosystem calls [doc].
type ChannelEcosystemBody struct {
	ChannelReportType      string            `json:"channelReportType"`
	MatchingType           string            `json:"matchingType,omitempty"`
	CompanyPartnerPublicID string            `json:"companyPartnerPublicId,omitempty"`
	Search                 string            `json:"search"`
	Filters                map[string]string `json:"filters"`
	MapByLocations         bool              `json:"mapByLocations"`
}

// ReportBody is the body of the report calls [doc].
type ReportBody struct {
	Filters map[string]string `json:"filters"`
	Search  string            `json:"search"`
	Context *ReportContext    `json:"context,omitempty"`
}

// ReportContext scopes the attribution reports [doc]. Dates are epoch seconds as strings.
type ReportContext struct {
	PartnerPublicIDs    []string `json:"partnerPublicIds"`
	EventTypeCodes      []string `json:"eventTypeCodes"`
	DateRangeDays       *int     `json:"dateRangeDays,omitempty"`
	EventDateStart      string   `json:"eventDateStart,omitempty"`
	EventDateEnd        string   `json:"eventDateEnd,omitempty"`
	OppCreatedDateDays  *int     `json:"oppCreatedDateDays,omitempty"`
	OppCreatedDateStart string   `json:"oppCreatedDateStart,omitempty"`
	OppCreatedDateEnd   string   `json:"oppCreatedDateEnd,omitempty"`
}

// Record is one row of a v1 list: its keys are the report's column keys.
type Record = map[string]any

// ReportPage is a v1 page: Spring's envelope plus noDataFoundMessage [doc].
type ReportPage struct {
	Page[Record]
	NoDataFoundMessage *string `json:"noDataFoundMessage"`
}

// ColumnMeta is one object of a /columns answer [doc].
type ColumnMeta struct {
	Title                 string         `json:"title"`
	Key                   string         `json:"key"`
	Type                  string         `json:"type"`
	ColumnIndex           int            `json:"columnIndex"`
	IsPartnerData         bool           `json:"isPartnerData"`
	IsHidden              bool           `json:"isHidden"`
	Active                bool           `json:"active"`
	Source                *string        `json:"source"`
	ColumnClassification  *string        `json:"columnClassification"`
	IsFromOtherFields     bool           `json:"isFromOtherFields"`
	IsJSON                bool           `json:"isJson"`
	OtherFieldsPrefix     *string        `json:"otherFieldsPrefix"`
	OtherFieldsJSONPrefix *string        `json:"otherFieldsJsonPrefix"`
	Values                map[string]any `json:"values"` // preset value mappings, typically {} [doc]
	Prefix                *string        `json:"prefix"`
	Color                 *string        `json:"color"`
	CrmAccountBaseURI     *string        `json:"crmAccountBaseUri"`
	CrmOpportunityBaseURI *string        `json:"crmOpportunityBaseUri"`
}

// FilterDataItem is one row of a /filterdata page [doc].
type FilterDataItem struct {
	FilterData     *string  `json:"filterData"`
	FilterRangeMin *float64 `json:"filterRangeMin"`
	FilterRangeMax *float64 `json:"filterRangeMax"`
	FilterType     string   `json:"filterType"`
}

// ReportName is one item of GET ChannelEcosystemReportNames [ours]: a channel report type, its
// name in the guides, and its columns (the matched accounts' without any partner's shared ones).
type ReportName struct {
	ChannelReportType string       `json:"channelReportType"`
	DisplayName       string       `json:"displayName"`
	Columns           []ColumnMeta `json:"columns"`
}

// EventType is one item of GET /v1/attribution/event-types [ours, codes doc].
type EventType struct {
	Code        string `json:"code"`
	DisplayName string `json:"displayName"`
}

// Column types of v1 columns [doc]: the five of the filter language, and the kinds of text the
// field tables also name.
const (
	TypeString   = "string"
	TypeNumber   = "number"
	TypeCurrency = "currency"
	TypeDate     = "date"
	TypeBoolean  = "boolean"
	TypeName     = "name"
	TypeEmail    = "email"
	TypeTitle    = "title"
	TypePhone    = "phone"
)

// ValueTypes are the types of values (Field.Kind): the filter language's five.
var ValueTypes = []string{TypeString, TypeNumber, TypeCurrency, TypeDate, TypeBoolean}
