//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
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
	stdout, _ := powerpipeOutput(t, args...)
	return stdout
}

// powerpipeOutput is powerpipe that returns what Powerpipe wrote to stderr too (its warnings).
func powerpipeOutput(t *testing.T, args ...string) (stdout, stderr []byte) {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot, "scripts/powerpipe"), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	// Exit code 1 means alarms, which the sandbox's data raises on purpose; 2 is an error.
	if exitErr, ok := err.(*exec.ExitError); err != nil && !(ok && exitErr.ExitCode() == 1) {
		t.Fatalf("powerpipe %v: %v\n%s", args, err, errOut.String())
	}
	return out.Bytes(), errOut.Bytes()
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

// modResource is what `powerpipe <type> list --output json` says of one resource.
type modResource struct {
	ResourceName  string            `json:"resource_name"`
	QualifiedName string            `json:"qualified_name"`
	Title         string            `json:"title"`
	Description   string            `json:"description"`
	Documentation string            `json:"documentation"`
	Tags          map[string]string `json:"tags"`
	Children      []string          `json:"children"`
	Query         string            `json:"query"`
	SQL           string            `json:"sql"`
	Params        []struct {
		Name    string `json:"name"`
		Default string `json:"default"`
	} `json:"params"`
	// The mod's own metadata.
	Color      string   `json:"color"`
	Icon       string   `json:"icon"`
	Categories []string `json:"categories"`
	// A variable's.
	ValueDefault any `json:"value_default"`
}

// listResources runs `powerpipe <type> list --output json` on the mod. The list commands need no
// database and take no --database flag, which scripts/powerpipe adds: they run the same binary,
// with the same settings, directly.
func listResources(t *testing.T, resourceType string) []modResource {
	t.Helper()
	env, err := exec.Command("bash", "-c", ". "+filepath.Join(repoRoot, "scripts/steampipe-env.sh")+
		` && echo "$CACHE/powerpipe-$POWERPIPE_VERSION/powerpipe" && echo "${POWERPIPE_INSTALL_DIR:-$CACHE/powerpipe-home}"`).Output()
	if err != nil {
		t.Fatal(err)
	}
	bin, installDir, _ := strings.Cut(strings.TrimSpace(string(env)), "\n")
	cmd := withEnv(exec.Command(bin, resourceType, "list", "--output", "json", "--mod-location", filepath.Join(repoRoot, "powerpipe")),
		"POWERPIPE_INSTALL_DIR="+installDir, "POWERPIPE_UPDATE_CHECK=false", "POWERPIPE_TELEMETRY=none")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("powerpipe %s list: %v\n%s", resourceType, err, stderr.String())
	}
	var out []modResource
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("powerpipe %s list: %v", resourceType, err)
	}
	return out
}

// The tags every benchmark, control and dashboard of the mod carries (local.partnertap_insights_common_tags).
var modCommonTags = map[string]string{"category": "Insights", "plugin": "partnertap", "service": "PartnerTap"}

// missingTags lists the tags of want that got lacks or has with another value.
func missingTags(got, want map[string]string) []string {
	var missing []string
	for k, v := range want {
		if got[k] != v {
			missing = append(missing, k+"="+v)
		}
	}
	sort.Strings(missing)
	return missing
}

// checkTypedAndDocumented checks that a benchmark or dashboard has the common tags, the tag type
// typ, and documentation.
func checkTypedAndDocumented(t *testing.T, r modResource, typ string) {
	t.Helper()
	want := maps.Clone(modCommonTags)
	want["type"] = typ
	if missing := missingTags(r.Tags, want); len(missing) > 0 {
		t.Errorf("%s %s lacks the tags %v", strings.ToLower(typ), r.ResourceName, missing)
	}
	if strings.TrimSpace(r.Documentation) == "" {
		t.Errorf("%s %s has no documentation", strings.ToLower(typ), r.ResourceName)
	}
}

