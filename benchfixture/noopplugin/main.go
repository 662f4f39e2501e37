// Command noopplugin serves the benchmark fixture benchfixture/noop as a Steampipe plugin, with
// the collector's headroom of this repository's plugin (main.go), so that the floor is tuned as
// the plugin is.
package main

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/benchfixture/noop"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/gcheadroom"
)

func main() {
	gcheadroom.Keep(gcheadroom.PluginHeadroom)
	plugin.Serve(&plugin.ServeOpts{PluginFunc: noop.Plugin})
}
