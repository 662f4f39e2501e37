benchmark "partner_health" {
  title       = "Partner Health"
  description = "Are your partnerships reciprocal, your shared opportunities current and your overlapping accounts owned?"
  children = [
    control.partner_shares_back,
    control.partner_chat_recent,
    control.matched_account_has_owner,
    control.shared_opportunity_not_past_close_date,
    control.shared_opportunity_has_amount,
    control.shared_opportunity_has_stage,
  ]
}

control "partner_shares_back" {
  title       = "Partners share opportunities back"
  description = "A partner org that receives your opportunities but never shares one is a one-way partnership."
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

control "partner_chat_recent" {
  title       = "Someone talks to every partner"
  description = "A partner org none of your reps has chatted with recently is drifting away."
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
    default = var.max_partner_chat_idle_days
  }
}

control "matched_account_has_owner" {
  title       = "Accounts you share with partners have an owner"
  description = "An overlapping account without an owner in your CRM has no one to co-sell it."
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

control "shared_opportunity_not_past_close_date" {
  title       = "Open shared opportunities are not past their close date"
  description = "An open opportunity past its close date misleads the partner about your pipeline."
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

control "shared_opportunity_has_amount" {
  title       = "Shared opportunities have an amount"
  description = "A shared opportunity without an amount cannot be weighed by the partner."
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

control "shared_opportunity_has_stage" {
  title       = "Shared opportunities have a stage"
  description = "A shared opportunity without a sales stage tells the partner nothing about its progress."
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
