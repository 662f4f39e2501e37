package client

import (
	"fmt"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// ChangedError is a list whose pages do not add up: rows were added or removed while it was read.
type ChangedError struct {
	Method string
	Path   string
	Detail string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("partnertap api: %s %s: the list changed while it was read (%s); run the query again", e.Method, e.Path, e.Detail)
}

// checkPage verifies a page's envelope against the request and page 0: the page asked for, no
// more rows than asked for, the same totalElements, no empty page before the last, and at the
// last page as many rows read as totalElements said.
func checkPage[T any](method, path string, page *api.Page[T], number, size int, total, before int64) error {
	if err := checkAsked(method, path, page, number, size); err != nil {
		return err
	}
	if total > 0 && before+int64(len(page.Content)) > total {
		return &ChangedError{Method: method, Path: path, Detail: fmt.Sprintf("page %d brings the rows read to %d, page 0 reported %d in all", number, before+int64(len(page.Content)), total)}
	}
	if page.TotalElements != total {
		return &ChangedError{Method: method, Path: path, Detail: fmt.Sprintf("page %d reports %d rows in all, page 0 reported %d", number, page.TotalElements, total)}
	}
	if !isLast(page) && len(page.Content) < size {
		return &ChangedError{Method: method, Path: path, Detail: fmt.Sprintf("page %d has %d rows of %d but is not the last", number, len(page.Content), size)}
	}
	// A server that leaves totalElements out (0) is only checked for `last`, as PartnerTap's client does.
	if isLast(page) && page.Last != nil && total > 0 && before+int64(len(page.Content)) != total {
		return &ChangedError{Method: method, Path: path, Detail: fmt.Sprintf("read %d rows, the server reported %d", before+int64(len(page.Content)), total)}
	}
	return nil
}

// checkAsked verifies that a page is the one asked for, with no more rows than asked for.
func checkAsked[T any](method, path string, page *api.Page[T], number, size int) error {
	if page.Number != number {
		return &DecodeError{Method: method, Path: path, Err: fmt.Errorf("asked for page %d, the server answered page %d", number, page.Number)}
	}
	if len(page.Content) > size {
		return &DecodeError{Method: method, Path: path, Err: fmt.Errorf("asked for %d rows, the server answered %d", size, len(page.Content))}
	}
	return nil
}

// checkTotals verifies that a page's totalPages is what its totalElements implies at this page
// size, as Spring computes it. Pages that do not add up would end a read early without an error
// (a totalPages too small) or make it plan pages that cannot exist.
func checkTotals[T any](method, path string, page *api.Page[T], size int) error {
	if page.TotalElements <= 0 && page.TotalPages <= 0 {
		return nil // a server that leaves the totals out is read until `last`
	}
	want := (page.TotalElements + int64(size) - 1) / int64(size)
	if page.TotalElements < 0 || page.TotalPages < 0 || int64(page.TotalPages) != want {
		return &DecodeError{Method: method, Path: path, Err: fmt.Errorf("page %d reports %d rows in %d pages of %d; they do not add up (%d pages)",
			page.Number, page.TotalElements, page.TotalPages, size, want)}
	}
	return nil
}
