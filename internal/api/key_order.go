package api

import "bytes"

// keyOrder predicts a record's keys from the record before it. A page's records come from one
// serializer and list their keys in one order, so the key at a record's n-th place is almost
// always the previous record's n-th key: comparing the bytes at the scanner with that key, quoted,
// finds it without scanning it as a string or looking it up in the index's map (together a third
// of a v1 page's decode). A key that does not match is read as before, and learnt.
type keyOrder struct {
	// positions[n] is the field position of the previous record's n-th key, -1 when that key was
	// not a standard field.
	positions []int
}

// predict reports whether the previous record's n-th key, a standard field, starts at the
// scanner's position, and if so which field it is and moves past it. quoted holds each field's
// key as plainlyQuoted gives it.
func (o *keyOrder) predict(s *scanner, quoted [][]byte, n int) (int, bool) {
	if o == nil || n >= len(o.positions) || o.positions[n] < 0 {
		return -1, false
	}
	i := o.positions[n]
	if quoted[i] == nil || !bytes.HasPrefix(s.b[s.pos:], quoted[i]) {
		return -1, false
	}
	s.pos += len(quoted[i])
	return i, true
}

// learn records the field position of a record's n-th key, read without a prediction.
func (o *keyOrder) learn(n, i int, standard bool) {
	if o == nil {
		return
	}
	if !standard {
		i = -1
	}
	if n < len(o.positions) {
		o.positions[n] = i
	} else {
		o.positions = append(o.positions, i)
	}
}

// plainlyQuoted is key between quotes when those bytes are its JSON string (no quote, backslash,
// control or non-ASCII byte in it), else nil: a key written with escapes is never predicted.
func plainlyQuoted(key string) []byte {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return nil
		}
	}
	return []byte(`"` + key + `"`)
}
