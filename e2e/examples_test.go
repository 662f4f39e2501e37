//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// docExample is one `sql+postgres` block of docs/tables, named by its file and heading.
type docExample struct {
	key string // "partnertap_dashboard.md#Adoption per division"
	sql string
}

var exampleBlock = regexp.MustCompile("(?s)### ([^\n]+)\n.*?```sql\\+postgres\n(.*?)```")

func docExamples(t *testing.T) []docExample {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "docs/tables/*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no table docs: %v", err)
	}
	var examples []docExample
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Split at headings first so a block is only ever paired with its own heading.
		for _, section := range strings.Split(string(text), "\n### ")[1:] {
			m := exampleBlock.FindStringSubmatch("### " + section)
			if m == nil {
				continue
			}
			examples = append(examples, docExample{key: filepath.Base(f) + "#" + m[1], sql: m[2]})
		}
	}
	return examples
}

// TestDocExamples runs every documented example through the real Steampipe CLI and checks its
// result against the sandbox dataset, with the check kept in exampleChecks.
func TestDocExamples(t *testing.T) {
	examples := docExamples(t)
	seen := map[string]bool{}
	for _, ex := range examples {
		seen[ex.key] = true
		t.Run(ex.key, func(t *testing.T) {
			check, ok := exampleChecks[ex.key]
			if !ok {
				t.Fatalf("no check for this example: add one to exampleChecks")
			}
			rows := mustQuery(t, ex.sql)
			check(t, rows, sandboxSrv.Dataset())
		})
	}
	var stale []string
	for key := range exampleChecks {
		if !seen[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("checks for examples the docs no longer have: %v", stale)
	}
	if len(examples) < 30 {
		t.Errorf("found only %d examples: the extraction is broken", len(examples))
	}
}
