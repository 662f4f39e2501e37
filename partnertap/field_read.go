package partnertap

import (
	"reflect"
	"unsafe"
)

// fieldReader reads a field of a row that the SDK holds by pointer (the legacy tables' rows,
// inBlocks), at its offset from the row's start: what reflect did for every column of every row
// (reflect.ValueOf, FieldByIndex, then Interface, which copies the field) cost the plugin a tenth
// of its CPU through the Steampipe CLI, where a plugin that reads its fields directly spends none.
// It gives what valueAt gives: the field's value, a nil pointer as nil and any other one
// dereferenced.
type fieldReader struct {
	offset uintptr
	read   func(unsafe.Pointer) any
}

// readers read a field by its exact type; a type not here (a named type, a struct) goes through
// reflect.
var readers = map[reflect.Type]func(unsafe.Pointer) any{
	reflect.TypeFor[string]():   readValue[string],
	reflect.TypeFor[int64]():    readValue[int64],
	reflect.TypeFor[float64]():  readValue[float64],
	reflect.TypeFor[bool]():     readValue[bool],
	reflect.TypeFor[*string]():  readPointer[string],
	reflect.TypeFor[*int64]():   readPointer[int64],
	reflect.TypeFor[*float64](): readPointer[float64],
	reflect.TypeFor[*bool]():    readPointer[bool],
}

func readValue[T any](p unsafe.Pointer) any { return *(*T)(p) }

func readPointer[T any](p unsafe.Pointer) any {
	if v := *(**T)(p); v != nil {
		return *v
	}
	return nil
}

// newFieldReader is the reader of the field at index in rows of type item, nil unless item is a
// pointer to a struct, the field is reached without going through another pointer (an embedded
// struct, not a pointer to one) and readers has its type.
func newFieldReader(item reflect.Type, index []int) *fieldReader {
	if item.Kind() != reflect.Pointer || item.Elem().Kind() != reflect.Struct {
		return nil
	}
	t, offset := item.Elem(), uintptr(0)
	for _, i := range index {
		if t.Kind() != reflect.Struct {
			return nil
		}
		f := t.Field(i)
		t, offset = f.Type, offset+f.Offset
	}
	if read := readers[t]; read != nil {
		return &fieldReader{offset: offset, read: read}
	}
	return nil
}

// value reads the field of item, a pointer of the type the reader was made for.
func (r *fieldReader) value(item any) any {
	row := reflect.ValueOf(item).UnsafePointer()
	if row == nil {
		return nil
	}
	return r.read(unsafe.Add(row, r.offset))
}
