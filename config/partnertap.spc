connection "partnertap" {
  plugin = "local/partnertap"

  # Your PartnerTap API key (ask your PartnerTap admin for one with API access). The plugin
  # exchanges it for a JWT, caches the token and renews it before it expires.
  # Falls back to the PARTNERTAP_API_KEY environment variable.
  # api_key = "00000000-0000-4000-8000-000000000000"

  # A JWT to use as is, for users who already hold one instead of a key. It cannot be renewed:
  # once it expires, queries fail with a 401 until you replace it.
  # Falls back to the PARTNERTAP_TOKEN environment variable.
  # token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9..."

  # The API's address. https is required, except for loopback hosts (the sandbox).
  # Defaults to https://reports.partnertap.com; PartnerTap's test host is https://test-reports.partnertap.com.
  # Falls back to the PARTNERTAP_BASE_URL environment variable.
  # base_url = "https://reports.partnertap.com"

  # Rows per API request, 1 to 2000 (the API's maximum). Defaults to 2000: the fewest requests.
  # page_size = 2000

  # Seconds to wait for one HTTP answer before retrying it, 1 to 3600. Defaults to 60.
  # request_timeout = 60

  # Pages read at once after the first, 1 to 16. Defaults to 4: a slow link costs one round trip per
  # 4 pages. On the v1 tables requests_per_minute still bounds the requests per minute.
  # page_concurrency = 4

  # The key's quota on the v1 API (the Analytics API has none): requests in any rolling minute,
  # PartnerTap's documented 100 by default. Every
  # connection of the plugin that uses the same key (and host) shares it; when they set different
  # values, the lowest applies until the plugin restarts. 0 turns the plugin's pacing off.
  # requests_per_minute = 100

  # Your org's own fields as columns: each v1 table (partnertap_matched_account, the global overlap
  # lists, ...) gets a typed column for every custom CRM field and partner-shared field its
  # /columns reports, read when the connection loads (one request per list and per connected
  # partner, within requests_per_minute). Defaults to true; false keeps the standard columns only
  # (the fields stay in custom_fields and partner_fields).
  # dynamic_columns = true

  # Seconds between checks of the org's own fields, to pick up new ones without a restart: 0, or 60
  # to 604800 (each check spends 8 requests of the quota). Defaults to 0: the columns are read only
  # when the connection loads (Steampipe's start, a change to this file).
  # schema_refresh_interval = 0
}
