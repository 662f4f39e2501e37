package partnertap

import "github.com/turbot/steampipe-plugin-sdk/v5/plugin"

// withoutQueryCache turns the SDK's query cache off for every table.
//
// Why: in SDK v5.14.1 a query that fills the cache hands its own rows to Postgres from the cache's
// page buffer, and when Postgres takes rows more slowly than the API delivers them (a cold
// backend compiling with JIT, a join, a slow expression), the buffer is refilled with the next
// 1000 rows before the earlier ones are sent: the query returns as many rows as it should, but
// some are repeats of rows 1000 later and others are missing. Seen through the real Steampipe
// (e2e TestFirstScanAfterAStartGetsEveryRowOnce): 4768 different rows of 4975 in the first scan
// after a start, and joins with local tables losing matches. Every scan goes to the API instead;
// the rate limiter still paces it.
func withoutQueryCache(tables map[string]*plugin.Table) {
	for _, table := range tables {
		table.Cache = &plugin.TableCacheOptions{Enabled: false}
	}
}
