package api

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"unsafe"
)

// recordDecoder is a page item that decodes itself from the page's scanner: a v1 Row.
type recordDecoder interface {
	decodeRecord(s *scanner, page *pageState) error
}

// pageState is what the decoding of a page's records carries from one record to the next: the
// keys of the one before (keyOrder), and the values' slots, allocated for many records at once
// (one allocation a record was a tenth of a v1 read's allocations and their collection), or, for
// a legacy item, the arena its strings and pointers take their values from.
type pageState struct {
	order keyOrder
	slots []any
	arena pageArena
}

// recordsPerAllocation is how many records' values one allocation holds: a slot block stays
// alive until all of its records are dropped, and a page's records are read together.
const recordsPerAllocation = 64

// values is a record's n value slots, zero.
func (p *pageState) values(n int) []any {
	if p == nil {
		return make([]any, n)
	}
	if len(p.slots) < n {
		p.slots = make([]any, recordsPerAllocation*n)
	}
	v := p.slots[:n:n]
	p.slots = p.slots[n:]
	return v
}

// DecodePage decodes a page answer into page. A page of v1 Rows, or of a legacy list's items
// (structCodec), is read in one pass by the row scanner (go-json would first scan every record to
// find its end, then hand it over to be scanned again), as encoding/json would: keys matched
// case-insensitively, the last of a repeated key winning. The envelope's other members, a few
// hundred bytes, go through encoding/json too (go-json matched the key "Conten" to content); any
// other page through go-json.
func DecodePage[T any](body []byte, page *Page[T]) error {
	decode := recordDecoderOf[T]()
	if decode == nil {
		return UnmarshalJSON(body, page)
	}
	s := scanner{b: body}
	s.space()
	if s.literal("null") {
		return s.end()
	}
	if !s.take('{') {
		return s.fail("a page must be a JSON object")
	}
	envelope := []byte{'{'}
	var content []T
	s.space()
	if !s.take('}') {
		for {
			s.space()
			keyStart := s.pos
			key, err := s.key()
			if err != nil {
				return err
			}
			rawKey := s.b[keyStart:s.pos]
			s.space()
			if !s.take(':') {
				return s.fail("expected ':' after an object key")
			}
			s.space()
			if strings.EqualFold(string(key), "content") {
				if content, err = decodeContent(&s, decode, content); err != nil {
					return err
				}
			} else {
				start := s.pos
				if err := s.skip(); err != nil {
					return err
				}
				if len(envelope) > 1 {
					envelope = append(envelope, ',')
				}
				envelope = append(append(append(envelope, rawKey...), ':'), s.b[start:s.pos]...)
			}
			s.space()
			if s.take('}') {
				break
			}
			if !s.take(',') {
				return s.fail("expected ',' or '}' in an object")
			}
		}
	}
	if err := s.end(); err != nil {
		return err
	}
	if err := json.Unmarshal(append(envelope, '}'), page); err != nil {
		return err
	}
	page.Content = content
	return nil
}

// recordDepth is how deep a record of a page's content lies: in the page's object and its
// content array, itself an object.
const recordDepth = 3

// maxRecordsGuess bounds recordsLeft: a page holds at most 2000 records, and a first record of a
// few bytes must not make a large answer allocate room for millions.
const maxRecordsGuess = 4096

// recordsLeft guesses how many records follow one of size bytes: a page's records are alike, and
// room for them all at once spares content its growth by doubling.
func recordsLeft(s *scanner, size int) int {
	return min((len(s.b)-s.pos)/max(size, 1), maxRecordsGuess)
}

// recordDecoderOf decodes one record of type T at the scanner's position, nil for a type that
// neither the row scanner nor a structCodec decodes.
func recordDecoderOf[T any]() func(s *scanner, record *T, page *pageState) error {
	var probe T
	if _, ok := any(&probe).(recordDecoder); ok {
		return func(s *scanner, record *T, page *pageState) error {
			return any(record).(recordDecoder).decodeRecord(s, page)
		}
	}
	if codec := codecOf(reflect.TypeFor[T]()); codec != nil {
		return func(s *scanner, record *T, page *pageState) error {
			return codec.decode(s, unsafe.Pointer(record), page)
		}
	}
	return nil
}

// decodeContent decodes the page's content array: null is no rows, as go-json gives. Each record
// starts from the one at its place in before, the content of an earlier content key, as
// encoding/json decodes a repeated key's array into the elements it already has.
func decodeContent[T any](s *scanner, decode func(*scanner, *T, *pageState) error, before []T) ([]T, error) {
	if s.literal("null") {
		return nil, nil
	}
	if !s.take('[') {
		return nil, s.fail("a page's content must be an array")
	}
	content := []T{}
	var state pageState
	s.depth = recordDepth
	defer func() { s.depth = 0 }()
	s.space()
	if s.take(']') {
		return content, nil
	}
	for {
		s.space()
		start := s.pos
		var record T
		if i := len(content); i < len(before) {
			record = before[i]
		}
		content = append(content, record)
		if err := decode(s, &content[len(content)-1], &state); err != nil {
			return nil, err
		}
		if len(content) == 1 {
			content = slices.Grow(content, recordsLeft(s, s.pos-start))
		}
		s.space()
		if s.take(']') {
			return content, nil
		}
		if !s.take(',') {
			return nil, s.fail("expected ',' or ']' in the content array")
		}
	}
}
