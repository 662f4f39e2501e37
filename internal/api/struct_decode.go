package api

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/blockalloc"
)

// structCodec decodes a JSON object into a legacy list's item (a struct of string, int64, float64
// and bool fields and pointers to them) in one pass of the page's scanner, as encoding/json
// would: keys matched to the fields' tags exactly or else case-insensitively, the last of a
// repeated key winning, unknown keys checked and skipped, null leaving a value as it is and a
// pointer nil, and an error for a value of another type. Unlike go-json, which allocated each
// pointed-to value on its own (14 allocations a sale account), it takes strings, and the values
// pointers point to, from blocks shared by a page's records (pageArena).
type structCodec struct {
	fields []structField
	byKey  map[string]int
	quoted [][]byte // each field's key, for keyOrder
}

type structField struct {
	key     string
	offset  uintptr
	kind    reflect.Kind
	pointer bool
}

// structCodecs holds the codec of each item type, or nil for a type it cannot decode.
var structCodecs sync.Map // reflect.Type → *structCodec

// codecOf is the codec of a struct type, nil when a field is of a type it does not decode or
// encoding/json would read the type or a field otherwise: an unmarshaler of its own, an embedded
// or untagged field, a tag encoding/json does not take as a name, ",string".
func codecOf(t reflect.Type) *structCodec {
	if c, ok := structCodecs.Load(t); ok {
		return c.(*structCodec)
	}
	c := newStructCodec(t)
	structCodecs.Store(t, c)
	return c
}

func newStructCodec(t reflect.Type) *structCodec {
	if t.Kind() != reflect.Struct || hasOwnDecoding(t) {
		return nil
	}
	c := &structCodec{byKey: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, options, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || !f.IsExported() || !plainTag(tag) || strings.Contains(options, "string") {
			return nil
		}
		typ, pointer := f.Type, false
		if typ.Kind() == reflect.Pointer {
			typ, pointer = typ.Elem(), true
		}
		switch typ {
		case reflect.TypeFor[string](), reflect.TypeFor[int64](), reflect.TypeFor[float64](), reflect.TypeFor[bool]():
		default:
			return nil
		}
		if _, repeated := c.byKey[tag]; repeated {
			return nil
		}
		c.byKey[tag] = len(c.fields)
		c.fields = append(c.fields, structField{key: tag, offset: f.Offset, kind: typ.Kind(), pointer: pointer})
		c.quoted = append(c.quoted, plainlyQuoted(tag))
	}
	return c
}

// hasOwnDecoding says whether encoding/json would decode t, or a pointer to it, by its own method.
func hasOwnDecoding(t reflect.Type) bool {
	for _, typ := range []reflect.Type{t, reflect.PointerTo(t)} {
		if typ.Implements(reflect.TypeFor[json.Unmarshaler]()) || typ.Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
			return true
		}
	}
	return false
}

// plainTag says whether a tag's name is letters, digits and underscores: a name encoding/json
// takes as the key, where it would ignore some other names and use the Go field's.
func plainTag(name string) bool {
	for _, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return name != ""
}

// field is the field a key names: its exact tag, else the first field whose tag it equals under
// case folding (encoding/json's rule); -1 for none.
func (c *structCodec) field(key []byte) int {
	if i, ok := c.byKey[string(key)]; ok {
		return i
	}
	for i, f := range c.fields {
		if bytes.EqualFold([]byte(f.key), key) {
			return i
		}
	}
	return -1
}

// decode decodes the record at the scanner's position into the struct at item; page carries the
// keys' order and the arena from the records before it.
func (c *structCodec) decode(s *scanner, item unsafe.Pointer, page *pageState) error {
	if s.literal("null") {
		return nil
	}
	if !s.take('{') {
		return s.fail("a record must be a JSON object")
	}
	s.space()
	if s.take('}') {
		return nil
	}
	for prev := recordStart; ; {
		s.space()
		i, predicted := page.order.predict(s, c.quoted, prev)
		if !predicted {
			key, err := s.key()
			if err != nil {
				return err
			}
			i = c.field(key)
			page.order.learn(prev, i, i >= 0, len(c.fields))
		}
		prev = after(i, i >= 0)
		s.space()
		if !s.take(':') {
			return s.fail("expected ':' after an object key")
		}
		s.space()
		var err error
		if i < 0 {
			err = s.skip()
		} else {
			err = c.fields[i].decode(s, unsafe.Add(item, c.fields[i].offset), &page.arena)
		}
		if err != nil {
			return err
		}
		s.space()
		if s.take('}') {
			return nil
		}
		if !s.take(',') {
			return s.fail("expected ',' or '}' in an object")
		}
	}
}

