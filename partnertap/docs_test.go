package partnertap

import (
	"context"
	"encoding/xml"
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

// TestTheDocsShowTheConfigThatIsInstalled: docs/index.md's configuration is config/partnertap.spc
// as `make install` copies it, every argument and default as the file has them.
func TestTheDocsShowTheConfigThatIsInstalled(t *testing.T) {
	index := readDoc(t, "index.md")
	spc, err := os.ReadFile(filepath.Join("..", "config", "partnertap.spc"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, found := strings.Cut(index, "Installing the plugin creates `~/.steampipe/config/partnertap.spc`:\n\n```hcl\n")
	shown, _, closed := strings.Cut(after, "```\n")
	if !found || !closed {
		t.Fatal("docs/index.md has no configuration block after \"Installing the plugin creates ...\"")
	}
	if shown != string(spc) {
		t.Errorf("docs/index.md shows another configuration than config/partnertap.spc:\n%s\nthe file:\n%s", shown, spc)
	}
}

// TestTheDocsIconExists: the icon docs/index.md names is in docs/, an SVG.
func TestTheDocsIconExists(t *testing.T) {
	index := readDoc(t, "index.md")
	_, rest, found := strings.Cut(index, "\nicon_url: \"")
	icon, _, _ := strings.Cut(rest, "\"")
	if !found || icon == "" {
		t.Fatal("docs/index.md's front matter has no icon_url")
	}
	raw, err := os.ReadFile(filepath.Join("..", "docs", filepath.FromSlash(icon)))
	if err != nil {
		t.Fatalf("icon_url %q: %v", icon, err)
	}
	var svg struct {
		XMLName xml.Name
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(raw, &svg); err != nil || svg.XMLName.Local != "svg" || svg.ViewBox == "" {
		t.Errorf("icon_url %q is not an SVG with a viewBox (root %q): %v", icon, svg.XMLName.Local, err)
	}
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
