package partnertap

import (
	"context"
	"log"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// With schema_refresh_interval set, a connection's org columns are read again every interval;
// when they differ from those its schema was built from, the SDK rebuilds the connection's schema
// (plugin.ConnectionSchemaChanged, which calls connectionTables) and tells Steampipe, which
// re-imports the connection's tables: a field an admin mapped appears without a restart.

// schemaWatches are the running refreshes, by connection name, and the columns a refresh read
// for the rebuild it triggered, so that the rebuild does not read them again.
var schemaWatches = struct {
	sync.Mutex
	stop    map[string]chan struct{}
	pending map[string]map[string][]api.ColumnMeta
}{stop: map[string]chan struct{}{}, pending: map[string]map[string][]api.ColumnMeta{}}

// takePendingColumns is the columns a refresh read for conn's rebuild, once; nil when none.
func takePendingColumns(conn string) map[string][]api.ColumnMeta {
	schemaWatches.Lock()
	defer schemaWatches.Unlock()
	cols := schemaWatches.pending[conn]
	delete(schemaWatches.pending, conn)
	return cols
}

// watchSchema (re)starts conn's refresh, every interval, against built, the columns its schema
// was just built from; an interval of 0 stops it. (The SDK tells a plugin nothing when a
// connection is removed: a removed connection's refresh goes on reading until the plugin stops.)
func watchSchema(p *plugin.Plugin, d *plugin.TableMapData, interval time.Duration, built map[string][]api.ColumnMeta) {
	schemaWatches.Lock()
	defer schemaWatches.Unlock()
	name := d.Connection.Name
	if stop, ok := schemaWatches.stop[name]; ok {
		close(stop)
		delete(schemaWatches.stop, name)
	}
	if interval <= 0 {
		return
	}
	stop := make(chan struct{})
	schemaWatches.stop[name] = stop
	go func() {
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ticker.C:
			}
			fresh, err := orgColumns(context.Background(), d)
			if err != nil {
				log.Printf("[WARN] partnertap connection %s: the schema refresh could not read the org's columns: %s", name, err)
				continue
			}
			if columnsFingerprint(fresh) == columnsFingerprint(built) {
				continue
			}
			schemaWatches.Lock()
			schemaWatches.pending[name] = fresh
			schemaWatches.Unlock()
			log.Printf("[INFO] partnertap connection %s: the org's columns changed; rebuilding its schema", name)
			if err := p.ConnectionSchemaChanged(d.Connection); err != nil {
				log.Printf("[WARN] partnertap connection %s: the schema rebuild failed: %s", name, err)
			}
			return // the rebuild started the next watch
		}
	}()
}

// columnsFingerprint is what of the columns the schema depends on, in a comparable form.
func columnsFingerprint(columns map[string][]api.ColumnMeta) string {
	var lines []string
	for report, metas := range columns {
		for _, m := range metas {
			lines = append(lines, strings.Join([]string{report, m.Key, m.Title, m.Type, strconv.FormatBool(m.IsPartnerData)}, "\x00"))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
