package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Byte for byte what encoding/json writes (map keys sorted): the same request gets the same bytes,
// and each record's keys are in order also when its key set differs from the record before it.
func TestReportPageIsTheRecordsAndTheEnvelope(t *testing.T) {
	last := true
	page := api.ReportPage{Page: api.Page[api.Record]{
		Content: []api.Record{
			{"account_name": "Acme", "annual_revenue": 12.5, "custom_tier": nil},
			{"custom_tier": "gold", "annual_revenue": 3.0, "account_name": "Bolt"},
			{"zeta": 1, "account_name": "Cito", "annual_revenue": 4.0},
			{"account_name": "Dyn", "annual_revenue": 5.0},
			{},
			{"b": 2, "a": 1},
		},
		TotalElements: 6, TotalPages: 1, Size: 6, NumberOfElements: 6, First: true, Last: &last,
	}}
	w := httptest.NewRecorder()
	writeReportPage(w, page)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(page); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
		t.Errorf("page\n%s\nwant\n%s", w.Body.Bytes(), want.Bytes())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}
