package officialclient

// TestOfficialExample runs PartnerTap's official Python example, upstream/partner_org_report.py,
// unchanged, against an in-process sandbox, and checks what it prints and writes against the
// sandbox's own answers and dataset.
//
// It needs python3 with the requests module (Debian: python3-requests). It installs nothing and
// never skips: a missing interpreter or module fails it, with the command that fixes it. `make
// test` installs both before the unit tests through scripts/lib.sh; by hand, as root:
//
//	apt-get update && apt-get install -y python3 python3-requests
//
// The example's other dependency, country_converter, has no Debian package: the test puts the
// stand-in ./country_converter.py first on PYTHONPATH.

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// The upstream copy: partnertap/partnertap_api_docs at upstreamCommit.
const upstreamCommit = "5f1378888f22662a8a129a4b95436f32fc706c2d"

// upstreamBlobs are the git blob ids (`git ls-tree 5f13788`) of the copied files: the copies
// must be byte-identical to upstream.
var upstreamBlobs = map[string]struct{ upstreamPath, blob string }{
	"upstream/partner_org_report.py": {"examples/python/partner_org_report.py", "a756b3a5020cf2302f4879b1e8e7f143d59f30e3"},
	"upstream/LICENSE":               {"LICENSE", "a23cc1a8fb83d45b716ce0819e80c712909d8e60"},
}

// The example's CSV: its EXPORT_STANDARD_COLUMNS then EXPORT_PARTNER_COLUMNS.
var (
	exportStandardColumns = []string{"accountName", "crmAccountId"}
	exportPartnerColumns  = []string{"partneraccountname", "partnercrmaccountid"}
)

// scriptTimeout bounds one run of the example.
const scriptTimeout = 2 * time.Minute

func TestUpstreamCopyIsVerbatim(t *testing.T) {
	for local, up := range upstreamBlobs {
		data, err := os.ReadFile(local)
		if err != nil {
			t.Fatal(err)
		}
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", len(data))
		h.Write(data)
		if got := hex.EncodeToString(h.Sum(nil)); got != up.blob {
			t.Errorf("%s is blob %s, not upstream's %s (partnertap/partnertap_api_docs@%s:%s): restore it, byte for byte",
				local, got, up.blob, upstreamCommit[:7], up.upstreamPath)
		}
	}
}

