//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// controlResult is what Powerpipe's JSON export says of one control.
type controlResult struct {
	ControlID string `json:"control_id"`
	Summary   struct {
		Alarm, OK, Info, Skip, Error int
	} `json:"summary"`
	RunError string `json:"run_error"`
}

type resultGroup struct {
	Groups   []resultGroup   `json:"groups"`
	Controls []controlResult `json:"controls"`
}

func (g resultGroup) allControls() []controlResult {
	out := append([]controlResult(nil), g.Controls...)
	for _, c := range g.Groups {
		out = append(out, c.allControls()...)
	}
	return out
}

func powerpipe(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot, "scripts/powerpipe"), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	// Exit code 1 means alarms, which the sandbox's data raises on purpose; 2 is an error.
	if exitErr, ok := err.(*exec.ExitError); err != nil && !(ok && exitErr.ExitCode() == 1) {
		t.Fatalf("powerpipe %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// runBenchmarks runs `powerpipe benchmark run` with args (benchmark names, then flags) and returns
// every control's result from its JSON export.
func runBenchmarks(t *testing.T, args ...string) []controlResult {
	t.Helper()
	export := filepath.Join(t.TempDir(), "results.json")
	powerpipe(t, append(append([]string{"benchmark", "run"}, args...), "--output", "none", "--export", export)...)
	raw, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	var root resultGroup
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	return root.allControls()
}

// TestPowerpipeBenchmarks runs both benchmarks of the mod in powerpipe/ and checks every
// control's alarm count against the sandbox dataset at the mod's default thresholds.
func TestPowerpipeBenchmarks(t *testing.T) {
	want := expectedAlarms(sandboxSrv.Dataset(), time.Now())
	got := map[string]controlResult{}
	for _, c := range runBenchmarks(t, "rep_engagement", "partner_health") {
		got[c.ControlID] = c
	}
	if len(got) != len(want) {
		t.Errorf("%d controls ran, want %d", len(got), len(want))
	}
	for id, alarms := range want {
		c, ok := got["control."+id]
		if !ok {
			t.Errorf("control %s did not run", id)
			continue
		}
		if c.Summary.Error != 0 || c.RunError != "" {
			t.Errorf("%s: %d errors %q", id, c.Summary.Error, c.RunError)
		}
		if c.Summary.Alarm != alarms {
			t.Errorf("%s: %d alarms, the dataset has %d", id, c.Summary.Alarm, alarms)
		}
		if c.Summary.Alarm+c.Summary.OK == 0 {
			t.Errorf("%s: no result at all", id)
		}
	}
}

// expectedAlarms computes each control's alarms from the dataset with the mod's default variables.
func expectedAlarms(d *sandbox.Dataset, now time.Time) map[string]int {
	want := map[string]int{}
	for _, r := range d.RepConnectionRows() {
		want["rep_answers_partner_requests"] += b2i(r.PendingReceivedRequests > 0)
		want["rep_sent_requests_answered"] += b2i(r.PendingSentRequests > 2)
		want["rep_has_partnerships"] += b2i(r.AcceptedPartnerships == 0)
		want["rep_assigned_to_division"] += b2i(r.Division == nil)
	}
	for _, div := range d.DashboardRows() {
		want["division_login_rate"] += b2i(100*float64(div.SalesRepLoginCount)/float64(div.SalesRepCount) < 85)
	}
	lastChat := map[string]int64{}
	for _, c := range d.ChatExchangeRows() {
		want["rep_partner_chat_recent"] += b2i(*c.LastChatDate < now.AddDate(0, 0, -180).Unix())
		lastChat[c.PartnerOrg] = max(lastChat[c.PartnerOrg], *c.LastChatDate)
	}
	want["partner_chat_recent"] = 0
	for _, last := range lastChat {
		want["partner_chat_recent"] += b2i(last < now.AddDate(0, 0, -60).Unix())
	}
	for _, s := range d.OpportunitySummaryRows() {
		want["partner_shares_back"] += b2i(s.OppsSharedOutbound > 0 && s.OppsSharedInbound == 0)
	}
	for _, m := range d.MatchedAccountRows() {
		want["matched_account_has_owner"] += b2i(m.OwnerName == nil)
	}
	for _, o := range d.OpportunityRows() {
		want["shared_opportunity_not_past_close_date"] += b2i(!o.IsClosed && o.CloseDate != nil && *o.CloseDate < now.Unix())
		want["shared_opportunity_has_amount"] += b2i(o.Amount == nil)
		want["shared_opportunity_has_stage"] += b2i(o.StageName == nil)
	}
	return want
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPowerpipeDashboard renders the dashboard headless and checks its panels: none in error, and
// the cards' numbers equal the dataset's.
func TestPowerpipeDashboard(t *testing.T) {
	var snapshot struct {
		Panels map[string]struct {
			PanelType string `json:"panel_type"`
			Status    string `json:"status"`
			Error     string `json:"error"`
			Data      struct {
				Rows []map[string]any `json:"rows"`
			} `json:"data"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(powerpipe(t, "dashboard", "run", "partnertap_overview", "--output", "snapshot"), &snapshot); err != nil {
		t.Fatal(err)
	}
	var reps, partnerships int64
	for _, d := range sandboxSrv.Dataset().DashboardRows() {
		reps += d.SalesRepCount
		partnerships += d.PartnershipCount
	}
	cards := map[string]float64{}
	charts, tables := 0, 0
	for name, p := range snapshot.Panels {
		if p.Error != "" || (p.Status != "" && p.Status != "complete") {
			t.Errorf("panel %s: status %q, error %q", name, p.Status, p.Error)
		}
		switch p.PanelType {
		case "card":
			for k, v := range p.Data.Rows[0] {
				cards[k] = num(v)
			}
		case "chart":
			charts++
		case "table":
			tables++
		}
	}
	if cards["Sales Reps"] != float64(reps) || cards["Partnerships"] != float64(partnerships) {
		t.Errorf("cards %v: want %d reps and %d partnerships", cards, reps, partnerships)
	}
	if charts != 2 || tables != 2 {
		t.Errorf("%d charts and %d tables rendered, want 2 and 2", charts, tables)
	}
}

// Over an aggregator of two orgs, partner_chat_recent reports each partner once per org: it
// groups by connection, so its results over the aggregator are each org's results together.
func TestPowerpipeControlOverAnAggregatorGroupsByConnection(t *testing.T) {
	run := func(args ...string) controlResult {
		for _, c := range runBenchmarks(t, append([]string{"partner_health"}, args...)...) {
			if c.ControlID == "control.partner_chat_recent" {
				return c
			}
		}
		t.Fatal("partner_chat_recent did not run")
		return controlResult{}
	}
	demo, second := run(), run("--search-path-prefix", "partnertap_second")
	both := run("--search-path-prefix", "partnertap_orgs")
	if both.RunError != "" || both.Summary.Error != 0 {
		t.Fatalf("over the aggregator: %d errors %q", both.Summary.Error, both.RunError)
	}
	if demo.Summary.OK+demo.Summary.Alarm == 0 || second.Summary.OK+second.Summary.Alarm == 0 ||
		both.Summary.OK != demo.Summary.OK+second.Summary.OK || both.Summary.Alarm != demo.Summary.Alarm+second.Summary.Alarm {
		t.Fatalf("demo org %+v, second org %+v, the aggregator %+v: want each partner once per org", demo.Summary, second.Summary, both.Summary)
	}
}
