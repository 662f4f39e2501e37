package sandbox

import (
	"bytes"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

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
		if b, ok := appendFields(b, rec, keys); ok {
			return b, keys
		}
	}
	keys = keys[:0]
	for k := range rec {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b, _ = appendFields(b[:start], rec, keys)
	return b, keys
}

// appendFields appends rec's fields in the order of keys, as an object; not ok when a key is not
// in rec.
func appendFields(b []byte, rec api.Record, keys []string) ([]byte, bool) {
	b = append(b, '{')
	for i, k := range keys {
		v, ok := rec[k]
		if !ok {
			return b, false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, k), ':')
		b = appendValue(b, v)
	}
	return append(b, '}'), true
}

// appendValue appends a record value as encoding/json would; what the dataset does not build
// directly (nested objects) through go-json.
func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		return appendFloat(b, v)
	}
	out, err := gojson.MarshalWithOption(v, gojson.DisableHTMLEscape())
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, out...)
}

// appendFloat formats f as encoding/json does: no exponent between 1e-6 and 1e21.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-07 becomes e-7, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString appends s as a JSON string, escaping what encoding/json escapes except HTML
// characters (the sandbox serves JSON, not HTML).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs escaping: nearly every value is plain ASCII.
		if i+8 <= len(s) && !api.HasSpecialJSONByte(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch {
			case r == utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

const hexDigits = "0123456789abcdef"