// TestPowerpipeModFollowsHubConventions asks Powerpipe what it loaded of the mod and checks the
// conventions of Turbot's published mods: the mod's metadata (color, icon, documentation, a real
// plugin min_version), common tags on every benchmark, control and dashboard, benchmarks tagged
// as such and documented, controls that run named queries whose params default to the mod's
// variables, and a powerpipe.ppvars.example listing exactly those variables with their defaults.
func TestPowerpipeModFollowsHubConventions(t *testing.T) {
	modDir := filepath.Join(repoRoot, "powerpipe")

	mods := listResources(t, "mod")
	if len(mods) != 1 {
		t.Fatalf("%d mods, want the workspace's one", len(mods))
	}
	mod := mods[0]
	if !regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`).MatchString(mod.Color) {
		t.Errorf("mod color %q: want a hex colour", mod.Color)
	}
	if strings.TrimSpace(mod.Documentation) == "" || len(mod.Categories) == 0 || mod.Title == "" || mod.Description == "" {
		t.Errorf("mod %s: documentation, categories, title and description must be set", mod.QualifiedName)
	}
	// Powerpipe keeps the icon as a string; ours is a path in the mod's folder.
	if mod.Icon == "" {
		t.Error("mod icon is not set")
	} else if fi, err := os.Stat(filepath.Join(modDir, mod.Icon)); err != nil || fi.Size() == 0 {
		t.Errorf("mod icon %q: %v", mod.Icon, err)
	}

	// Powerpipe's JSON leaves out the require block: read the min_version from mod.pp. It must be
	// a release of the plugin (not 0.0.0), at most the plugin's VERSION.
	modpp, err := os.ReadFile(filepath.Join(modDir, "mod.pp"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`plugin "local/partnertap" \{\s*min_version\s*=\s*"(\d+)\.(\d+)\.(\d+)"`).FindSubmatch(modpp)
	version, err := os.ReadFile(filepath.Join(repoRoot, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	v := regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)`).FindSubmatch(bytes.TrimSpace(version))
	if m == nil || v == nil {
		t.Fatalf("mod.pp must require plugin \"local/partnertap\" with a min_version x.y.z; VERSION is %q", version)
	}
	cmp := 0
	for i := 1; i <= 3 && cmp == 0; i++ {
		a, _ := strconv.Atoi(string(m[i]))
		b, _ := strconv.Atoi(string(v[i]))
		cmp = a - b
	}
	if string(m[1]) == "0" && string(m[2]) == "0" && string(m[3]) == "0" || cmp > 0 {
		t.Errorf("plugin min_version %s.%s.%s: want a released version, at most VERSION %s", m[1], m[2], m[3], bytes.TrimSpace(version))
	}
	// And the requirement holds against the installed plugin: Powerpipe warns when it does not.
	if _, stderr := powerpipeOutput(t, "control", "run", "partner_shares_back", "--output", "none"); bytes.Contains(stderr, []byte("does not provide a plugin")) {
		t.Errorf("Powerpipe finds the plugin requirement unmet:\n%s", stderr)
	}

	lists := map[string][]modResource{}
	for _, kind := range []string{"query", "control", "benchmark", "dashboard", "variable"} {
		if lists[kind] = listResources(t, kind); len(lists[kind]) == 0 && kind != "query" {
			t.Errorf("Powerpipe lists no %s of the mod", kind)
		}
	}
	queries := map[string]modResource{}
	for _, q := range lists["query"] {
		queries[q.QualifiedName] = q
	}
	variables := map[string]modResource{}
	for _, v := range lists["variable"] {
		variables[v.ResourceName] = v
	}
	controls := map[string]modResource{}
	for _, c := range lists["control"] {
		controls[c.QualifiedName] = c
		if missing := missingTags(c.Tags, modCommonTags); len(missing) > 0 {
			t.Errorf("control %s lacks the common tags %v", c.ResourceName, missing)
		}
		q, ok := queries[c.Query]
		if c.SQL != "" || !ok {
			t.Errorf("control %s: query %q, inline sql %t: want a named query of the mod", c.ResourceName, c.Query, c.SQL != "")
			continue
		}
		for _, p := range q.Params {
			if v, ok := variables[p.Name]; !ok || p.Default != fmt.Sprint(v.ValueDefault) {
				t.Errorf("query %s: param %s defaults to %q, want the variable %s's default", q.ResourceName, p.Name, p.Default, p.Name)
			}
		}
	}

	inBenchmark := map[string]bool{}
	for _, b := range lists["benchmark"] {
		checkTypedAndDocumented(t, b, "Benchmark")
		// The benchmark's own tags (its locals) are on each of its controls.
		own := maps.Clone(b.Tags)
		delete(own, "type")
		for _, child := range b.Children {
			inBenchmark[child] = true
			if c, ok := controls[child]; ok {
				if missing := missingTags(c.Tags, own); len(missing) > 0 {
					t.Errorf("control %s lacks its benchmark %s's tags %v", c.ResourceName, b.ResourceName, missing)
				}
			}
		}
	}
	for name := range controls {
		if !inBenchmark[name] {
			t.Errorf("control %s is in no benchmark", name)
		}
	}

	for _, d := range lists["dashboard"] {
		checkTypedAndDocumented(t, d, "Dashboard")
	}

	// powerpipe.ppvars.example: `name = value` lines, one per variable, each with its default.
	example, err := os.ReadFile(filepath.Join(modDir, "powerpipe.ppvars.example"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, line := range strings.Split(string(example), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			t.Errorf("powerpipe.ppvars.example: %q is not name = value", line)
			continue
		}
		listed[strings.TrimSpace(name)] = strings.TrimSpace(value)
	}
	for name, v := range variables {
		def, err := json.Marshal(v.ValueDefault)
		if err != nil {
			t.Fatal(err)
		}
		if value, ok := listed[name]; !ok {
			t.Errorf("powerpipe.ppvars.example does not list the variable %s", name)
		} else if value != string(def) {
			t.Errorf("powerpipe.ppvars.example: %s = %s, the variable's default is %s", name, value, def)
		}
	}
	for name := range listed {
		if _, ok := variables[name]; !ok {
			t.Errorf("powerpipe.ppvars.example lists %s, which the mod does not declare", name)
		}
	}
	// Powerpipe takes the example as a vars file, and its values are the defaults' results.
	want := expectedAlarms(sandboxSrv.Dataset(), time.Now())
	for _, c := range runBenchmarks(t, "rep_engagement", "partner_health", "--var-file", filepath.Join(modDir, "powerpipe.ppvars.example")) {
		if id := strings.TrimPrefix(c.ControlID, "control."); c.Summary.Alarm != want[id] || c.RunError != "" {
			t.Errorf("with powerpipe.ppvars.example, %s: %d alarms %q, %d at the defaults", id, c.Summary.Alarm, c.RunError, want[id])
		}
	}
}

// TestPowerpipeDashboardOverAnAggregatorKeepsOrgsApart renders the dashboard over the aggregator of
// the demo and the second org: every table row says its connection, and no chart has two points
// for the same month and series (two orgs' divisions of the same name would merge into one line).
func TestPowerpipeDashboardOverAnAggregatorKeepsOrgsApart(t *testing.T) {
	var snapshot struct {
		Panels map[string]struct {
			PanelType string `json:"panel_type"`
			Title     string `json:"title"`
			Status    string `json:"status"`
			Error     string `json:"error"`
			Data      struct {
				Columns []struct {
					Name string `json:"name"`
				} `json:"columns"`
				Rows []map[string]any `json:"rows"`
			} `json:"data"`
		} `json:"panels"`
	}
	out := powerpipe(t, "dashboard", "run", "partnertap_overview", "--output", "snapshot", "--search-path-prefix", "partnertap_orgs")
	if err := json.Unmarshal(out, &snapshot); err != nil {
		t.Fatal(err)
	}
	tables, charts := 0, 0
	connections := map[string]bool{}
	for name, p := range snapshot.Panels {
		if p.Error != "" || (p.Status != "" && p.Status != "complete") {
			t.Errorf("panel %s: status %q, error %q", name, p.Status, p.Error)
		}
		switch p.PanelType {
		case "table":
			tables++
			without := 0
			for _, r := range p.Data.Rows {
				c, _ := r["Connection"].(string)
				without += b2i(c == "")
				connections[c] = true
			}
			if without > 0 {
				t.Errorf("table %q: %d of %d rows do not say their Connection", p.Title, without, len(p.Data.Rows))
			}
		case "chart":
			charts++
			if len(p.Data.Columns) != 3 {
				t.Errorf("chart %q: columns %v, want the month, the series and the value", p.Title, p.Data.Columns)
				continue
			}
			x, series := p.Data.Columns[0].Name, p.Data.Columns[1].Name
			seen := map[string]bool{}
			var twice []string
			for _, r := range p.Data.Rows {
				key := fmt.Sprint(r[x], " | ", r[series])
				if seen[key] {
					twice = append(twice, key)
				}
				seen[key] = true
				connections[fmt.Sprint(r[series])] = true
			}
			if len(twice) > 0 {
				t.Errorf("chart %q: %d points share their month and series with another, e.g. %s", p.Title, len(twice), twice[0])
			}
		}
	}
	if tables != 2 || charts != 2 {
		t.Errorf("%d tables and %d charts rendered, want 2 and 2", tables, charts)
	}
	for _, c := range []string{"partnertap", "partnertap_second"} {
		found := false
		for got := range connections {
			found = found || got == c || strings.HasPrefix(got, c+" / ")
		}
		if !found {
			t.Errorf("no table row or chart series of the connection %s: %v", c, connections)
		}
	}
}

// The controls' thresholds reach their named queries: --var sets the variable a param defaults to.
// Each threshold is set to flip its control's result from the defaults': no alarm at all, or (for
// partner_chat_recent, which raises none at the defaults) an alarm for every partner.
func TestPowerpipeVariablesReachTheNamedQueries(t *testing.T) {
	flips := []struct {
		control, variable string
		allAlarm          bool
	}{
		{"rep_answers_partner_requests", "max_pending_received_requests=100000", false},
		{"rep_sent_requests_answered", "max_pending_sent_requests=100000", false},
		{"division_login_rate", "min_login_rate_pct=0", false},
		{"rep_partner_chat_recent", "max_chat_idle_days=100000", false},
		{"partner_chat_recent", "max_partner_chat_idle_days=0", true},
	}
	args := []string{"rep_engagement", "partner_health"}
	for _, f := range flips {
		args = append(args, "--var", f.variable)
	}
	got := map[string]controlResult{}
	for _, c := range runBenchmarks(t, args...) {
		got[c.ControlID] = c
	}
	defaults := expectedAlarms(sandboxSrv.Dataset(), time.Now())
	for _, f := range flips {
		c, ok := got["control."+f.control]
		switch {
		case !ok:
			t.Errorf("%s did not run", f.control)
		case c.RunError != "" || c.Summary.Error != 0:
			t.Errorf("%s: %d errors %q", f.control, c.Summary.Error, c.RunError)
		case c.Summary.Alarm+c.Summary.OK == 0:
			t.Errorf("%s: no result at all", f.control)
		case f.allAlarm && (c.Summary.OK != 0 || defaults[f.control] == c.Summary.Alarm):
			t.Errorf("%s with %s: %+v, want every result an alarm, unlike the defaults' %d", f.control, f.variable, c.Summary, defaults[f.control])
		case !f.allAlarm && (c.Summary.Alarm != 0 || defaults[f.control] == 0):
			t.Errorf("%s with %s: %+v, want no alarm, unlike the defaults' %d", f.control, f.variable, c.Summary, defaults[f.control])
		}
	}
}
