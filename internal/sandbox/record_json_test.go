package sandbox

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http/httptest"
	"testing"
	"testing/quick"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// encodingJSON is v as encoding/json writes it without HTML escaping.
func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestRecordValuesAreWrittenAsEncodingJSONWritesThem(t *testing.T) {
	values := []any{nil, true, false, 0, -7, int64(1785917474), 0.0, math.Copysign(0, -1), 23.0, 31961.78, 1e21, 1e20, 1e-6, 1e-7,
		-2.5e-9, math.MaxFloat64, "", "Acme", `quote " and \ backslash`, "tab\tnew\nline\r\x01\x1f", "café ☕ 😀",
		"bad \xff utf8", "line\u2028sep\u2029", "<html> & stuff", map[string]any{"partnercountry": "DE", "n": []any{1.0, nil}}}
	for _, v := range values {
		if got, want := appendValue(nil, v), encodingJSON(t, v); !bytes.Equal(got, want) {
			t.Errorf("%#v: wrote %s, encoding/json writes %s", v, got, want)
		}
	}
	check := func(s string) bool { return bytes.Equal(appendString(nil, s), encodingJSON(t, s)) }
	if err := quick.Check(check, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}

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
	if want := encodingJSON(t, page); !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("page\n%s\nwant\n%s", w.Body.Bytes(), want)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}