func TestOfficialExample(t *testing.T) {
	python := requirePython(t)
	sb, err := sandbox.New(sandbox.Config{V1RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	partner := choosePartner(t, sb.Dataset())
	t.Logf("partner %q (%s): %d matched accounts, %d of them with agreeing countries",
		partner.name, partner.id, len(partner.records), len(partner.expected))

	t.Run("columns", func(t *testing.T) {
		out, _ := runExample(t, python, srv.URL, "columns", partner.name, "--type", "all-separate")
		got := parseColumnsOutput(t, out)
		want := columnsByCategory(fetchColumns(t, srv.URL, partner.id))
		for _, cat := range categories {
			if len(want[cat.label]) == 0 {
				t.Errorf("POST /v1/channelecosystem/columns (PARTNER_ORG_MATCHED_ACCOUNTS, MUTUAL, companyPartnerPublicId %s) has no %s column (%s); the guide documents all three kinds",
					partner.id, cat.label, cat.rule)
			}
			section, printed := got[cat.label]
			if !printed {
				t.Errorf("the example printed no %s section:\n%s", cat.label, out)
				continue
			}
			if !slices.Equal(section.keys, want[cat.label]) {
				t.Errorf("%s section: the example printed keys %v, /columns has %v", cat.label, section.keys, want[cat.label])
			}
			for i, flag := range section.partnerFlags {
				if wantFlag := map[bool]string{true: "Yes", false: "No"}[cat.label == "Partner Shared"]; flag != wantFlag {
					t.Errorf("%s section: key %s has Partner? %q, want %q", cat.label, section.keys[i], flag, wantFlag)
				}
			}
		}
		// The example's own export columns are discoverable with its columns command.
		for _, key := range exportStandardColumns {
			if !slices.Contains(want["Standard"], key) {
				t.Errorf("/columns has no standard column %q, which the example exports from the record's top level", key)
			}
		}
		for _, key := range exportPartnerColumns {
			if !slices.Contains(want["Partner Shared"], key) {
				t.Errorf("/columns has no partner-shared column %q, which the example exports from partnerFields", key)
			}
		}
		// Every field the partner shares in the records is a partner-shared column [guide:
		// "Use the Columns endpoint to discover which fields are available"].
		for _, key := range partner.sharedKeys() {
			if !slices.Contains(want["Partner Shared"], key) {
				t.Errorf("the records' partnerFields carry %q, which /columns does not list as partner-shared (isPartnerData true)", key)
			}
		}
	})

	t.Run("export", func(t *testing.T) {
		csvPath := filepath.Join(t.TempDir(), "matched.csv")
		_, logs := runExample(t, python, srv.URL, "export", partner.name, "-o", csvPath)
		data, err := os.ReadFile(csvPath)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("the example's CSV: %v\n%s", err, data)
		}
		header := append(slices.Clone(exportStandardColumns), exportPartnerColumns...)
		if len(rows) == 0 || !slices.Equal(rows[0], header) {
			t.Fatalf("CSV header %v, want %v", firstRow(rows), header)
		}
		got := rows[1:]
		if len(got) == 0 {
			t.Errorf("the CSV has no row; %d of the partner's %d matched accounts have an account country and a partner country (partnerFields.partnercountry) that agree",
				len(partner.expected), len(partner.records))
		}
		compareRows(t, got, partner.expected)
		// The example logs how many records it read: every page of the partner's matched accounts.
		m := regexp.MustCompile(`Scanned (\d+) accounts, wrote (\d+) rows`).FindStringSubmatch(logs)
		if m == nil {
			t.Fatalf("the example did not log its totals:\n%s", logs)
		}
		if scanned, _ := strconv.Atoi(m[1]); scanned != len(partner.records) {
			t.Errorf("the example scanned %d records, the partner has %d matched accounts", scanned, len(partner.records))
		}
		if wrote, _ := strconv.Atoi(m[2]); wrote != len(got) {
			t.Errorf("the example logged %d rows written, the CSV has %d", wrote, len(got))
		}
	})

	// The example finds the partner with filters.partnerName; that filter must select it.
	t.Run("partner lookup filter", func(t *testing.T) {
		var page struct {
			Content []map[string]any `json:"content"`
		}
		postJSON(t, srv.URL+"/v1/channelecosystem/records?page=0&size=2000", map[string]any{
			"search": "", "filters": map[string]string{"partnerName": partner.name}, "mapByLocations": false,
			"channelReportType": "PARTNER_ORG_CONNECTED_PARTNER_ORGS", "matchingType": "MUTUAL",
		}, &page)
		if len(page.Content) != 1 || page.Content[0]["companyPartnerPublicId"] != partner.id {
			var ids []any
			for _, rec := range page.Content {
				ids = append(ids, rec["companyPartnerPublicId"])
			}
			t.Errorf("filters {partnerName: %q} answered %d partner orgs %v, want only %s", partner.name, len(ids), ids, partner.id)
		}
	})
}

// requirePython is the python3 on PATH, which must import requests. It fails the test, never
// skips it, when either is missing.
func requirePython(t *testing.T) string {
	t.Helper()
	const fix = "install them (as root): apt-get update && apt-get install -y python3 python3-requests (make test does it through scripts/lib.sh)"
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is not on PATH; this test runs PartnerTap's official Python example and is not skipped without it: %s", fix)
	}
	if out, err := exec.Command(python, "-c", "import requests").CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import requests (%v): %s\n%s", python, err, fix, out)
	}
	return python
}

// runExample runs the example against the sandbox at baseURL with the demo key, and returns its
// stdout and its stderr (its log). Any exit status but 0 fails the test.
func runExample(t *testing.T, python, baseURL string, args ...string) (stdout, stderr string) {
	t.Helper()
	script, err := filepath.Abs("upstream/partner_org_report.py")
	if err != nil {
		t.Fatal(err)
	}
	stub, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, append([]string{script, "--base-url", baseURL}, args...)...)
	cmd.Dir = t.TempDir() // the example writes nothing else, but not into the source tree if it did
	cmd.Env = append(os.Environ(),
		"PARTNERTAP_API_KEY="+sandbox.DemoAPIKey,
		"PYTHONPATH="+stub,
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONNOUSERSITE=1",
		// requests honours proxy variables; the sandbox is on loopback.
		"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
	)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("python3 partner_org_report.py --base-url %s %s: %v\nstdout:\n%s\nstderr:\n%s",
			baseURL, strings.Join(quoteArgs(args), " "), err, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if strings.ContainsAny(a, " '\"") {
			out[i] = strconv.Quote(a)
		}
	}
	return out
}

// partnerCase is the partner the example is run for, with the oracle of its export.
type partnerCase struct {
	name, id string
	// records are the partner's matched accounts as the sandbox serves them.
	records []map[string]any
	// expected are the CSV rows the example must write: the records whose account country and
	// partner country are both set and normalize to the same ISO2 code.
	expected [][]string
}

