# The queries of the rep_engagement benchmark's controls (rep_engagement.pp), one per control and
# named after it. A threshold is a param whose default is the mod variable of the same name, so
# `--var name=value` or a powerpipe.ppvars file changes it.

query "rep_answers_partner_requests" {
  sql = <<-EOQ
    select
      email_address as resource,
      case when pending_received_requests > $1 then 'alarm' else 'ok' end as status,
      rep_name || ' has ' || pending_received_requests || ' partner request(s) waiting for an answer.' as reason,
      coalesce(division, '(none)') as division,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_rep_partnership_stat;
  EOQ

  param "max_pending_received_requests" {
    description = "A rep alarms when more partner requests than this wait for their answer."
    default     = var.max_pending_received_requests
  }
}

query "rep_sent_requests_answered" {
  sql = <<-EOQ
    select
      email_address as resource,
      case when pending_sent_requests > $1 then 'alarm' else 'ok' end as status,
      rep_name || ' has ' || pending_sent_requests || ' sent request(s) not answered yet.' as reason,
      coalesce(division, '(none)') as division,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_rep_partnership_stat;
  EOQ

  param "max_pending_sent_requests" {
    description = "A rep alarms when more of their own partner requests than this are not answered yet."
    default     = var.max_pending_sent_requests
  }
}

query "rep_has_partnerships" {
  sql = <<-EOQ
    select
      email_address as resource,
      case when accepted_partnerships = 0 then 'alarm' else 'ok' end as status,
      rep_name || ' has ' || accepted_partnerships || ' accepted partnership(s).' as reason,
      coalesce(division, '(none)') as division,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_rep_partnership_stat;
  EOQ
}

query "rep_assigned_to_division" {
  sql = <<-EOQ
    select
      email_address as resource,
      case when division is null then 'alarm' else 'ok' end as status,
      case when division is null then rep_name || ' has no division.' else rep_name || ' is in ' || division || '.' end as reason,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_rep_partnership_stat;
  EOQ
}

query "division_login_rate" {
  sql = <<-EOQ
    select
      division as resource,
      case when 100.0 * sales_rep_login_count / nullif(sales_rep_count, 0) < $1 then 'alarm' else 'ok' end as status,
      division || ': ' || sales_rep_login_count || ' of ' || sales_rep_count || ' reps have logged in ('
        || round(100.0 * sales_rep_login_count / nullif(sales_rep_count, 0), 1) || '%).' as reason,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_dashboard;
  EOQ

  param "min_login_rate_pct" {
    description = "A division alarms when a smaller share of its reps than this (in percent) has logged in."
    default     = var.min_login_rate_pct
  }
}

query "rep_partner_chat_recent" {
  sql = <<-EOQ
    select
      email_address || ' / ' || partner_org as resource,
      case when last_chat_date < now() - make_interval(days => $1::int) then 'alarm' else 'ok' end as status,
      rep_name || ' last chatted with ' || partner_org || ' on ' || to_char(last_chat_date, 'YYYY-MM-DD') || '.' as reason,
      partner_org,
      _ctx ->> 'connection_name' as connection_name
    from
      partnertap_chat_exchange;
  EOQ

  param "max_chat_idle_days" {
    description = "A rep and partner pair alarms when their last chat is older than this many days."
    default     = var.max_chat_idle_days
  }
}
