package api

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"testing/quick"
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

func TestJSONValuesAreWrittenAsEncodingJSONWritesThem(t *testing.T) {
	values := []any{nil, true, false, 0, -7, int64(1785917474), 0.0, math.Copysign(0, -1), 23.0, 31961.78, 1e21, 1e20, 1e-6, 1e-7,
		-2.5e-9, math.MaxFloat64, "", "Acme", `quote " and \ backslash`, "tab\tnew\nline\r\x01\x1f", "café ☕ 😀",
		"bad \xff utf8", "line\u2028sep\u2029", "<html> & stuff", map[string]any{"partnercountry": "DE", "n": []any{1.0, nil}}}
	for _, v := range values {
		if got, want := AppendJSONValue(nil, v), encodingJSON(t, v); !bytes.Equal(got, want) {
			t.Errorf("%#v: wrote %s, encoding/json writes %s", v, got, want)
		}
	}
	check := func(s string) bool { return bytes.Equal(AppendJSONString(nil, s), encodingJSON(t, s)) }
	if err := quick.Check(check, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}
