package api

import "strings"

// Field is one standard column of a v1 report: its key in records and filters, and its type.
type Field struct {
	Key  string
	Type string
}

// fields reads "key:type key:type ..."; a key without a type is a string.
func fields(spec string) []Field {
	var out []Field
	for _, f := range strings.Fields(spec) {
		key, typ, ok := strings.Cut(f, ":")
		if !ok {
			typ = TypeString
		}
		out = append(out, Field{Key: key, Type: map[string]string{"n": TypeNumber, "c": TypeCurrency, "d": TypeDate, "b": TypeBoolean, TypeString: TypeString}[typ]})
	}
	return out
}

// The standard fields of each v1 list [doc]; a report adds custom_* and partner_* fields of its own.
var (
	PartnerOrgFields = fields(`companyPartnerPublicId partnerName partnerWebsite partnerType recommended:b
		firstConnectedDate:d mostRecentConnectedDate:d activeConnections:n lastPartnerSheetUploadDate:d
		spreadsheetsShared:n partnerOwner partnerOwnerEmail partnerOwnerPhone`)

	MatchedAccountFields = fields(`accountName accountType crmAccountId dunsNumber city state street zipCode country
		industry territory divisions website isCustomer:b numberOfEmployees:n annualRevenue:c openOppCount:n
		closedOppCount:n naicsCode sicCode ncesId companyPartnerPublicId companyPartnerName partnerType
		avgDealSize:c partnerOwner crmRecordId prmRecordId`)

	globalAccountCore = `account_name account_type crm_account_id duns_number street city state zip_code country
		industry territory divisions website naics_code sic_code annual_revenue:c number_of_employees:n
		open_opp_count:n closed_opp_count:n phone_number recent_open_opp_date:d recent_closed_opp_date:d tax_id
		account_acv:c open_pipeline_amount:c nces_id partner_count:n`
	globalPartnerFields = `partner_account_name partner_org_name partner_account_type partner_account_acv:c
		partner_account_owner_name partner_account_owner_email partner_account_owner_title partner_account_owner_phone
		partner_crm_account_id partner_first_match_date:d partner_open_pipeline_amount:c partner_open_opp:n
		partner_closed_opp:n partner_closed_opp_won_count:n partner_website prm_record_id partner_owner
		partner_owner_email partner_owner_phone partner_org_partner_type average_referral_deal_size:c partner_street
		partner_city partner_state partner_postal_code partner_country partnerOrgPublicId`

	GlobalAccountFields = fields(globalAccountCore + ` account_owner_name account_owner_email account_owner_title ` +
		globalPartnerFields + ` customownertitle customowneremail customownername`)

	GlobalOpportunityFields = fields(globalAccountCore + " " + globalPartnerFields + ` org_name opportunity_name
		amount:c crm_created_date:d stage_name close_date:d opportunity_owner_name opportunity_owner_email
		opportunity_owner_title opportunity_owner_phone opportunity_type probability:n expected_revenue:c
		is_closed:b is_won:b last_modified_date:d crm_opportunity_id`)

	attributionEventCore = `account_name partner_org_name event_date:d event_group_display_name event_type_display_name
		event_subtype_display_name event_name event_description event_source event_user_name event_user_email
		event_user_title company_partner_public_id crm_account_id top_parent_crm_account_id
		top_parent_crm_account_name event_source_link account_type industry country annual_revenue:c
		number_of_employees:n open_opp_count:n closed_won_opp_count:n owner_name owner_email owner_title
		owner_phone owner_division partner_street partner_city partner_state partner_country partner_zip_code
		partner_owner_name partner_owner_email partner_owner_phone partner_type partner_status partner_website
		partner_crm_record_id partner_prm_record_id partner_average_referral_deal_size:c`
	oppFields = `opp_name opp_amount:c opp_created_date:d opp_crm_opportunity_id opp_crm_account_id opp_stage_name
		opp_close_date:d opp_is_won:b opp_opportunity_type opp_is_closed:b opp_opportunity_owner_name
		opp_opportunity_owner_email opp_opportunity_owner_title opp_opportunity_owner_phone opp_last_modified_date:d
		opp_account_name opp_probability:n opp_expected_revenue:c opp_pt_status`

	AttributionEventFields = fields(attributionEventCore)

	PipelineDetailFields = fields(attributionEventCore + ` number_days_to_new_opp:n ` + oppFields)

	PipelineSummaryFields = fields(`top_parent_crm_account_name top_parent_crm_account_id action_lists_created_count:n
		action_list_downloads_count:n workflows_initiated_count:n workflow_intros_completed_count:n
		total_attribution_events:n total_partners:n ` + oppFields)
)

// ReportFields is the standard fields of a report type.
func ReportFields(reportType string) []Field {
	return map[string][]Field{
		ReportGlobalAccounts:        GlobalAccountFields,
		ReportGlobalOpportunities:   GlobalOpportunityFields,
		ReportAttributionEvents:     AttributionEventFields,
		ReportPipelineDetail:        PipelineDetailFields,
		ReportPipelineSummary:       PipelineSummaryFields,
		ChannelConnectedPartnerOrgs: PartnerOrgFields,
		ChannelMatchedAccounts:      MatchedAccountFields,
	}[reportType]
}

// CustomFieldPrefix marks custom CRM fields in report records [doc].
const CustomFieldPrefix = "custom_"
