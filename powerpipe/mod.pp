mod "partnertap_insights" {
  title       = "PartnerTap Insights"
  description = "Partnership health checks and an overview dashboard for PartnerTap data, through the Steampipe PartnerTap plugin."
  categories  = ["partnertap", "partnerships"]

  require {
    plugin "local/partnertap" {
      min_version = "0.0.0"
    }
  }
}
