package sdkpatch

import (
	"context"
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// dynamicPlugin is a plugin with a dynamic schema: each connection's "accounts" table has the
// columns n and region, and one more column of its own, named after the connection, which is an
// optional key column as region is (as an org's own fields are in the PartnerTap plugin).
func dynamicPlugin(context.Context) *plugin.Plugin {
	return &plugin.Plugin{
		Name:             "steampipe-plugin-dynamic",
		DefaultTransform: transform.FromGo(),
		SchemaMode:       plugin.SchemaModeDynamic,
		TableMapFunc: func(_ context.Context, d *plugin.TableMapData) (map[string]*plugin.Table, error) {
			own := d.Connection.Name + "_field"
			return map[string]*plugin.Table{"accounts": {
				Name: "accounts",
				List: &plugin.ListConfig{
					Hydrate: func(ctx context.Context, qd *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
						qd.StreamListItem(ctx, map[string]any{"n": int64(len(qd.Connection.Name)), "region": "East", own: "x"})
						return nil, nil
					},
					KeyColumns: plugin.OptionalColumns([]string{"region", own}),
				},
				Columns: []*plugin.Column{
					{Name: "n", Type: proto.ColumnType_INT, Transform: transform.FromField("n")},
					{Name: "region", Type: proto.ColumnType_STRING, Transform: transform.FromField("region")},
					{Name: own, Type: proto.ColumnType_STRING, Transform: transform.FromField(own)},
				},
			}}, nil
		},
	}
}

// An aggregator over connections whose tables have optional key columns of their own keeps the
// table, with every connection's columns and the key columns all have (patch 0019); unpatched,
// the SDK drops the table from the aggregator ("key columns are not consistent").
func TestAggregatorKeepsTablesWhoseOptionalKeyColumnsDiffer(t *testing.T) {
	srv := plugin.Server(&plugin.ServeOpts{PluginFunc: dynamicPlugin})
	config := func(name string, children ...string) *proto.ConnectionConfig {
		c := &proto.ConnectionConfig{Connection: name, Plugin: "local/dynamic", PluginShortName: "dynamic", PluginInstance: "local/dynamic"}
		if children != nil {
			c.Type, c.ChildConnections = "aggregator", children
		}
		return c
	}
	if _, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{Configs: []*proto.ConnectionConfig{
		config("east"), config("west"), config("all", "east", "west"),
	}}); err != nil {
		t.Fatal(err)
	}
	res, err := srv.GetSchema(&proto.GetSchemaRequest{Connection: "all"})
	if err != nil {
		t.Fatal(err)
	}
	table := res.GetSchema().GetSchema()["accounts"]
	if table == nil {
		t.Fatal("the aggregator has no accounts table")
	}
	var columns, keys []string
	for _, c := range table.Columns {
		if !plugin.IsReservedColumnName(c.Name) {
			columns = append(columns, c.Name)
		}
	}
	for _, k := range table.ListCallKeyColumnList {
		keys = append(keys, k.Name)
	}
	slices.Sort(columns)
	if !slices.Equal(columns, []string{"east_field", "n", "region", "west_field"}) || !slices.Equal(keys, []string{"region", "sp_connection_name"}) {
		t.Fatalf("aggregator columns %v, key columns %v: want every connection's columns and the common key column", columns, keys)
	}
}
