package api

import "bytes"

// keyOrder predicts a record's keys from the records before it. A page's records come from one
// serializer, which lists their keys in one order and may leave absent ones out (the sandbox
// does, as a serializer that omits nulls does): the key after a record's key k is almost always
// the key that followed k before. Comparing the bytes at the scanner with that key, quoted, finds
// it without scanning it as a string or looking it up in the index's map (together a third of a
// v1 page's decode). A key that does not match is read as before, and learnt: a record that leaves
// a key out costs one key read, where predicting each record's n-th key from the previous
// record's cost a read for every key after the one left out, in that record and the next.
type keyOrder struct {
	// next[k+1] is the field position of the key that last followed field k's key, next[0] that of
	// a record's first key; -1 when that key was not a standard field or is not known yet.
	next []int
}

// Places of a record's previous key that are no field position, for predict and learn.
const (
	recordStart  = -1 // no key read yet
	otherKeyRead = -2 // the previous key was not a standard field: nothing to predict from
)

// predict reports whether the key that followed prev last time, a standard field, starts at the
// scanner's position, and if so which field it is and moves past it. prev is the field position
// of the record's previous key, recordStart or otherKeyRead; quoted holds each field's key as
// plainlyQuoted gives it.
func (o *keyOrder) predict(s *scanner, quoted [][]byte, prev int) (int, bool) {
	if o == nil || prev+1 < 0 || prev+1 >= len(o.next) || o.next[prev+1] < 0 {
		return -1, false
	}
	i := o.next[prev+1]
	if quoted[i] == nil || !bytes.HasPrefix(s.b[s.pos:], quoted[i]) {
		return -1, false
	}
	s.pos += len(quoted[i])
	return i, true
}

// learn records that the key at field position i (a standard field, or not) followed prev, a
// key read without a prediction; fields is how many standard fields there are.
func (o *keyOrder) learn(prev, i int, standard bool, fields int) {
	if o == nil || prev == otherKeyRead {
		return
	}
	if o.next == nil {
		o.next = make([]int, fields+1)
		for k := range o.next {
			o.next[k] = -1
		}
	}
	if !standard {
		i = -1
	}
	o.next[prev+1] = i
}

// after is what follows a key at field position i for predict and learn: i for a standard field,
// otherKeyRead for any other key.
func after(i int, standard bool) int {
	if !standard {
		return otherKeyRead
	}
	return i
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
