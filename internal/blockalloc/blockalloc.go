// Package blockalloc hands out values from blocks of many, for values made at a row's rate whose
// lives end together: one allocation for a block instead of one a value. A block stays alive
// until every value in it is dropped.
package blockalloc

// Next stores v in the first slot of *free, allocating a block of size slots when *free is empty,
// and returns the slot's address; *free is then the slots after it. A free list is for one
// goroutine at a time.
func Next[T any](free *[]T, v T, size int) *T {
	if len(*free) == 0 {
		*free = make([]T, size)
	}
	p := &(*free)[0]
	*p = v
	*free = (*free)[1:]
	return p
}
