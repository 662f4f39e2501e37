package sdkpatch

import (
	"context"
	"sync"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Patch 0020. A plugin that tells the SDK its connection's schema changed
// (Plugin.ConnectionSchemaChanged, as a file watcher or the PartnerTap plugin's schema refresh
// does) while Steampipe reads the schema: unpatched, the SDK wrote the new schema into the
// connection data that GetSchema reads without a lock, and the race detector reports it (make test
// runs this package with -race).
func TestSchemaChangeWhileTheSchemaIsReadIsRaceFree(t *testing.T) {
	var p *plugin.Plugin
	var conn *plugin.Connection
	var mu sync.Mutex
	srv := plugin.Server(&plugin.ServeOpts{PluginFunc: func(ctx context.Context) *plugin.Plugin {
		p = dynamicPlugin(ctx)
		tableMap := p.TableMapFunc
		p.TableMapFunc = func(ctx context.Context, d *plugin.TableMapData) (map[string]*plugin.Table, error) {
			mu.Lock()
			conn = d.Connection
			mu.Unlock()
			return tableMap(ctx, d)
		}
		return p
	}})
	if _, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{Configs: []*proto.ConnectionConfig{{
		Connection: "east", Plugin: "local/dynamic", PluginShortName: "dynamic", PluginInstance: "local/dynamic",
	}}}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	changed := conn
	mu.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 200 {
			if err := p.ConnectionSchemaChanged(changed); err != nil {
				t.Error(err)
			}
		}
	}()
	for {
		select {
		case <-done:
			return
		default:
		}
		res, err := srv.GetSchema(&proto.GetSchemaRequest{Connection: "east"})
		if err != nil || res.GetSchema().GetSchema()["accounts"] == nil {
			t.Fatalf("schema %v, %v", res, err)
		}
	}
}
