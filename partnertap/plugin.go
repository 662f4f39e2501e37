// Package partnertap is the Steampipe plugin for PartnerTap: SQL tables over the PartnerTap
// Analytics API.
package partnertap

import (
	"context"
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// freeMemIntervalEnv is the SDK's setting for how often, in streamed rows, a scan forces a full
// garbage collection and returns memory to the OS. Its default, every 100 rows, made scans 5x
// slower (see docs/performance.md); Go's collector keeps a streaming scan's memory bounded anyway.
const freeMemIntervalEnv = "STEAMPIPE_FREE_MEM_INTERVAL"

// Plugin returns the plugin definition; the Steampipe FDW and export builders import it by this name.
func Plugin(ctx context.Context) *plugin.Plugin {
	if _, set := os.LookupEnv(freeMemIntervalEnv); !set {
		_ = os.Setenv(freeMemIntervalEnv, "0") // a user's own setting wins
	}
	// PartnerTap's quota is paced by the client (client.Quota, requests_per_minute), not by an SDK
	// limiter: the SDK's are token buckets, which cannot spend a rolling window exactly. A user's
	// own `limiter` blocks still apply to every page (d.WaitForListRateLimit).
	p := &plugin.Plugin{
		Name:             "steampipe-plugin-partnertap",
		DefaultTransform: fromGo(),
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: configInstance,
		},
		// Each connection's v1 tables have its org's own columns (schema.go); TableMap is the
		// static schema, which the tests and the docs list.
		SchemaMode: plugin.SchemaModeDynamic,
		TableMap:   staticTables(ctx),
	}
	p.TableMapFunc = tableMapFunc(p)
	return p
}
