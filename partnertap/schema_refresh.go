package partnertap

import (
	"context"
	"log"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// With schema_refresh_interval set, a connection's own fields are read again every interval (8
// requests: each list's /columns, the matched accounts' of one partner); when they differ from
// those its schema was built from, the SDK rebuilds the connection's schema
// (plugin.ConnectionSchemaChanged, which calls connectionTables and reads every column again) and
// tells Steampipe, which re-imports the connection's tables: a field an admin mapped appears
// without a restart.

// schemaWatches are the running refreshes, by connection name.
var schemaWatches = struct {
	sync.Mutex
	stop map[string]chan struct{}
}{stop: map[string]chan struct{}{}}

// stopWatchingSchema stops conn's refresh, if it has one.
func stopWatchingSchema(conn string) {
	schemaWatches.Lock()
	defer schemaWatches.Unlock()
	stopWatchLocked(conn)
}

func stopWatchLocked(conn string) {
	if stop, ok := schemaWatches.stop[conn]; ok {
		close(stop)
		delete(schemaWatches.stop, conn)
	}
}

// watchSchema (re)starts conn's refresh with c, every c.schemaRefresh, against built, the columns
// its schema was just built from; an interval of 0 stops it. (The SDK tells a plugin nothing when a
// connection is removed: a removed connection's refresh goes on checking until it sees a change,
// which the SDK then ignores, or the plugin stops.)
func watchSchema(p *plugin.Plugin, conn *plugin.Connection, c *connectionClient, built map[string][]api.ColumnMeta) {
	interval := c.schemaRefresh
	schemaWatches.Lock()
	defer schemaWatches.Unlock()
	name := conn.Name
	stopWatchLocked(name)
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
			if stopped(stop) { // a stop that came with a tick wins
				return
			}
			fresh, err := orgCustomColumns(context.Background(), c)
			if err != nil {
				log.Printf("[WARN] partnertap connection %s: the schema refresh could not read the org's columns: %s", name, err)
				continue
			}
			if customFingerprint(fresh) == customFingerprint(built) {
				continue
			}
			log.Printf("[INFO] partnertap connection %s: the org's columns changed; rebuilding its schema", name)
			err = p.ConnectionSchemaChanged(conn)
			switch {
			case stopped(stop):
				return // the rebuild (connectionTables) started the next watch
			case err == nil:
				return // no rebuild: the connection was removed
			}
			log.Printf("[WARN] partnertap connection %s: the schema rebuild failed, to be tried again: %s", name, err)
		}
	}()
}

func stopped(stop chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// customFingerprint is the org's own columns (not the partners' shared ones), in a comparable
// form: what a refresh compares.
func customFingerprint(columns map[string][]api.ColumnMeta) string {
	var lines []string
	for report, metas := range columns {
		for _, m := range metas {
			if !m.IsPartnerData {
				lines = append(lines, strings.Join([]string{report, m.Key, m.Title, m.Type}, "\x00"))
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(slices.Compact(lines), "\n")
}
