package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// maxBodyPrealloc bounds the buffer allocated up front from a Content-Length: a server cannot make
// the client allocate more than this before it has sent the bytes.
const maxBodyPrealloc = 16 << 20

// MaxBody bounds an answer: a page of 2000 of the widest rows is about 5 MiB, so an answer past
// this is not a PartnerTap page, and reading it whole would hold it all in memory.
const MaxBody = 64 << 20

// errBodyTooLarge is an answer longer than MaxBody.
var errBodyTooLarge = fmt.Errorf("the answer is larger than %d MiB, more than any PartnerTap page", MaxBody>>20)

// bodySizes remembers the size of the last answer, to size the buffer of the next one: the pages
// of a read are alike, a 2000-row v1 page is about 4 MB, and its server sends no Content-Length,
// so growing each page's buffer by doubling would allocate and copy twice as much.
type bodySizes struct{ last atomic.Int64 }

// read reads a whole answer into a buffer sized from its Content-Length, or else from the last
// answer (up to maxBodyPrealloc either way), and at most MaxBody.
func (b *bodySizes) read(resp *http.Response) ([]byte, error) {
	if resp.ContentLength > MaxBody {
		return nil, errBodyTooLarge
	}
	if resp.ContentLength > 0 && resp.ContentLength <= maxBodyPrealloc {
		body := answerBuffer(int(resp.ContentLength))[:resp.ContentLength]
		n, err := io.ReadFull(resp.Body, body)
		if err == io.ErrUnexpectedEOF {
			return body[:n], fmt.Errorf("got %d of %d bytes: %w", n, resp.ContentLength, err)
		}
		return body, err
	}
	last := b.last.Load()
	buf := bytes.NewBuffer(answerBuffer(int(min(last+last/16+bytes.MinRead, maxBodyPrealloc)))) // pages differ a little
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, MaxBody+1))
	if err == nil && buf.Len() > MaxBody {
		return nil, errBodyTooLarge
	}
	if err == nil {
		b.last.Store(int64(buf.Len()))
	}
	return buf.Bytes(), err
}

// answerBuffers keeps the buffers of decoded answers for the next ones: a fresh 4 MB buffer for
// each page of a v1 read was a quarter of the read's allocations, and each one zeroed. Nothing
// decoded from an answer refers to its bytes (TestDecodedPagesKeepNoBytesOfTheAnswer).
var answerBuffers sync.Pool // of *[]byte

// answerBuffer is an empty buffer with room for size bytes.
func answerBuffer(size int) []byte {
	if p, ok := answerBuffers.Get().(*[]byte); ok && cap(*p) >= size {
		return (*p)[:0]
	}
	return make([]byte, 0, size)
}

// releaseAnswer gives back the buffer of an answer that has been decoded.
func releaseAnswer(body []byte) {
	if cap(body) > 0 {
		answerBuffers.Put(&body)
	}
}
