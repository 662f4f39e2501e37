package partnertap

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryTableHasADocPageWhoseExamplesAreDescribed: each table has docs/tables/<name>.md, and
// every example there says in prose, between its heading and its query, what it shows, as Hub
// pages do (the queries themselves are run by the e2e suite).
func TestEveryTableHasADocPageWhoseExamplesAreDescribed(t *testing.T) {
	for name := range Plugin(context.Background()).TableMap {
		raw, err := os.ReadFile(filepath.Join("..", "docs", "tables", name+".md"))
		if err != nil {
			t.Errorf("%s: no doc page: %v", name, err)
			continue
		}
		sections := strings.Split(string(raw), "\n### ")[1:]
		if len(sections) == 0 {
			t.Errorf("%s: no example", name)
		}
		for _, section := range sections {
			heading, body, _ := strings.Cut(section, "\n")
			prose, _, hasQuery := strings.Cut(body, "```sql+postgres")
			if !hasQuery {
				t.Errorf("%s, %q: no sql+postgres query", name, heading)
			} else if strings.TrimSpace(prose) == "" {
				t.Errorf("%s, %q: no description between the heading and the query", name, heading)
			}
		}
	}
}
