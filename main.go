package main

import (
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap"
)

func main() {
	plugin.Serve(&plugin.ServeOpts{PluginFunc: partnertap.Plugin})
}
