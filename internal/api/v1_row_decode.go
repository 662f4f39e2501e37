package api

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// UnmarshalJSON decodes one record object straight into its positions: strings, numbers, booleans
// and nulls by a scanner of its own, without a key string or a map entry per field; nested values
// and text with escapes through go-json. It accepts exactly what encoding/json accepts (the fuzz
// test checks it against json.Valid) and gives the values a map decode would.
func (r *Row[S]) UnmarshalJSON(b []byte) error {
	s := scanner{b: b, depth: 1}
	s.space()
	if err := r.decodeRecord(&s, nil); err != nil {
		return err
	}
	return s.end()
}

// decodeRecord decodes the record at the scanner's position, leaving it after the record; page,
// when not nil, is what the records before it on their page left.
func (r *Row[S]) decodeRecord(s *scanner, page *pageState) error {
	var set S
	idx := set.Index()
	r.Values, r.Other = page.values(len(idx.Fields)), nil
	var order *keyOrder
	if page != nil {
		order = &page.order
	}
	if s.literal("null") {
		return nil
	}
	if !s.take('{') {
		return s.fail("a record must be a JSON object")
	}
	var present [maxFields / 64]uint64
	var aliased map[int]any
	s.space()
	if s.take('}') {
		return nil
	}
	for prev := recordStart; ; {
		s.space()
		var key []byte
		i, standard := order.predict(s, idx.quoted, prev)
		if !standard {
			var err error
			if key, err = s.key(); err != nil {
				return err
			}
			i, standard = idx.pos[string(key)]
			order.learn(prev, i, standard, len(idx.Fields))
		}
		prev = after(i, standard)
		s.space()
		if !s.take(':') {
			return s.fail("expected ':' after an object key")
		}
		s.space()
		alias := -1
		if !standard {
			if j, ok := idx.aliases[string(key)]; ok {
				alias = j
			}
		}
		v, err := s.value()
		if err != nil {
			return err
		}
		switch {
		case standard:
			r.Values[i] = ColumnValue(idx.Fields[i], v)
			present[i/64] |= 1 << (i % 64)
		case alias >= 0:
			if aliased == nil {
				aliased = map[int]any{}
			}
			aliased[alias] = v
		default:
			if r.Other == nil {
				r.Other = map[string]any{}
			}
			r.Other[string(key)] = v
		}
		s.space()
		if s.take('}') {
			break
		}
		if !s.take(',') {
			return s.fail("expected ',' or '}' in an object")
		}
	}
	for i, v := range aliased {
		if present[i/64]&(1<<(i%64)) == 0 {
			r.Values[i] = ColumnValue(idx.Fields[i], v)
		}
	}
	return nil
}

// scanner reads one JSON object's members from b.
type scanner struct {
	b   []byte
	pos int
	// depth is how many objects and arrays enclose the record being read: a nested value may
	// add up to maxNestingDepth in all, as encoding/json allows.
	depth int
}

// maxNestingDepth is encoding/json's limit on nested objects and arrays, counted from the top.
const maxNestingDepth = 10000

func (s *scanner) fail(msg string) error {
	return errors.New("invalid v1 record at byte " + strconv.Itoa(s.pos) + ": " + msg)
}

