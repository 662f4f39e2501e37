package partnertap

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/benchutil"
)

// BenchmarkReadPlugin is a full in-process table scan through the SDK, as the Steampipe CLI makes
// it: every matched sale account, every column, in pages of 2000 read 4 at a time, without the
// key's quota unless BENCH_REQUESTS_PER_MINUTE sets it.
func BenchmarkReadPlugin(b *testing.B) {
	benchmarkScan(b, query{table: "partnertap_sale_account", columns: saleAccountColumns, quals: eq("matched", true)})
}

// BenchmarkReadPluginV1 is the same over a Report Analytics v1 table, whose pages are POSTs: the
// Global Overlap List, one row per matched account and partner, every column.
func BenchmarkReadPluginV1(b *testing.B) {
	var columns []string
	for _, c := range tablePartnerTapGlobalOverlapAccount(context.Background()).Columns {
		columns = append(columns, c.Name)
	}
	benchmarkScan(b, query{table: "partnertap_global_overlap_account", columns: columns})
}

// BenchmarkReadPluginV1Narrow is BenchmarkReadPluginV1 reading as many columns as
// BenchmarkReadPlugin does, the first of the table's: the cost of a v1 row beside a legacy row.
func BenchmarkReadPluginV1Narrow(b *testing.B) {
	var columns []string
	for _, c := range tablePartnerTapGlobalOverlapAccount(context.Background()).Columns[:len(saleAccountColumns)] {
		columns = append(columns, c.Name)
	}
	benchmarkScan(b, query{table: "partnertap_global_overlap_account", columns: columns})
}

// BenchmarkReadPluginV1Shared is two BenchmarkReadPluginV1 reads at once, on two connections with
// the same key: with BENCH_REQUESTS_PER_MINUTE they share one quota.
func BenchmarkReadPluginV1Shared(b *testing.B) {
	q := query{table: "partnertap_global_overlap_account", columns: []string{"account_name", "partner_org_name"}}
	benchmarkScans(b, q, "first", "second")
}

func benchmarkScan(b *testing.B, q query) { benchmarkScans(b, q, testConnection) }

// benchmarkScans reads q on each connection at once, every connection with the same key.
func benchmarkScans(b *testing.B, q query, connections ...string) {
	base := benchutil.Sandbox(b, 10000)
	h := newHarnessAt(b, base, demoSpc)
	h.scanTimeout = time.Hour // a read of 1000 pages within 100 a minute takes 10
	spcs := map[string]string{}
	for _, name := range connections {
		spcs[name] = fmt.Sprintf(demoSpc+"page_size = %d\nrequests_per_minute = %d\n", base, benchutil.PageSize(), benchutil.RequestsPerMinute())
	}
	h.configureConnections(spcs)
	// Each connection's token is fetched once, by a first small query, as in a Steampipe session.
	for _, name := range connections {
		if _, err := h.run(query{table: "partnertap_dashboard", columns: []string{"division"}, connection: name}); err != nil {
			b.Fatal(err)
		}
	}
	benchutil.SetLatency(b, base, benchutil.LatencyMS())
	b.ResetTimer()
	stop := benchutil.PeakHeap()
	var rows atomic.Int64
	for range b.N {
		rows.Store(0)
		var wg sync.WaitGroup
		for _, name := range connections {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q := q
				q.connection = name
				if err := h.scan(q, func(*proto.Row) { rows.Add(1) }); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	benchutil.Report(b, rows.Load(), benchutil.Requests(b, base), 0, stop())
	b.ReportMetric(float64(benchutil.TooManyRequests(b, base))/float64(b.N), "429s/op")
}
