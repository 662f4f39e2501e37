package sandbox

import (
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

// ConnState counts the TCP connections clients open, so tests can check that a client reuses its
// connections; install it as http.Server.ConnState.
func (s *Server) ConnState(_ net.Conn, state http.ConnState) {
	if state == http.StateNew {
		s.connsOpened.Add(1)
	}
}

// ConnectionsOpened is how many connections clients have opened to the server.
func (s *Server) ConnectionsOpened() int64 { return s.connsOpened.Load() }

// HTTPServer is an http.Server for the sandbox, counting connections.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{Handler: s.Handler(), ConnState: s.ConnState, ReadHeaderTimeout: 10 * time.Second}
}

// StartTestServer serves s on a local port, counting connections, until the returned server is
// closed.
func StartTestServer(s *Server) *httptest.Server { return StartTestServerWith(s, s.Handler()) }

// StartTestServerWith is StartTestServer with h in front of the sandbox (e.g. to alter answers);
// s counts the connections.
func StartTestServerWith(s *Server, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = s.ConnState
	srv.Start()
	return srv
}
