benchmark "rep_engagement" {
  title       = "Rep Engagement"
  description = "Are your sales reps using PartnerTap and answering their partners?"
  children = [
    control.rep_answers_partner_requests,
    control.rep_sent_requests_answered,
    control.rep_has_partnerships,
    control.rep_assigned_to_division,
    control.division_login_rate,
    control.rep_partner_chat_recent,
  ]
}

control "rep_answers_partner_requests" {
  title       = "Reps answer the partner requests they receive"
  description = "Partner requests left unanswered stall co-selling before it starts."
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
    default = var.max_pending_received_requests
  }
}

control "rep_sent_requests_answered" {
  title       = "Reps' partner requests get answers"
  description = "Many requests a rep sent that partners have not answered point to the wrong contacts."
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
    default = var.max_pending_sent_requests
  }
}

control "rep_has_partnerships" {
  title       = "Every rep has at least one partnership"
  description = "A rep without a single accepted partnership does not work with the partner ecosystem."
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

control "rep_assigned_to_division" {
  title       = "Every rep belongs to a division"
  description = "Reps without a division are missing from the dashboard by division."
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

control "division_login_rate" {
  title       = "Divisions' reps log in to PartnerTap"
  description = "A division where few reps have logged in gets little from its partners."
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
    default = var.min_login_rate_pct
  }
}

control "rep_partner_chat_recent" {
  title       = "Rep and partner conversations stay active"
  description = "A rep and partner pair whose last chat is months old has gone quiet."
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
    default = var.max_chat_idle_days
  }
}
