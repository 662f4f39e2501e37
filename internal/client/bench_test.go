package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/benchutil"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// The read every benchmark makes: all matched sale accounts, in pages of benchutil.PageSize().
const benchPath = "/analytics/saleaccountsmatchedlist"

// rawToken exchanges the demo key with plain net/http.
func rawToken(b *testing.B, hc *http.Client, base string) string {
	resp, err := hc.Get(base + api.AuthPath + "?" + url.Values{api.AuthKeyParam: {sandbox.DemoAPIKey}}.Encode())
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var auth api.AuthResponse
	if err := json.NewDecoder(resp.Body).Decode(&auth); err != nil {
		b.Fatal(err)
	}
	return auth.Token
}

// rawPage fetches one page with net/http and decodes it into out.
func rawPage(b *testing.B, hc *http.Client, base, token string, page int, out any) {
	req, _ := http.NewRequest("GET", base+benchPath+"?page="+strconv.Itoa(page)+"&size="+strconv.Itoa(benchutil.PageSize()), nil)
	req.Header.Set("Authorization", token)
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDecodeSaleAccountPage decodes one page of 2000 matched sale accounts as the sandbox
// writes it (api.DecodePage): the decoder alone, at MB/s of answer.
func BenchmarkDecodeSaleAccountPage(b *testing.B) {
	base := benchutil.Sandbox(b, 10000)
	hc := &http.Client{}
	req, _ := http.NewRequest("GET", base+benchPath+"?page=1&size=2000", nil)
	req.Header.Set("Authorization", rawToken(b, hc, base))
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(answer)))
	b.ResetTimer()
	for range b.N {
		var page api.Page[api.SaleAccount]
		if err := api.DecodePage(answer, &page); err != nil || len(page.Content) != 2000 {
			b.Fatalf("%d rows, %v", len(page.Content), err)
		}
	}
}

// rawSetup prepares the net/http readers: the sandbox, a counting client, and a token exchanged
// once, as a connection does, before the timer starts.
func rawSetup(b *testing.B) (string, *http.Client, *benchutil.CountingTransport, string) {
	base := benchutil.Sandbox(b, 10000)
	counter := &benchutil.CountingTransport{}
	hc := &http.Client{Transport: counter}
	token := rawToken(b, hc, base)
	benchutil.SetLatency(b, base, benchutil.LatencyMS())
	counter.Bytes.Store(0)
	b.ResetTimer()
	return base, hc, counter, token
}

// BenchmarkReadRawLoop is the floor: a minimal loop of net/http requests decoded into typed rows.
func BenchmarkReadRawLoop(b *testing.B) {
	base, hc, counter, token := rawSetup(b)
	stop := benchutil.PeakHeap()
	var rows int64
	for range b.N {
		rows = 0
		for page := 0; ; page++ {
			var p api.Page[api.SaleAccount]
			rawPage(b, hc, base, token, page, &p)
			rows += int64(len(p.Content))
			if p.Last == nil || *p.Last {
				break
			}
		}
	}
	benchutil.Report(b, rows, benchutil.Requests(b, base), counter.Bytes.Load(), stop())
}

// BenchmarkReadOfficialPattern is the paging PartnerTap documents: sequential pages until `last`,
// each decoded as generic JSON.
func BenchmarkReadOfficialPattern(b *testing.B) {
	base, hc, counter, token := rawSetup(b)
	stop := benchutil.PeakHeap()
	var rows int64
	for range b.N {
		rows = 0
		for page := 0; ; page++ {
			var p map[string]any
			rawPage(b, hc, base, token, page, &p)
			content, _ := p["content"].([]any)
			rows += int64(len(content))
			if last, ok := p["last"].(bool); !ok || last {
				break
			}
		}
	}
	benchutil.Report(b, rows, benchutil.Requests(b, base), counter.Bytes.Load(), stop())
}

func benchClient(b *testing.B, concurrency int) {
	base := benchutil.Sandbox(b, 10000)
	counter := &benchutil.CountingTransport{}
	c, err := New(Options{BaseURL: base, APIKey: sandbox.DemoAPIKey, HTTPClient: &http.Client{Transport: counter}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.tokens.get(context.Background()); err != nil { // once per connection, not per read
		b.Fatal(err)
	}
	benchutil.SetLatency(b, base, benchutil.LatencyMS())
	counter.Bytes.Store(0)
	b.ResetTimer()
	stop := benchutil.PeakHeap()
	var rows int64
	for range b.N {
		rows = 0
		// As the plugin reads a legacy list: sorted by its key, in overlapping pages (KeyedPages).
		req := PageRequest{Path: benchPath, Query: sortedByKeyQuery(), PageSize: benchutil.PageSize(), Concurrency: concurrency}
		for _, err := range KeyedPages[api.SaleAccount](context.Background(), c, req) {
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
	}
	benchutil.Report(b, rows, benchutil.Requests(b, base), counter.Bytes.Load(), stop())
}

// BenchmarkReadClient is this project's client with its default concurrency of 4.
func BenchmarkReadClient(b *testing.B) { benchClient(b, 4) }

// BenchmarkReadClientSequential is this project's client reading one page at a time.
func BenchmarkReadClientSequential(b *testing.B) { benchClient(b, 1) }
