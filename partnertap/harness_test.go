package partnertap

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	grpclib "google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// harness drives the plugin in-process the way the Steampipe CLI does (plugin.Server,
// SetAllConnectionConfigs, Execute), against a sandbox of its own.
type harness struct {
	t       testing.TB
	plugin  *grpc.PluginServer
	sandbox *sandbox.Server
	url     string
	// rowDelay, when set, is how long the stream takes to pass on each row: a slow consumer.
	rowDelay time.Duration
	// cache turns the SDK's query cache on for scans.
	cache bool
	// scanTimeout bounds a scan; zero means 2 minutes. Quota-bound benchmarks take longer.
	scanTimeout time.Duration
}

const testConnection = "partnertap"

var callCounter atomic.Int64

// newHarness starts a sandbox and a plugin whose connection config is spc, where %s stands for
// the sandbox's URL.
func newHarness(t testing.TB, cfg sandbox.Config, spc string) *harness {
	t.Helper()
	sb, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := sandbox.StartTestServer(sb)
	t.Cleanup(srv.Close)
	h := newHarnessAt(t, srv.URL, spc)
	h.sandbox = sb
	return h
}

// newHarnessAt is a plugin configured for a sandbox already running at url (e.g. in another
// process, for benchmarks); h.sandbox is nil.
func newHarnessAt(t testing.TB, url, spc string) *harness {
	t.Helper()
	h := &harness{t: t, plugin: plugin.Server(&plugin.ServeOpts{PluginFunc: Plugin}), url: url}
	t.Cleanup(stopAllSchemaWatches) // the plugin ends with the test; its refreshes too
	h.configure(fmt.Sprintf(spc, url))
	return h
}

// setUserLimiter installs a rate limiter as a user's HCL `limiter` block does.
func (h *harness) setUserLimiter(fillRate float32, bucket int64) {
	h.t.Helper()
	_, err := h.plugin.SetRateLimiters(&proto.SetRateLimitersRequest{Definitions: []*proto.RateLimiterDefinition{{
		Name: "user_limiter", FillRate: fillRate, BucketSize: bucket, Scope: []string{"connection"},
	}}})
	if err != nil {
		h.t.Fatal(err)
	}
}

// demoSpc is a connection config with the sandbox's demo key; %s is the sandbox URL.
const demoSpc = `api_key = "` + sandbox.DemoAPIKey + `"
base_url = "%s"
`

func (h *harness) configure(spc string) {
	h.t.Helper()
	h.configureConnections(map[string]string{testConnection: spc})
}

// configureConnections sets every connection's config, by connection name.
func (h *harness) configureConnections(spcs map[string]string) {
	h.t.Helper()
	var configs []*proto.ConnectionConfig
	for name, spc := range spcs {
		if !strings.Contains(spc, "requests_per_minute") {
			// Tests read many pages quickly; rate_limit_test.go sets the quota itself.
			spc = "requests_per_minute = 0\n" + spc
		}
		if !strings.Contains(spc, "dynamic_columns") {
			// The schema's /columns calls would spend the sandbox's quota and fill the request
			// logs other tests count; schema_test.go turns them on.
			spc = "dynamic_columns = false\n" + spc
		}
		configs = append(configs, &proto.ConnectionConfig{
			Connection: name, Plugin: "local/partnertap", PluginShortName: "partnertap",
			Config: spc, PluginInstance: "local/partnertap",
		})
	}
	_, err := h.plugin.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: configs,
		// Scans use the query cache only where a test sets h.cache; the size is Steampipe's
		// default (the cache's size also sets the process's soft memory limit, SDK patch 0017).
		MaxCacheSizeMb: 16384,
	})
	if err != nil {
		h.t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
}

// query is one table scan: the columns to read, the quals, and a limit (-1 for none).
type query struct {
	table   string
	columns []string
	quals   map[string]*proto.Quals
	limit   int64
	// connection is the connection to scan; empty means testConnection.
	connection string
}

// run executes a scan and returns its rows as column name → Go value.
func (h *harness) run(q query) ([]map[string]any, error) {
	h.t.Helper()
	var rows []map[string]any
	err := h.scan(q, func(r *proto.Row) {
		row := map[string]any{}
		for name, col := range r.Columns {
			row[name] = columnValue(col)
		}
		rows = append(rows, row)
	})
	return rows, err
}

