locals {
  partner_health_common_tags = merge(local.partnertap_insights_common_tags, {
    partner_health = "true"
  })
}

benchmark "partner_health" {
  title         = "Partner Health"
  description   = "Are your partnerships reciprocal, your shared opportunities current and your overlapping accounts owned?"
  documentation = file("./docs/partner_health.md")
  children = [
    control.partner_shares_back,
    control.partner_chat_recent,
    control.matched_account_has_owner,
    control.shared_opportunity_not_past_close_date,
    control.shared_opportunity_has_amount,
    control.shared_opportunity_has_stage,
  ]

  tags = merge(local.partner_health_common_tags, {
    type = "Benchmark"
  })
}

control "partner_shares_back" {
  title       = "Partners share opportunities back"
  description = "A partner org that receives your opportunities but never shares one is a one-way partnership."
  query       = query.partner_shares_back

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_opportunity_share_summary"
  })
}

control "partner_chat_recent" {
  title       = "Someone talks to every partner"
  description = "A partner org none of your reps has chatted with recently is drifting away."
  query       = query.partner_chat_recent

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_chat_exchange"
  })
}

control "matched_account_has_owner" {
  title       = "Accounts you share with partners have an owner"
  description = "An overlapping account without an owner in your CRM has no one to co-sell it."
  query       = query.matched_account_has_owner

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_sale_account"
  })
}

control "shared_opportunity_not_past_close_date" {
  title       = "Open shared opportunities are not past their close date"
  description = "An open opportunity past its close date misleads the partner about your pipeline."
  query       = query.shared_opportunity_not_past_close_date

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_opportunity"
  })
}

control "shared_opportunity_has_amount" {
  title       = "Shared opportunities have an amount"
  description = "A shared opportunity without an amount cannot be weighed by the partner."
  query       = query.shared_opportunity_has_amount

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_opportunity"
  })
}

control "shared_opportunity_has_stage" {
  title       = "Shared opportunities have a stage"
  description = "A shared opportunity without a sales stage tells the partner nothing about its progress."
  query       = query.shared_opportunity_has_stage

  tags = merge(local.partner_health_common_tags, {
    table = "partnertap_opportunity"
  })
}
