package sandbox

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A request is in the log before any byte of its answer is sent, so a client that has read an
// answer always finds its request there. It used to be logged when its handler returned, after
// an answer larger than net/http's buffer had gone out: a count taken at once could be one short.
func TestARequestIsLoggedBeforeItsAnswerIsSent(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	// The handler hands over what the log held through a channel: the client's read of the answer
	// orders nothing for the race detector.
	loggedWhileAnswering := make(chan []Request, 1)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /api/logged-first", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(strings.Repeat("x", 1<<20))) // well past net/http's buffer
		loggedWhileAnswering <- s.Requests()               // the answer is under way, the handler still runs
	})
	s.mux.HandleFunc("GET /api/dropped", func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler) // no answer at all
	})
	srv := StartTestServer(s)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/api/logged-first")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if n != 1<<20 {
		t.Fatalf("read %d bytes of the answer", n)
	}
	logged := <-loggedWhileAnswering
	if len(logged) != 1 || logged[0].Status != http.StatusCreated || logged[0].Path != "/api/logged-first" {
		t.Fatalf("while its answer was being written the log held %+v, want the request with status 201", logged)
	}

	if _, err := http.Get(srv.URL + "/api/dropped"); err == nil {
		t.Fatal("a dropped request got an answer")
	}
	srv.Close() // waits for the handler to end
	// net/http's client sends a GET again when a reused connection closes without an answer.
	dropped := s.Requests()[1:]
	for _, r := range dropped {
		if r.Path != "/api/dropped" || r.Status != 0 {
			t.Fatalf("log %+v, want the dropped request logged with status 0 when its handler ended", s.Requests())
		}
	}
	if len(dropped) == 0 || s.MaxInFlight() != 1 || s.log.inFlight != 0 {
		t.Fatalf("%d dropped requests logged, in flight at most %d and now %d; want 1 or 2, 1 and 0", len(dropped), s.MaxInFlight(), s.log.inFlight)
	}
}
