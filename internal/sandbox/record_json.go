package sandbox

import (
	"bytes"
	"net/http"
	"slices"
	"sync"

	gojson "github.com/goccy/go-json"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// A v1 page is 2000 records of about 60 fields: encoded through go-json's reflection over maps,
// its encoding cost as much as building it. writeReportPage writes the records itself, each
// record's keys in map order (no order is documented: the plugin must not depend on one), and
// the small envelope through go-json.

// writeReportPage answers page.
func writeReportPage(w http.ResponseWriter, page api.ReportPage) {
	content := page.Content
	page.Content = nil
	envelope, err := gojson.MarshalWithOption(page, gojson.DisableHTMLEscape())
	const nullContent = `{"content":null`
	if err != nil || !bytes.HasPrefix(envelope, []byte(nullContent)) { // cannot happen: Content is the first field
		page.Content = content
		writeJSON(w, http.StatusOK, page)
		return
	}
	buf := pageBuffers.Get().(*[]byte)
	defer pageBuffers.Put(buf)
	b := append((*buf)[:0], `{"content":[`...)
	var keys []string
	for i, rec := range content {
		if i > 0 {
			b = append(b, ',')
		}
		b, keys = appendRecord(b, rec, keys)
	}
	b = append(append(b, ']'), envelope[len(nullContent):]...)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	*buf = b
}

// pageBuffers keeps the buffers pages were written into: a v1 page is about 4 MB, and a fresh
// buffer per page cost its zeroing and a garbage collection every few pages.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendRecord appends rec as a JSON object, its keys sorted as encoding/json sorts them: the
// same request gets the same bytes, and every record of a list lists its keys in one order, as a
// real serializer does. keys holds the previous record's keys, sorted; it is returned for the
// next record, re-sorted only when this record's keys differ (sorting each record's 60 keys made a
// page 40% slower).
func appendRecord(b []byte, rec api.Record, keys []string) ([]byte, []string) {
	start := len(b)
	if len(keys) == len(rec) {
		if b, ok := api.AppendJSONObject(b, rec, keys); ok {
			return b, keys
		}
	}
	keys = keys[:0]
	for k := range rec {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b, _ = api.AppendJSONObject(b[:start], rec, keys)
	return b, keys
}
