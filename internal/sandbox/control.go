package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
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
	mux.HandleFunc("GET "+controlPrefix+"churn", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.churn.config())
	})
	mux.HandleFunc("PUT "+controlPrefix+"churn", func(w http.ResponseWriter, r *http.Request) {
		var c Churn
		if err := json.Unmarshal(readBody(r), &c); err != nil {
			writeError(w, r, http.StatusBadRequest, "churn: "+err.Error())
			return
		}
		if msg := c.invalid(); msg != "" {
			writeError(w, r, http.StatusBadRequest, "churn: "+msg)
			return
		}
		s.SetChurn(c)
		writeJSON(w, http.StatusOK, c)
	})
	mux.HandleFunc("GET "+controlPrefix+"churn/log", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.ChangeLog())
	})
	// An org maps a new custom CRM field into a list: {"list": "GLOBAL_VERTICAL_ACCOUNTS",
	// "key": "custom_x", "title": "X", "type": "string"}; /columns and the records show it at once.
	mux.HandleFunc("POST "+controlPrefix+"orgs/{org}/columns", func(w http.ResponseWriter, r *http.Request) {
		var c struct {
			List string `json:"list"`
			api.Field
		}
		if err := json.Unmarshal(readBody(r), &c); err != nil {
			writeError(w, r, http.StatusBadRequest, "column: "+err.Error())
			return
		}
		if err := s.AddCustomColumn(r.PathValue("org"), c.List, c.Field); err != nil {
			writeError(w, r, http.StatusBadRequest, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, c)
	})
}

// AddCustomColumn maps a new custom CRM field into an org's list (orgs.go).
func (s *Server) AddCustomColumn(orgName, list string, f api.Field) error {
	o, ok := s.data.orgs[orgName]
	if !ok {
		return errors.New("no org '" + orgName + "': " + DemoOrg + " or " + SecondOrg)
	}
	if err := o.addColumn(list, f); err != nil {
		return err
	}
	s.pages.clear() // the kept answers do not have it
	return nil
}

// SetChurn starts a churn from the dataset's lists, from now (churn.go); a zero Churn stops it.
func (s *Server) SetChurn(c Churn) { s.churn.set(c) }

// ChangeLog is every change the churn set last made, in the order made.
func (s *Server) ChangeLog() []Change { return s.churn.changeLog() }

// SetChurnClock makes the churn read the time from clock, which a test advances as it likes; it
// restarts the churn set.
func (s *Server) SetChurnClock(clock func() time.Time) {
	s.churn.mu.Lock()
	s.churn.clock = clock
	s.churn.mu.Unlock()
	s.churn.set(s.churn.config())
}

// SetFaults replaces the injected faults and restarts their counters.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }
