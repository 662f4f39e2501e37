package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
)

// controlPrefix is where the sandbox's own endpoints live: the request log and fault injection,
// for tests that drive the sandbox from outside the process (the Steampipe e2e suite).
const controlPrefix = "/_sandbox/"

func isControlPath(path string) bool { return strings.HasPrefix(path, controlPrefix) }

func (s *Server) controlRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+controlPrefix+"health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "dataset": s.data.cfg, "connections_opened": s.ConnectionsOpened()})
	})
	mux.HandleFunc("GET "+controlPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Requests())
	})
	mux.HandleFunc("DELETE "+controlPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		s.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET "+controlPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.faults.get())
	})
	mux.HandleFunc("PUT "+controlPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		var f Faults
		if err := json.Unmarshal(readBody(r), &f); err != nil {
			writeError(w, r, http.StatusBadRequest, "faults: "+err.Error())
			return
		}
		s.SetFaults(f)
		writeJSON(w, http.StatusOK, f)
	})
}

// SetFaults replaces the injected faults and restarts their counters.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }
