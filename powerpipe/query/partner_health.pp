# The queries of the partner_health benchmark's controls (partner_health.pp), one per control and
# named after it. A query that aggregates groups by the row's connection as well, so that over an
# aggregator of several PartnerTap orgs each org keeps its own results.

query "partner_shares_back" {
  sql = <<-EOQ
    select
      partner_org as resource,
      case when opps_shared_outbound > 0 and opps_shared_inbound = 0 then 'alarm' else 'ok' end as status,
      partner_org || ' received ' || opps_shared_outbound || ' opportunity(ies) and shared ' || opps_shared_inbound || '.' as reason,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_opportunity_share_summary;
  EOQ
}

query "partner_chat_recent" {
  sql = <<-EOQ
    select
      partner_org as resource,
      case when max(last_chat_date) < now() - make_interval(days => $1::int) then 'alarm' else 'ok' end as status,
      partner_org || ': last chat on ' || to_char(max(last_chat_date), 'YYYY-MM-DD') || ', with ' || count(*) || ' rep(s) in all.' as reason,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_chat_exchange
    group by
      partner_org,
      _ctx ->> 'connection_name';
  EOQ

  param "max_partner_chat_idle_days" {
    description = "A partner org alarms when none of your reps has chatted with it for this many days."
    default     = var.max_partner_chat_idle_days
  }
}

query "matched_account_has_owner" {
  sql = <<-EOQ
    select
      crm_account_id || ' / ' || partner_org as resource,
      case when owner_name is null then 'alarm' else 'ok' end as status,
      account_name || case when owner_name is null then ' has no owner' else ' is owned by ' || owner_name end
        || ' and is matched with ' || partner_org || '.' as reason,
      partner_org,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_sale_account
    where
      matched;
  EOQ
}

query "shared_opportunity_not_past_close_date" {
  sql = <<-EOQ
    select
      opportunity_id as resource,
      case when not is_closed and close_date < now() then 'alarm' else 'ok' end as status,
      opportunity_name || ' (' || direction || ', ' || partner_org || ') '
        || case when close_date is null then 'has no close date.' else 'closes on ' || to_char(close_date, 'YYYY-MM-DD') || '.' end as reason,
      partner_org,
      direction,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_opportunity;
  EOQ
}

query "shared_opportunity_has_amount" {
  sql = <<-EOQ
    select
      opportunity_id as resource,
      case when amount is null then 'alarm' else 'ok' end as status,
      opportunity_name || case when amount is null then ' has no amount.' else ' is worth ' || round(amount) || '.' end as reason,
      partner_org,
      direction,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_opportunity;
  EOQ
}

query "shared_opportunity_has_stage" {
  sql = <<-EOQ
    select
      opportunity_id as resource,
      case when stage_name is null then 'alarm' else 'ok' end as status,
      opportunity_name || case when stage_name is null then ' has no stage.' else ' is at ' || stage_name || '.' end as reason,
      partner_org,
      direction,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_opportunity;
  EOQ
}
