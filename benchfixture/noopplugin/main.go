// Command noopplugin serves the benchmark fixture benchfixture/noop as a Steampipe plugin.
package main

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/benchfixture/noop"
)

func main() {
	plugin.Serve(&plugin.ServeOpts{PluginFunc: noop.Plugin})
}
