package partnertap

import (
	"context"
	"fmt"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/benchutil"
)

// BenchmarkReadPlugin is a full in-process table scan through the SDK, as the Steampipe CLI makes
// it: every matched sale account, every column, in pages of 2000 read 4 at a time, with the rate
// limiter opened up (the default one holds a key to 100 requests a minute).
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

func benchmarkScan(b *testing.B, q query) {
	base := benchutil.Sandbox(b, 10000)
	h := newHarnessAt(b, base, demoSpc+fmt.Sprintf("page_size = %d\n", benchutil.PageSize()))
	// The connection's token is fetched once, by a first small query, as in a Steampipe session.
	if _, err := h.run(query{table: "partnertap_dashboard", columns: []string{"division"}}); err != nil {
		b.Fatal(err)
	}
	benchutil.SetLatency(b, base, benchutil.LatencyMS())
	b.ResetTimer()
	stop := benchutil.PeakHeap()
	var rows int64
	for range b.N {
		rows = 0
		if err := h.scan(q, func(*proto.Row) { rows++ }); err != nil {
			b.Fatal(err)
		}
	}
	benchutil.Report(b, rows, benchutil.Requests(b, base), 0, stop())
}