// decode decodes the value at the scanner's position into the field at p.
func (f structField) decode(s *scanner, p unsafe.Pointer, arena *pageArena) error {
	if s.literal("null") {
		if f.pointer {
			*(*unsafe.Pointer)(p) = nil
		}
		return nil
	}
	if s.pos >= len(s.b) {
		return s.fail("expected a value")
	}
	switch c := s.b[s.pos]; {
	case f.kind == reflect.String && c == '"':
		text, err := arena.text(s)
		if err != nil {
			return err
		}
		if f.pointer {
			*(**string)(p) = arena.stringAt(text)
		} else {
			*(*string)(p) = text
		}
		return nil
	case (f.kind == reflect.Int64 || f.kind == reflect.Float64) && (c == '-' || c >= '0' && c <= '9'):
		return f.decodeNumber(s, p, arena)
	case f.kind == reflect.Bool && (c == 't' || c == 'f'):
		value := s.literal("true")
		if !value && !s.literal("false") {
			return s.fail("expected a value")
		}
		if f.pointer {
			*(**bool)(p) = arena.boolAt(value)
		} else {
			*(*bool)(p) = value
		}
		return nil
	}
	if err := s.skip(); err != nil {
		return err
	}
	return s.fail("the value of " + strconv.Quote(f.key) + " is not a " + f.kind.String())
}

// decodeNumber reads an int64 field as strconv.ParseInt reads the number's text (so 1.0 and 1e3
// are refused, as encoding/json refuses them), a float64 as strconv.ParseFloat.
func (f structField) decodeNumber(s *scanner, p unsafe.Pointer, arena *pageArena) error {
	text, err := s.numberText()
	if err != nil {
		return err
	}
	literal := unsafe.String(unsafe.SliceData(text), len(text)) // read only while text is
	if f.kind == reflect.Int64 {
		n, err := strconv.ParseInt(literal, 10, 64)
		if err != nil {
			return errors.Join(s.fail("the value of "+strconv.Quote(f.key)+" is not an int64"), err)
		}
		if f.pointer {
			*(**int64)(p) = arena.int64At(n)
		} else {
			*(*int64)(p) = n
		}
		return nil
	}
	n, err := strconv.ParseFloat(literal, 64)
	if err != nil {
		return errors.Join(s.fail("the value of "+strconv.Quote(f.key)+" is out of a float64's range"), err)
	}
	if f.pointer {
		*(**float64)(p) = arena.float64At(n)
	} else {
		*(*float64)(p) = n
	}
	return nil
}

// pageArena holds the values that a page's records point to: their strings' bytes, copied out of
// the answer (whose buffer the client reuses for the next answer), and the targets of their
// pointer fields, in blocks shared by many records. A block stays alive until every record that
// points into it is dropped; a page's records are read together.
type pageArena struct {
	bytes    []byte
	strings  []string
	int64s   []int64
	float64s []float64
	bools    []bool
}

// arenaBlock is how many pointer targets one allocation holds, arenaTextBlock how many bytes of
// text at least: about 300 sale accounts' strings.
const (
	arenaBlock     = 256
	arenaTextBlock = 64 << 10
)

// text is the string at the scanner's position. Plain text (no escape, valid UTF-8) is copied
// into the arena's bytes, which are never written again once a string refers to them; other
// text is decoded by encoding/json (escapes, and invalid UTF-8 replaced by U+FFFD; the row
// scanner's unquote, go-json, keeps invalid bytes as a v1 map decode kept them).
func (a *pageArena) text(s *scanner) (string, error) {
	raw, plain, err := s.stringToken()
	if err != nil {
		return "", err
	}
	if !plain {
		var text string
		if err := json.Unmarshal(raw, &text); err != nil {
			return "", errors.Join(s.fail("invalid string"), err)
		}
		return text, nil
	}
	raw = raw[1 : len(raw)-1]
	if len(raw) == 0 {
		return "", nil
	}
	if cap(a.bytes)-len(a.bytes) < len(raw) {
		a.bytes = make([]byte, 0, max(len(raw), arenaTextBlock))
	}
	start := len(a.bytes)
	a.bytes = append(a.bytes, raw...)
	return unsafe.String(&a.bytes[start], len(raw)), nil
}

func (a *pageArena) stringAt(v string) *string    { return blockalloc.Next(&a.strings, v, arenaBlock) }
func (a *pageArena) int64At(v int64) *int64       { return blockalloc.Next(&a.int64s, v, arenaBlock) }
func (a *pageArena) float64At(v float64) *float64 { return blockalloc.Next(&a.float64s, v, arenaBlock) }
func (a *pageArena) boolAt(v bool) *bool          { return blockalloc.Next(&a.bools, v, arenaBlock) }