// sharedKeys are the keys the partner shares in its records' partnerFields.
func (p partnerCase) sharedKeys() []string {
	seen := map[string]bool{}
	for _, rec := range p.records {
		pf, _ := rec["partnerFields"].(map[string]any)
		for k := range pf {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// choosePartner reads the sandbox's partner orgs and picks the first whose name is unique (the
// example refuses an ambiguous one) and whose export has at least one row.
func choosePartner(t *testing.T, d *sandbox.Dataset) partnerCase {
	t.Helper()
	orgs := d.PartnerOrgRecords()
	names := map[string]int{}
	for _, org := range orgs {
		name, _ := org["partnerName"].(string)
		names[strings.ToLower(strings.TrimSpace(name))]++
	}
	byPartner := map[string][]map[string]any{}
	for _, rec := range d.MatchedAccountRecords() {
		id, _ := rec["companyPartnerPublicId"].(string)
		byPartner[id] = append(byPartner[id], map[string]any(rec))
	}
	for _, org := range orgs {
		name, _ := org["partnerName"].(string)
		id, _ := org["companyPartnerPublicId"].(string)
		if name == "" || id == "" || names[strings.ToLower(strings.TrimSpace(name))] != 1 {
			continue
		}
		p := partnerCase{name: name, id: id, records: byPartner[id]}
		p.expected = expectedRows(t, p.records)
		if len(p.expected) > 0 {
			return p
		}
	}
	t.Fatalf("none of the sandbox's %d partner orgs has a matched account whose country and partner country (partnerFields.partnercountry) agree: the example's export would be empty for every partner", len(orgs))
	return partnerCase{}
}

// expectedRows is the oracle of the export. The account's country is the record's top-level
// `country`; the partner's is what the partner shares, partnerFields.partnercountry as the guide
// documents it. A record that also carries the example's `partnerCountry` (at the top level or in
// partnerFields) must agree with partnercountry.
func expectedRows(t *testing.T, records []map[string]any) [][]string {
	t.Helper()
	var rows [][]string
	for _, rec := range records {
		pf, _ := rec["partnerFields"].(map[string]any)
		country := normalizeCountry(t, rec["country"])
		partnerCountry := normalizeCountry(t, pf["partnercountry"])
		for _, alias := range []any{rec["partnerCountry"], pf["partnerCountry"]} {
			if c := normalizeCountry(t, alias); c != "" && c != partnerCountry {
				t.Errorf("matched account %v: partnerCountry %v and partnerFields.partnercountry %v disagree", rec["crmAccountId"], alias, pf["partnercountry"])
			}
		}
		if country == "" || partnerCountry == "" || country != partnerCountry {
			continue
		}
		var row []string
		for _, key := range exportStandardColumns {
			row = append(row, csvText(t, rec[key]))
		}
		for _, key := range exportPartnerColumns {
			row = append(row, csvText(t, pf[key]))
		}
		rows = append(rows, row)
	}
	return rows
}

// isoCodes maps the names and codes of the sandbox's countries (lower case) to ISO2: the test's
// own table, independent of the stand-in country_converter.py.
var isoCodes = func() map[string]string {
	m := map[string]string{}
	for _, c := range []struct{ iso2, iso3, name string }{
		{"US", "USA", "united states"}, {"CA", "CAN", "canada"}, {"GB", "GBR", "united kingdom"},
		{"DE", "DEU", "germany"}, {"FR", "FRA", "france"}, {"AU", "AUS", "australia"}, {"JP", "JPN", "japan"},
		{"BR", "BRA", "brazil"}, {"IN", "IND", "india"}, {"NL", "NLD", "netherlands"}, {"SG", "SGP", "singapore"},
	} {
		m[strings.ToLower(c.iso2)], m[strings.ToLower(c.iso3)], m[c.name] = c.iso2, c.iso2, c.iso2
	}
	return m
}()

// normalizeCountry is the example's normalize_country: "" for a blank value, else its ISO2 code.
// A country the table does not know fails the test: the stand-in must know every country the
// sandbox serves (country_converter would keep such a name as it is).
func normalizeCountry(t *testing.T, v any) string {
	t.Helper()
	s, _ := v.(string)
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	iso2, ok := isoCodes[strings.ToLower(s)]
	if !ok {
		t.Errorf("the sandbox serves the country %q, which neither this test's isoCodes nor country_converter.py knows: add it to both", s)
		return s
	}
	return iso2
}

// csvText is a value as Python's csv module writes it: None as "", a str as it is.
func csvText(t *testing.T, v any) string {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	t.Fatalf("an exported column holds %T %v; the test knows how Python writes strings and None only", v, v)
	return ""
}

func compareRows(t *testing.T, got, want [][]string) {
	t.Helper()
	count := func(rows [][]string) map[string]int {
		m := map[string]int{}
		for _, r := range rows {
			m[strings.Join(r, "\x1f")]++
		}
		return m
	}
	g, w := count(got), count(want)
	var missing, extra []string
	for k, n := range w {
		for i := g[k]; i < n; i++ {
			missing = append(missing, strings.ReplaceAll(k, "\x1f", " | "))
		}
	}
	for k, n := range g {
		for i := w[k]; i < n; i++ {
			extra = append(extra, strings.ReplaceAll(k, "\x1f", " | "))
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("CSV rows (%s): %d written, %d expected; %d missing, e.g. %q; %d unexpected, e.g. %q",
			strings.Join(append(slices.Clone(exportStandardColumns), exportPartnerColumns...), " | "),
			len(got), len(want), len(missing), firstN(missing, 3), len(extra), firstN(extra, 3))
	}
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

func firstRow(rows [][]string) []string {
	if len(rows) == 0 {
		return nil
	}
	return rows[0]
}

// category is one kind of column, as the guide defines it and the example filters it.
type category struct{ label, rule string }

var categories = []category{
	{"Standard", `columnClassification "STANDARD", isPartnerData false`},
	{"My Custom", `columnClassification "CUSTOM_CRM_FIELD" or "CUSTOM_CRM_OBJECT", isPartnerData false`},
	{"Partner Shared", `isPartnerData true`},
}

// fetchColumns asks the sandbox's /columns what the example asks it.
func fetchColumns(t *testing.T, baseURL, partnerID string) []map[string]any {
	t.Helper()
	var cols []map[string]any
	postJSON(t, baseURL+"/v1/channelecosystem/columns", map[string]any{
		"search": "", "filters": map[string]string{}, "mapByLocations": false,
		"channelReportType": "PARTNER_ORG_MATCHED_ACCOUNTS", "matchingType": "MUTUAL", "companyPartnerPublicId": partnerID,
	}, &cols)
	return cols
}

// columnsByCategory is each category's keys in columnIndex order (ties in answer order).
func columnsByCategory(cols []map[string]any) map[string][]string {
	sorted := slices.Clone(cols)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, _ := sorted[i]["columnIndex"].(float64)
		b, _ := sorted[j]["columnIndex"].(float64)
		return a < b
	})
	out := map[string][]string{}
	for _, c := range sorted {
		key, _ := c["key"].(string)
		class, _ := c["columnClassification"].(string)
		partner, _ := c["isPartnerData"].(bool)
		switch {
		case partner:
			out["Partner Shared"] = append(out["Partner Shared"], key)
		case class == "STANDARD":
			out["Standard"] = append(out["Standard"], key)
		case class == "CUSTOM_CRM_FIELD" || class == "CUSTOM_CRM_OBJECT":
			out["My Custom"] = append(out["My Custom"], key)
		}
	}
	return out
}

// printedSection is one section of the example's columns output.
type printedSection struct {
	keys         []string
	partnerFlags []string // the "Partner?" column of each row
}

// parseColumnsOutput reads the sections print_columns writes: "<Label> Columns (N):", a header,
// a rule and one row per column; or "No <label> columns found.".
func parseColumnsOutput(t *testing.T, out string) map[string]printedSection {
	t.Helper()
	heading := regexp.MustCompile(`^(Standard|My Custom|Partner Shared) Columns \((\d+)\):$`)
	none := regexp.MustCompile(`^No (standard|my custom|partner shared) columns found\.$`)
	sections := map[string]printedSection{}
	counts := map[string]int{}
	current, inRows := "", false
	for _, line := range strings.Split(out, "\n") {
		switch m, n := heading.FindStringSubmatch(line), none.FindStringSubmatch(line); {
		case m != nil:
			current, inRows = m[1], false
			counts[current], _ = strconv.Atoi(m[2])
			sections[current] = printedSection{}
		case n != nil:
			for _, c := range categories {
				if strings.ToLower(c.label) == n[1] {
					sections[c.label] = printedSection{}
				}
			}
			current, inRows = "", false
		case strings.TrimSpace(line) == "":
			current, inRows = "", false
		case current != "" && !inRows && strings.HasPrefix(line, "  Key "):
		case current != "" && !inRows && strings.HasPrefix(strings.TrimSpace(line), "---"):
			inRows = true
		case inRows:
			fields := strings.Fields(line)
			s := sections[current]
			s.keys = append(s.keys, fields[0])
			s.partnerFlags = append(s.partnerFlags, fields[len(fields)-1])
			sections[current] = s
		default:
			t.Errorf("unexpected line in the example's columns output: %q", line)
		}
	}
	for label, n := range counts {
		if len(sections[label].keys) != n {
			t.Errorf("%s section: heading says %d columns, %d rows printed", label, n, len(sections[label].keys))
		}
	}
	return sections
}

func postJSON(t *testing.T, url string, body, out any) {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("api-key", sandbox.DemoAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s %s: %s: %s", url, data, resp.Status, buf.String())
	}
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		t.Fatalf("POST %s: %v: %s", url, err, buf.String())
	}
}
