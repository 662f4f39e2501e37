package partnertap

import (
	"context"
	"iter"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/blockalloc"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/client"
)

// streamPages streams every row of a paged endpoint into the query: pages sized by LIMIT and read
// page_concurrency at a time, a rate limiter wait before every page after the first (the SDK waits
// before the first), and no further page once SQL has the rows it asked for or the query is cancelled.
//
// The list is sorted by its key and read by client.KeyedPages, so rows inserted, deleted or
// updated while it is read neither repeat nor go missing (docs/index.md, "Reads of live data").
func streamPages[T api.Keyed](ctx context.Context, d *plugin.QueryData, ep api.Endpoint, query url.Values, toRow func(T) any) error {
	req := client.PageRequest{Path: ep.Path, Query: sortedByKey(query, ep.KeyFields)}
	if check := listQualCheck(d); check != nil {
		return streamPageRequest(ctx, d, req, client.KeyedPages[T], keepOnly(check, toRow), true)
	}
	return streamPageRequest(ctx, d, req, client.KeyedPages[T], toRow, false)
}

// sortedByKey is query sorting by the key fields, ascending: Spring's `sort=field,asc`, once per
// field, so ties of the first are ordered by the next.
func sortedByKey(query url.Values, keyFields []string) url.Values {
	sorted := url.Values{}
	for k, v := range query {
		sorted[k] = v
	}
	for _, field := range keyFields {
		sorted.Add(api.ParamSort, field+",asc")
	}
	return sorted
}

// keepOnly is toRow giving nil, which the SDK skips, for a row that fails check.
func keepOnly[T any](check func(any) bool, toRow func(T) any) func(T) any {
	return func(item T) any {
		row := toRow(item)
		if row == nil || !check(row) {
			return nil
		}
		return row
	}
}

// streamV1Pages streams a v1 list of the field set S: every page a POST of body, each record
// decoded straight into its fields' positions, every field of it: the columns a query names do
// not say all it reads (the FDW leaves a whole-row reference, `to_jsonb(t)`, out of them). Under
// a LIMIT, a record that fails the scan's quals on its fields is not streamed (v1RowCheck). A
// list with key fields (api.V1KeyFields) is sorted by them and read through changes, as the
// legacy lists are (streamPages); one without is read with the strict check.
func streamV1Pages[S api.FieldSet](ctx context.Context, d *plugin.QueryData, path string, body any, keyFields []string, toRow func(api.Row[S]) any) error {
	var set S
	req := client.PageRequest{Path: path, Body: body}
	read := client.Pages[api.Row[S]]
	if len(keyFields) > 0 {
		req.Query = sortedByKey(nil, keyFields)
		read = v1KeyedRead[S](set.Index(), keyFields)
	}
	if check := v1RowCheck(d, set.Index().Fields); check != nil {
		keep := func(rec api.Row[S]) any {
			if !check(rec.Values, rec.Other) {
				return nil
			}
			return toRow(rec)
		}
		return streamPageRequest(ctx, d, req, read, keep, true)
	}
	return streamPageRequest(ctx, d, req, read, toRow, false)
}

// v1KeyedRead reads a v1 list by the key of keyFields.
func v1KeyedRead[S api.FieldSet](idx *api.FieldIndex, keyFields []string) pageRead[api.Row[S]] {
	positions := make(map[string]int, len(keyFields))
	for _, f := range keyFields {
		positions[f] = idx.Position(f)
	}
	key := func(rec api.Row[S]) string {
		return api.RecordKey(keyFields, func(f string) any { return rec.Values[positions[f]] })
	}
	return func(ctx context.Context, c *client.Client, req client.PageRequest) iter.Seq2[api.Row[S], error] {
		return client.PagesByKey(ctx, c, req, key)
	}
}

