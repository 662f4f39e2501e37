// Package sdkpatch holds the regression tests of the patches we carry to the Steampipe plugin SDK
// (third_party/README.md): each drives a minimal plugin through plugin.Server and the gRPC
// Execute, as the Steampipe CLI's FDW does, and fails on the SDK without its patch
// (scripts/sdk-fork.sh proof runs them against the SDK without each patch).
package sdkpatch

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	grpclib "google.golang.org/grpc"
)

// numbers is what the minimal plugin's one table, "numbers", streams: rows n = 0 .. count-1, each
// with a text column of padding bytes, then, when failAfter >= 0, the error errList after
// failAfter rows instead of the rest.
type numbers struct {
	count     int
	failAfter int
	padding   int
	// lists counts the list calls: how often the table was read rather than answered from the cache.
	lists atomic.Int64
}

var errList = errors.New("the list failed mid-read")

type numberRow struct {
	N   int64
	Pad string
}

func (nb *numbers) plugin(context.Context) *plugin.Plugin {
	return &plugin.Plugin{
		Name:             "steampipe-plugin-numbers",
		DefaultTransform: transform.FromGo(),
		// "numbers" and "other_numbers" are the same table under two names: two results that
		// share the query cache.
		TableMap: map[string]*plugin.Table{"numbers": nb.table("numbers"), "other_numbers": nb.table("other_numbers"), "wide_numbers": nb.wideTable()},
	}
}

// wideTable is numbers with 12 more columns, each n again: a row as wide as a typical table's.
func (nb *numbers) wideTable() *plugin.Table {
	t := nb.table("wide_numbers")
	for i := range 12 {
		t.Columns = append(t.Columns, &plugin.Column{Name: fmt.Sprintf("n%d", i), Type: proto.ColumnType_INT, Transform: transform.FromField("N")})
	}
	return t
}

func (nb *numbers) table(name string) *plugin.Table {
	return &plugin.Table{
		Name: name,
		// pad is a key column so that scans can carry a qual, as most plugin scans do.
		List: &plugin.ListConfig{Hydrate: nb.list, KeyColumns: plugin.OptionalColumns([]string{"pad"})},
		Columns: []*plugin.Column{
			{Name: "n", Type: proto.ColumnType_INT},
			{Name: "pad", Type: proto.ColumnType_STRING},
		},
	}
}

func (nb *numbers) list(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	nb.lists.Add(1)
	pad := string(make([]byte, nb.padding))
	for n := range nb.count {
		if n == nb.failAfter {
			return nil, errList
		}
		d.StreamListItem(ctx, numberRow{N: int64(n), Pad: pad})
		if d.RowsRemaining(ctx) == 0 {
			return nil, nil
		}
	}
	return nil, nil
}

const connection = "numbers"

// serve starts the minimal plugin with one connection and a query cache of cacheMb megabytes.
func serve(t testing.TB, nb *numbers, cacheMb int) *grpc.PluginServer {
	t.Helper()
	srv := plugin.Server(&plugin.ServeOpts{PluginFunc: nb.plugin})
	_, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{
			Connection: connection, Plugin: "local/numbers", PluginShortName: "numbers", PluginInstance: "local/numbers",
		}},
		MaxCacheSizeMb: int64(cacheMb),
	})
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return srv
}

// serveTables starts a plugin of the given tables with one connection and no query cache.
func serveTables(t testing.TB, tables map[string]*plugin.Table) *grpc.PluginServer {
	t.Helper()
	srv := plugin.Server(&plugin.ServeOpts{PluginFunc: func(context.Context) *plugin.Plugin {
		return &plugin.Plugin{Name: "steampipe-plugin-numbers", DefaultTransform: transform.FromGo(), TableMap: tables}
	}})
	if _, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{Configs: []*proto.ConnectionConfig{{
		Connection: connection, Plugin: "local/numbers", PluginShortName: "numbers", PluginInstance: "local/numbers",
	}}}); err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return srv
}

// consumer is how Postgres takes the rows: after firstRowDelay (a backend compiling the query
// before it reads), then rowDelay per row.
type consumer struct {
	firstRowDelay time.Duration
	rowDelay      time.Duration
}

var callID atomic.Int64

// scan executes `select n, pad from numbers` and returns the n of every row, in order.
func scan(srv *grpc.PluginServer, cache bool, c consumer) ([]int64, error) {
	return scanTable(srv, "numbers", cache, c)
}

// scanTable is scan of one of the plugin's tables.
func scanTable(srv *grpc.PluginServer, table string, cache bool, c consumer) ([]int64, error) {
	return scanWhere(srv, table, []string{"n", "pad"}, map[string]*proto.Quals{}, cache, c)
}

// scanWhere is scanTable of some columns, with quals.
func scanWhere(srv *grpc.PluginServer, table string, columns []string, qualMap map[string]*proto.Quals, cache bool, c consumer) ([]int64, error) {
	return scanLimited(srv, table, columns, qualMap, -1, cache, c)
}

// scanLimited is scanWhere with a LIMIT (-1: none).
func scanLimited(srv *grpc.PluginServer, table string, columns []string, qualMap map[string]*proto.Quals, limit int64, cache bool, c consumer) ([]int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req := &proto.ExecuteRequest{
		Table:        table,
		QueryContext: proto.NewQueryContext(columns, qualMap, limit, nil),
		Connection:   connection,
		CallId:       fmt.Sprintf("sdkpatch-%d", callID.Add(1)),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{
			connection: {CacheEnabled: cache, CacheTtl: 300},
		},
	}
	if limit >= 0 {
		// the FDW sends the limit in both places; the SDK reads this one
		req.ExecuteConnectionData[connection].Limit = &proto.NullableInt{Value: limit}
	}
	stream := &rowStream{ctx: ctx, consumer: c}
	err := srv.Execute(req, stream)
	return stream.rows, err
}

// rowStream is the server side of an Execute stream; the SDK uses only Send and Context of it.
type rowStream struct {
	grpclib.ServerStream
	ctx      context.Context
	consumer consumer
	rows     []int64
}

func (s *rowStream) Send(r *proto.ExecuteResponse) error {
	if r == nil || r.Row == nil {
		return nil
	}
	if len(s.rows) == 0 {
		time.Sleep(s.consumer.firstRowDelay)
	}
	// A busy wait: time.Sleep's granularity is too coarse for microseconds.
	for start := time.Now(); time.Since(start) < s.consumer.rowDelay; {
	}
	s.rows = append(s.rows, r.Row.Columns["n"].GetIntValue())
	return nil
}

func (s *rowStream) Context() context.Context { return s.ctx }

// everyRowOnce says how rows differ from 0 .. count-1 each exactly once, or "" when they don't.
func everyRowOnce(rows []int64, count int) string {
	seen := make([]int, count)
	repeated, foreign := 0, 0
	for _, n := range rows {
		if n < 0 || int(n) >= count {
			foreign++
			continue
		}
		if seen[n]++; seen[n] == 2 {
			repeated++
		}
	}
	missing := 0
	for _, s := range seen {
		if s == 0 {
			missing++
		}
	}
	if repeated == 0 && missing == 0 && foreign == 0 {
		return ""
	}
	var rep, miss []int
	for n, s := range seen {
		if s > 1 && len(rep) < 5 {
			rep = append(rep, n)
		}
		if s == 0 && len(miss) < 5 {
			miss = append(miss, n)
		}
	}
	return fmt.Sprintf("%d rows: %d repeated (%v...), %d missing (%v...), %d not in the table", len(rows), repeated, rep, missing, miss, foreign)
}
