package main

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/gcheadroom"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap"
)

func main() {
	// Only the plugin process: the standalone Postgres extension calls partnertap.Plugin inside a
	// Postgres backend, whose Go runtime is the FDW's too.
	gcheadroom.Keep(gcheadroom.PluginHeadroom)
	plugin.Serve(&plugin.ServeOpts{PluginFunc: partnertap.Plugin})
}
