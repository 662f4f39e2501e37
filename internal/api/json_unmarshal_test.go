package api

import (
	"strings"
	"testing"
)

// A truncated answer cut after a backslash inside a key made go-json read past the end of its
// buffer (FuzzPages found it in the pager: a panic, or whatever that memory held).
func TestATruncatedAnswerEndingInABackslashIsAnError(t *testing.T) {
	for _, body := range []string{`{"ges":1,"numBerOfEle\`, `{"content":[{"repId":"a\`, `\`} {
		var page Page[RepConnections]
		err := UnmarshalJSON([]byte(body), &page)
		if err == nil || !strings.Contains(err.Error(), "backslash") {
			t.Fatalf("%s: %v, want the truncation named", body, err)
		}
	}
}

type panickingItem struct{}

func (*panickingItem) UnmarshalJSON([]byte) error { panic("boom") }

// Any other panic inside the decoder is an error for the read, not a crashed plugin.
func TestAPanicInTheDecoderIsAnError(t *testing.T) {
	var out []panickingItem
	err := UnmarshalJSON([]byte(`[{}]`), &out)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %v, want the decoder's panic as an error", err)
	}
}