// streamParentRecords streams a v1 list that is a parent list, whose items are not the table's
// rows: the LIMIT counts the rows its children stream, so it is read without the limit (cut at
// LIMIT partners, `account_name = 'x' limit 1` searched the first partner only).
func streamParentRecords(ctx context.Context, d *plugin.QueryData, path string, body any) error {
	return streamPageRequest(ctx, d, client.PageRequest{Path: path, Body: body}, client.Pages[api.Record], asIs[api.Record], true)
}

// streamPageRequest completes req with the connection's paging settings and streams its rows.
//
// A list hydrate that stops because the query was cancelled must say so: returning nil would tell
// the SDK the scan completed, and its query cache would keep the partial rows as the answer to
// later queries. So every stop returns ctx.Err(): nil when LIMIT was met, the cancellation otherwise.
//
// unlimited says the API rows are not the rows the LIMIT counts (toRow drops some, or they are a
// parent list's): the read then stops only once the SDK has LIMIT streamed rows.
func streamPageRequest[T any](ctx context.Context, d *plugin.QueryData, req client.PageRequest, read pageRead[T], toRow func(T) any, unlimited bool) error {
	c, err := getClient(ctx, d)
	if err != nil {
		return err
	}
	limit := int64(0)
	if !unlimited {
		limit = queryLimit(ctx, d)
	}
	for item, err := range read(ctx, c.api, c.pageRequest(req, d.WaitForListRateLimit, limit)) {
		if err != nil {
			return err
		}
		d.StreamListItem(ctx, toRow(item))
		if d.RowsRemaining(ctx) == 0 {
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// pageRead is how a list's pages are read: client.Pages, or client.KeyedPages for a keyed list.
type pageRead[T any] func(context.Context, *client.Client, client.PageRequest) iter.Seq2[T, error]

// streamArray streams the rows of an endpoint that answers a bare JSON array.
func streamArray[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values, toRow func(T) any) error {
	c, err := getClient(ctx, d)
	if err != nil {
		return err
	}
	var items []T
	if err := c.api.GetJSON(ctx, path, query, &items); err != nil {
		return err
	}
	if check := listQualCheck(d); check != nil {
		toRow = keepOnly(check, toRow)
	}
	for _, item := range items {
		d.StreamListItem(ctx, toRow(item))
		if d.RowsRemaining(ctx) == 0 {
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// readEach reads the API once per value, in turn, until one read fails or SQL has its rows: for
// a column the API takes one value of at a time (an interval, a search, an IN list read value by
// value). A stop returns ctx.Err(), as streamPageRequest does.
func readEach[T any](ctx context.Context, d *plugin.QueryData, values []T, read func(T) error) error {
	for _, v := range values {
		if err := read(v); err != nil {
			return err
		}
		if d.RowsRemaining(ctx) == 0 {
			return ctx.Err()
		}
	}
	return nil
}

// queryLimit is how many more rows the SQL LIMIT the FDW passed down wants, or 0 when there is none.
func queryLimit(ctx context.Context, d *plugin.QueryData) int64 {
	if d.QueryContext.Limit == nil || *d.QueryContext.Limit <= 0 {
		return 0
	}
	return max(min(*d.QueryContext.Limit, d.RowsRemaining(ctx)), 1)
}

// asIs streams an API item as the row itself, boxed: for a map (api.Record, whose boxing costs
// nothing) and the few rows of an array (the dashboard's).
func asIs[T any](item T) any { return item }

// asRows is toRow for a read whose rows are its items, handed to the SDK as pointers (inBlocks).
func asRows[T any]() func(T) any { return inBlocks(func(item T) T { return item }) }

// rowBlock is how many rows one allocation holds: a read's rows are built, streamed and dropped
// in order, so a block dies soon after its last row is taken.
const rowBlock = 256

// inBlocks is toRow for a read whose rows are build(item), a struct: each goes to the SDK as a
// pointer into a block of rows, where boxing the struct cost an allocation a row. Each call makes
// the toRow of one read, not for concurrent use.
func inBlocks[T, R any](build func(T) R) func(T) any {
	var free []R
	return func(item T) any { return blockalloc.Next(&free, build(item), rowBlock) }
}
