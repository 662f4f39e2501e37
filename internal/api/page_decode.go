package api

import (
	"encoding/json"
	"strings"
)

// recordDecoder is a page item that decodes itself from the page's scanner: a v1 Row.
type recordDecoder interface {
	decodeRecord(s *scanner, page *pageState) error
}

// pageState is what the decoding of a page's records carries from one record to the next: the
// keys of the one before (keyOrder), and the values' slots, allocated for many records at once
// (one allocation a record was a tenth of a v1 read's allocations and their collection).
type pageState struct {
	order keyOrder
	slots []any
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

// DecodePage decodes a page answer into page. A page of v1 Rows is read in one pass by the row
// scanner (go-json would first scan every record to find its end, then hand it over to be scanned
// again), as encoding/json would: keys matched case-insensitively, the last of a repeated key
// winning. The envelope's other members, a few hundred bytes, go through encoding/json too
// (go-json matched the key "Conten" to content); any other page through go-json.
func DecodePage[T any](body []byte, page *Page[T]) error {
	var probe T
	if _, ok := any(&probe).(recordDecoder); !ok {
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
				if content, err = decodeContent[T](&s); err != nil {
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

// decodeContent decodes the page's content array: null is no rows, as go-json gives.
func decodeContent[T any](s *scanner) ([]T, error) {
	if s.literal("null") {
		return nil, nil
	}
	if !s.take('[') {
		return nil, s.fail("a page's content must be an array")
	}
	content := []T{}
	var state pageState
	s.space()
	if s.take(']') {
		return content, nil
	}
	for {
		s.space()
		content = append(content, *new(T))
		if err := any(&content[len(content)-1]).(recordDecoder).decodeRecord(s, &state); err != nil {
			return nil, err
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