// scan executes a scan and hands each row to onRow as the FDW receives it. It goes through the
// plugin's gRPC Execute, as the Steampipe CLI's FDW does, which returns the scan's error when it
// ends. (The SDK's in-process stream, used by CallExecuteAsync, can report an error as a clean
// end: about 1 in 1,500 failing scans came back as empty successes, and more under load.)
func (h *harness) scan(q query, onRow func(*proto.Row)) error {
	h.t.Helper()
	if q.quals == nil {
		q.quals = map[string]*proto.Quals{}
	}
	if q.limit == 0 {
		q.limit = -1
	}
	if q.connection == "" {
		q.connection = testConnection
	}
	timeout := h.scanTimeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	execData := &proto.ExecuteConnectionData{CacheEnabled: h.cache, CacheTtl: 300}
	if q.limit >= 0 {
		execData.Limit = &proto.NullableInt{Value: q.limit}
	}
	req := &proto.ExecuteRequest{
		Table:                 q.table,
		QueryContext:          proto.NewQueryContext(q.columns, q.quals, q.limit, nil),
		Connection:            q.connection,
		CallId:                fmt.Sprintf("test-%d", callCounter.Add(1)),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{q.connection: execData},
	}
	return h.plugin.Execute(req, &rowStream{ctx: ctx, onRow: onRow, delay: h.rowDelay})
}

// rowStream is the server side of an Execute stream: it hands rows to onRow. The SDK uses only
// Send and Context of it.
type rowStream struct {
	grpclib.ServerStream
	ctx   context.Context
	onRow func(*proto.Row)
	delay time.Duration
}

func (s *rowStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		// A busy wait: time.Sleep's granularity is too coarse for microseconds.
		for start := time.Now(); time.Since(start) < s.delay; {
		}
		s.onRow(r.Row)
	}
	return nil
}

func (s *rowStream) Context() context.Context { return s.ctx }

// mustRun is run that fails the test on an error.
func (h *harness) mustRun(q query) []map[string]any {
	h.t.Helper()
	rows, err := h.run(q)
	if err != nil {
		h.t.Fatalf("query %s: %v", q.table, err)
	}
	return rows
}

func columnValue(c *proto.Column) any {
	switch v := c.Value.(type) {
	case *proto.Column_StringValue:
		return v.StringValue
	case *proto.Column_IntValue:
		return v.IntValue
	case *proto.Column_DoubleValue:
		return v.DoubleValue
	case *proto.Column_BoolValue:
		return v.BoolValue
	case *proto.Column_TimestampValue:
		return v.TimestampValue.AsTime().UTC()
	case *proto.Column_JsonValue:
		return string(v.JsonValue)
	}
	return nil
}

// Qual builders.

func eq(column string, value any) map[string]*proto.Quals {
	return quals(qual(column, "=", value))
}

func quals(qs ...*proto.Qual) map[string]*proto.Quals {
	m := map[string]*proto.Quals{}
	for _, q := range qs {
		if m[q.FieldName] == nil {
			m[q.FieldName] = &proto.Quals{}
		}
		m[q.FieldName].Quals = append(m[q.FieldName].Quals, q)
	}
	return m
}

func qual(column, op string, value any) *proto.Qual {
	return &proto.Qual{FieldName: column, Operator: &proto.Qual_StringValue{StringValue: op}, Value: qualValue(value)}
}

func qualValue(value any) *proto.QualValue {
	switch v := value.(type) {
	case string:
		return &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}}
	case bool:
		return &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: v}}
	case int64:
		return &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: v}}
	case float64:
		return &proto.QualValue{Value: &proto.QualValue_DoubleValue{DoubleValue: v}}
	case time.Time:
		return &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(v)}}
	case []string:
		list := &proto.QualValueList{}
		for _, s := range v {
			list.Values = append(list.Values, qualValue(s))
		}
		return &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: list}}
	}
	panic(fmt.Sprintf("qualValue: unsupported %T", value))
}

// apiRequests returns the sandbox's log of requests to one path.
func (h *harness) apiRequests(path string) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range h.sandbox.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}
