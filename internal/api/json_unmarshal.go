package api

import (
	"fmt"

	gojson "github.com/goccy/go-json"
)

// UnmarshalJSON decodes data into out with go-json (about 3 times faster than encoding/json on
// PartnerTap's pages), guarding against a go-json v0.10.5 bug found by FuzzPages: a body that
// ends in a backslash (a truncated answer cut inside an escaped key, e.g. `{"numberOfEle\`) makes
// its key decoder step over the end of the buffer, read memory past it and panic with an index
// out of range (decoder.skipWhiteSpace, struct.go:786) or, depending on that memory, do anything
// else. No JSON text ends in a backslash, so such a body is refused before go-json sees it; any
// other panic in go-json becomes an error, never a crashed scan.
func UnmarshalJSON(data []byte, out any) (err error) {
	if n := len(data); n > 0 && data[n-1] == '\\' {
		return fmt.Errorf("unexpected end of JSON input after a backslash at byte %d", n)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed JSON (the decoder failed: %v)", r)
		}
	}()
	return gojson.Unmarshal(data, out)
}