func (s *scanner) space() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) take(c byte) bool {
	if s.pos < len(s.b) && s.b[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

func (s *scanner) literal(word string) bool {
	if len(s.b)-s.pos >= len(word) && string(s.b[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return false
}

// end checks nothing but space follows the value.
func (s *scanner) end() error {
	s.space()
	if s.pos != len(s.b) {
		return s.fail("unexpected data after the record")
	}
	return nil
}

// key is an object key's text: the raw bytes between the quotes when they need no decoding.
func (s *scanner) key() ([]byte, error) {
	if s.pos >= len(s.b) || s.b[s.pos] != '"' {
		return nil, s.fail("expected an object key")
	}
	raw, plain, err := s.stringToken()
	if err != nil {
		return nil, err
	}
	if plain {
		return raw[1 : len(raw)-1], nil
	}
	key, err := unquote(raw)
	if err != nil {
		return nil, err
	}
	return []byte(key), nil
}

// unquote is the text of a string token that is not plain (escapes, invalid UTF-8), as go-json
// reads it, and so as a v1 record decoded into a map read it.
func unquote(raw []byte) (string, error) {
	var text string
	err := gojson.Unmarshal(raw, &text)
	return text, err
}

// stringToken is the string starting at pos, quotes included; plain when it holds no escape, no
// control character and only valid UTF-8, so its bytes are its text.
func (s *scanner) stringToken() (raw []byte, plain bool, err error) {
	start := s.pos
	plain = true
	ascii := true
	i := start + 1
	for i < len(s.b) {
		// Eight bytes at a time, and then straight to the first special one: most of a page is
		// plain ASCII text, and most of its strings are shorter than 16 bytes.
		if i+8 <= len(s.b) {
			n := firstSpecialJSONByte(binary.LittleEndian.Uint64(s.b[i:]))
			if i += n; n == 8 {
				continue
			}
		}
		switch c := s.b[i]; {
		case c == '"':
			s.pos = i + 1
			raw = s.b[start:s.pos]
			if plain && !ascii && !utf8.Valid(raw) {
				plain = false
			}
			return raw, plain, nil
		case c == '\\':
			plain = false
			i++ // the escaped byte cannot end the string
		case c < 0x20:
			s.pos = i
			return nil, false, s.fail("control character in a string")
		case c >= 0x80:
			ascii = false
		}
		i++
	}
	s.pos = len(s.b)
	return nil, false, s.fail("unterminated string")
}

// value decodes the value at pos as a map decode would: string, float64, bool, nil, or (through
// go-json) an object or array.
func (s *scanner) value() (any, error) {
	if s.pos >= len(s.b) {
		return nil, s.fail("expected a value")
	}
	switch c := s.b[s.pos]; {
	case c == '"':
		raw, plain, err := s.stringToken()
		if err != nil {
			return nil, err
		}
		if plain {
			return string(raw[1 : len(raw)-1]), nil
		}
		return unquote(raw)
	case c == '{' || c == '[':
		raw, err := s.nested()
		if err != nil {
			return nil, err
		}
		if !json.Valid(raw) { // go-json lets some invalid JSON through, e.g. the number 00
			return nil, s.fail("invalid JSON in a nested object or array")
		}
		var v any
		if err := gojson.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		return v, nil
	case c == 't' && s.literal("true"):
		return true, nil
	case c == 'f' && s.literal("false"):
		return false, nil
	case c == 'n' && s.literal("null"):
		return nil, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	}
	return nil, s.fail("expected a value")
}

// number reads a JSON number (its grammar exactly: strconv accepts more) as a float64.
func (s *scanner) number() (any, error) {
	n, err := s.float()
	if err != nil {
		return nil, err
	}
	return n, nil
}

// float is number unboxed.
func (s *scanner) float() (float64, error) {
	text, err := s.numberText()
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseFloat(string(text), 64)
	if err != nil { // out of float64's range: go-json's own error, as a map decode gave
		var v any
		return 0, errors.Join(s.fail("number out of range"), gojson.Unmarshal(text, &v))
	}
	return n, nil
}

// numberText is the JSON number at pos, checked against its grammar exactly (strconv accepts
// more).
func (s *scanner) numberText() ([]byte, error) {
	start := s.pos
	s.take('-')
	if s.take('0') {
		// no further integer digits after a leading zero
	} else if !s.digits() {
		return nil, s.fail("malformed number")
	}
	if s.take('.') && !s.digits() {
		return nil, s.fail("malformed number")
	}
	if s.take('e') || s.take('E') {
		if !s.take('+') {
			s.take('-')
		}
		if !s.digits() {
			return nil, s.fail("malformed number")
		}
	}
	return s.b[start:s.pos], nil
}

// skip checks that the value at pos is JSON, as encoding/json checks a value it has no field
// for, without building it: its number is not parsed, and only text with escapes and nested
// values go through json.Valid.
func (s *scanner) skip() error {
	if s.pos >= len(s.b) {
		return s.fail("expected a value")
	}
	switch c := s.b[s.pos]; {
	case c == '"':
		raw, plain, err := s.stringToken()
		if err == nil && !plain && !json.Valid(raw) {
			err = s.fail("invalid escape in a string")
		}
		return err
	case c == '{' || c == '[':
		raw, err := s.nested()
		if err == nil && !json.Valid(raw) {
			err = s.fail("invalid JSON in a nested object or array")
		}
		return err
	case c == '-' || (c >= '0' && c <= '9'):
		_, err := s.numberText()
		return err
	case c == 't' && s.literal("true"), c == 'f' && s.literal("false"), c == 'n' && s.literal("null"):
		return nil
	}
	return s.fail("expected a value")
}

func (s *scanner) digits() bool {
	start := s.pos
	for s.pos < len(s.b) && s.b[s.pos] >= '0' && s.b[s.pos] <= '9' {
		s.pos++
	}
	return s.pos > start
}

// nested is the object or array at pos, whole: brackets counted outside strings; go-json then
// decodes and validates it.
func (s *scanner) nested() ([]byte, error) {
	start, depth := s.pos, 0
	limit := maxNestingDepth - s.depth
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case '"':
			if _, _, err := s.stringToken(); err != nil {
				return nil, err
			}
			continue
		case '{', '[':
			if depth++; depth > limit {
				return nil, s.fail("objects and arrays nested deeper than encoding/json reads")
			}
		case '}', ']':
			depth--
			if depth == 0 {
				s.pos++
				return s.b[start:s.pos], nil
			}
		}
		s.pos++
	}
	return nil, s.fail("unterminated object or array")
}
