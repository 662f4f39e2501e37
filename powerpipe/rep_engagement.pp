locals {
  rep_engagement_common_tags = merge(local.partnertap_insights_common_tags, {
    rep_engagement = "true"
  })
}

benchmark "rep_engagement" {
  title         = "Rep Engagement"
  description   = "Are your sales reps using PartnerTap and answering their partners?"
  documentation = file("./docs/rep_engagement.md")
  children = [
    control.rep_answers_partner_requests,
    control.rep_sent_requests_answered,
    control.rep_has_partnerships,
    control.rep_assigned_to_division,
    control.division_login_rate,
    control.rep_partner_chat_recent,
  ]

  tags = merge(local.rep_engagement_common_tags, {
    type = "Benchmark"
  })
}

control "rep_answers_partner_requests" {
  title       = "Reps answer the partner requests they receive"
  description = "Partner requests left unanswered stall co-selling before it starts."
  query       = query.rep_answers_partner_requests

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_rep_partnership_stat"
  })
}

control "rep_sent_requests_answered" {
  title       = "Reps' partner requests get answers"
  description = "Many requests a rep sent that partners have not answered point to the wrong contacts."
  query       = query.rep_sent_requests_answered

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_rep_partnership_stat"
  })
}

control "rep_has_partnerships" {
  title       = "Every rep has at least one partnership"
  description = "A rep without a single accepted partnership does not work with the partner ecosystem."
  query       = query.rep_has_partnerships

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_rep_partnership_stat"
  })
}

control "rep_assigned_to_division" {
  title       = "Every rep belongs to a division"
  description = "Reps without a division are missing from the dashboard by division."
  query       = query.rep_assigned_to_division

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_rep_partnership_stat"
  })
}

control "division_login_rate" {
  title       = "Divisions' reps log in to PartnerTap"
  description = "A division where few reps have logged in gets little from its partners."
  query       = query.division_login_rate

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_dashboard"
  })
}

control "rep_partner_chat_recent" {
  title       = "Rep and partner conversations stay active"
  description = "A rep and partner pair whose last chat is months old has gone quiet."
  query       = query.rep_partner_chat_recent

  tags = merge(local.rep_engagement_common_tags, {
    table = "partnertap_chat_exchange"
  })
}
