mod "partnertap_insights" {
  # Hub-style metadata
  title         = "PartnerTap Insights"
  description   = "Partnership health checks and an overview dashboard for PartnerTap data, through the Steampipe PartnerTap plugin."
  color         = "#1E88E5"
  documentation = file("./docs/index.md")
  # The icon is metadata for a mod catalogue: Powerpipe keeps the string as it is and neither
  # resolves nor reads the file. This path is relative to the mod's folder.
  icon       = "./docs/images/partnertap_insights.svg"
  categories = ["partnertap", "partnerships", "sales", "insights"]

  opengraph {
    title       = "Powerpipe Mod for PartnerTap Insights"
    description = "Check how your sales reps engage with partners and how healthy your partnerships are, across every PartnerTap org you connect, with Powerpipe and Steampipe."
  }

  require {
    # min_version is the plugin's first release (the repository's VERSION file). Powerpipe v1.5.2
    # compares it only with a plugin Steampipe reports a semantic version for: a plugin built into
    # plugins/local/ (as `make install` and the e2e suite do) reports the version "local", and
    # Powerpipe then checks only that a plugin of this name is installed. Even a requirement
    # that fails is a warning, not an error.
    plugin "local/partnertap" {
      min_version = "0.1.0"
    }
  }
}

# Tags every benchmark, control and dashboard of the mod carries. A benchmark merges its own
# locals into them (see rep_engagement.pp and partner_health.pp), and each resource adds its own.
locals {
  partnertap_insights_common_tags = {
    category = "Insights"
    plugin   = "partnertap"
    service  = "PartnerTap"
  }
}
