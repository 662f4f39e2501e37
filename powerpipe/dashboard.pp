dashboard "partnertap_overview" {
  title         = "PartnerTap Overview"
  documentation = file("./docs/partnertap_overview.md")

  tags = merge(local.partnertap_insights_common_tags, {
    type = "Dashboard"
  })

  # The cards add up every connection in the search path: over an aggregator, the totals of all
  # its orgs.
  container {
    card {
      width = 3
      sql   = "select sum(sales_rep_count) as \"Sales Reps\" from partnertap_dashboard"
    }
    card {
      width = 3
      sql   = "select sum(sales_rep_login_count) as \"Reps Logged In\" from partnertap_dashboard"
    }
    card {
      width = 3
      sql   = "select sum(partnership_count) as \"Partnerships\" from partnertap_dashboard"
    }
    card {
      width = 3
      sql   = "select sum(chat_count) as \"Chats\" from partnertap_dashboard"
    }
    card {
      width = 3
      type  = "alert"
      sql   = "select count(*) as \"Reps With Unanswered Requests\" from partnertap_rep_partnership_stat where pending_received_requests > 0"
    }
  }

  # A chart's series is the division. When the rows come from more than one connection (an
  # aggregator), the series is the connection and the division, so that two orgs' divisions of
  # the same name stay two lines.
  container {
    chart {
      title = "Partnerships by Division, Monthly"
      type  = "line"
      width = 6
      sql   = <<-EOQ
        with history as (
          select period_start, division, partnership_count, _ctx ->> 'connection_name' as connection_name
          from partnertap_dashboard_history
          where interval = 'MONTH'
        ), connections as (
          select count(distinct connection_name) as n from history
        )
        select
          period_start,
          case when connections.n > 1 then connection_name || ' / ' || coalesce(division, '(none)') else division end as division,
          partnership_count
        from history, connections
        order by period_start, division
      EOQ
      series "partnership_count" {}
    }
    chart {
      title = "Chats by Division, Monthly"
      type  = "column"
      width = 6
      sql   = <<-EOQ
        with history as (
          select period_start, division, chat_count, _ctx ->> 'connection_name' as connection_name
          from partnertap_dashboard_history
          where interval = 'MONTH' and period_start >= now() - interval '1 year'
        ), connections as (
          select count(distinct connection_name) as n from history
        )
        select
          period_start,
          case when connections.n > 1 then connection_name || ' / ' || coalesce(division, '(none)') else division end as division,
          chat_count
        from history, connections
        order by period_start, division
      EOQ
    }
  }

  # Each table row belongs to one org: the Connection column says which.
  container {
    table {
      title = "Reps Leaving the Most Partner Requests Unanswered"
      width = 6
      sql   = <<-EOQ
        select rep_name as "Rep", division as "Division", pending_received_requests as "Waiting",
          _ctx ->> 'connection_name' as "Connection"
        from partnertap_rep_partnership_stat
        where pending_received_requests > 0
        order by pending_received_requests desc, rep_name
        limit 10
      EOQ
    }
    table {
      title = "Partners That Never Share Back"
      width = 6
      sql   = <<-EOQ
        select partner_org as "Partner", opps_shared_outbound as "Received From You", round(amount_outbound) as "Amount",
          _ctx ->> 'connection_name' as "Connection"
        from partnertap_opportunity_share_summary
        where opps_shared_outbound > 0 and opps_shared_inbound = 0
        order by opps_shared_outbound desc
      EOQ
    }
  }
}
