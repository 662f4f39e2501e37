package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// checkLiveRead fails the test unless rows keep the promise against the change log (each row
// present for the whole read once, none that never was present) and every row the churn never
// inserted or updated is the dataset's.
func checkLiveRead(t *testing.T, name string, rows []api.SaleAccount, base map[string]api.SaleAccount, oracle sandbox.ReadOracle, log []sandbox.Change) {
	t.Helper()
	keys := make([]string, len(rows))
	for i, row := range rows {
		keys[i] = row.ListKey()
	}
	if msg := oracle.Check(keys); msg != "" {
		t.Fatalf("%s: %s", name, msg)
	}
	changed := map[string]bool{} // rows inserted or updated, before or during the read
	for _, c := range log {
		changed[c.Key] = changed[c.Key] || c.Op == "insert" || c.Op == "update"
	}
	for _, row := range rows {
		if want, ok := base[row.ListKey()]; ok && !changed[row.ListKey()] && !reflect.DeepEqual(want, row) {
			t.Fatalf("%s: row %q is %v, want the dataset's %v", name, row.ListKey(), row, want)
		}
	}
}

func readKeyed(ctx context.Context, c *Client, req PageRequest) ([]api.SaleAccount, error) {
	var rows []api.SaleAccount
	for row, err := range KeyedPages[api.SaleAccount](ctx, c, req) {
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func sortedByKeyQuery() url.Values {
	q := url.Values{}
	for _, f := range api.SaleAccountsMatched.KeyFields {
		q.Add(api.ParamSort, f+",asc")
	}
	return q
}

// TestLiveReadsKeepTheirPromise reads a list that changes between every two pages, under many
// seeded churn schedules, one page at a time and several, and checks each read against the
// sandbox's change log: every row present for the whole read comes back exactly once, a row
// inserted or deleted during it at most once, and nothing else.
func TestLiveReadsKeepTheirPromise(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 10
	}
	path := api.SaleAccountsMatched.Path
	for seed := 1; seed <= seeds; seed++ {
		sb, err := sandbox.New(sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 700}})
		if err != nil {
			t.Fatal(err)
		}
		f := newFixtureWithHandler(t, sb, sb.Handler(), Options{})
		req := PageRequest{Path: path, Query: sortedByKeyQuery(), PageSize: 50, Concurrency: 1 + seed%4}
		baseRows, err := readKeyed(context.Background(), f.client, req)
		if err != nil {
			t.Fatal(err)
		}
		base, baseKeys := map[string]api.SaleAccount{}, []string{}
		for _, row := range baseRows {
			base[row.ListKey()] = row
			baseKeys = append(baseKeys, row.ListKey())
		}
		// From a change every other page to eight a page; deletes ahead of the read shift rows up.
		clock := sandbox.NewStepClock(time.Second) // each page sees the changes of one more second
		sb.SetChurnClock(clock.Now)
		churn := sandbox.Churn{Seed: uint64(seed), Inserts: float64(seed%5) / 2, Deletes: float64(seed%7) / 2, Updates: float64(seed % 3), Lists: []string{path}}
		sb.SetChurn(churn)
		sb.ResetRequests()
		rows, err := readKeyed(context.Background(), f.client, req)
		name := fmt.Sprintf("seed %d %+v, %d at a time", seed, churn, req.Concurrency)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		reads := clock.Reads() // the churn's start, then one per page
		first, last := reads[1], reads[len(reads)-1]
		log := sb.ChangeLog()
		checkLiveRead(t, name, rows, base, sandbox.NewReadOracle(baseKeys, log, path, first, last), log)
	}
}

// listServer serves a sorted list of rep ids as Spring pages without totals, so a reader asks for
// them one by one, and changes it before the n-th list request as a test script says.
func listServer(t *testing.T, rows []string, before map[int]func([]string) []string) (*Client, *[]string) {
	t.Helper()
	var asked []string // read once the read is over
	c, _ := servedPages(t, func(number, size, n int) ([]string, bool) {
		if change := before[n]; change != nil {
			rows = change(rows)
			slices.Sort(rows)
		}
		asked = append(asked, fmt.Sprintf("%d/%d", number, size))
		from, to := min(number*size, len(rows)), min(number*size+size, len(rows))
		return rows[from:to], to == len(rows)
	})
	return c, &asked
}

// A page read again after a shift can end before the last row read, when that row moved down:
// rows inserted behind the read push it past the page's end. The page's own new last row is then
// not the newest row read, and the next page must not yield the rows between them again.
func TestAPageReadAgainThatEndsBeforeTheLastRowReadYieldsNoRowTwice(t *testing.T) {
	var rows []string
	for i := range 40 {
		rows = append(rows, fmt.Sprintf("r%02d", i))
	}
	remove := func(ids ...string) func([]string) []string {
		return func(rows []string) []string {
			return slices.DeleteFunc(rows, func(id string) bool { return slices.Contains(ids, id) })
		}
	}
	c, asked := listServer(t, slices.Clone(rows), map[int]func([]string) []string{
		// Page 2 (rows 8-15) after three rows ahead of it were deleted: it shares no row with page 1.
		2: remove("r02", "r03", "r04"),
		// Page 1 read again after rows were inserted behind the read, and one just before r09.
		3: func(rows []string) []string { return append(rows, "r015", "r016", "r017", "r085") },
	})
	var got []string
	for row, err := range KeyedPages[api.RepConnections](context.Background(), c, PageRequest{Path: "/analytics/x", PageSize: 10, Concurrency: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, row.RepID)
	}
	if want := "0/10 1/8 0/10 1/8"; strings.Join((*asked)[:4], " ") != want {
		t.Fatalf("pages asked for %v, want %s first", *asked, want)
	}
	count := map[string]int{}
	for _, id := range got {
		count[id]++
	}
	for _, id := range rows {
		if count[id] != 1 {
			t.Errorf("row %s came back %d times, want once (rows: %v)", id, count[id], got)
		}
	}
	for _, id := range []string{"r015", "r016", "r017", "r085"} {
		if count[id] > 1 {
			t.Errorf("row %s, inserted during the read, came back %d times", id, count[id])
		}
	}
}

// servedPages answers every list request, one at a time, with page(number, size, the request's
// number): ids, and whether the page is the last.
func servedPages(t *testing.T, page func(number, size, n int) ([]string, bool)) (*Client, func() int) {
	t.Helper()
	var mu sync.Mutex
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.AuthPath {
			fmt.Fprint(w, `{"token":"`+testJWT(t)+`"}`)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		requests++
		number, _ := strconv.Atoi(r.URL.Query().Get(api.ParamPage))
		size, _ := strconv.Atoi(r.URL.Query().Get(api.ParamSize))
		ids, last := page(number, size, requests)
		var content []string
		for _, id := range ids {
			content = append(content, `{"repId":"`+id+`"}`)
		}
		fmt.Fprintf(w, `{"content":[%s],"number":%d,"size":%d,"last":%v}`, strings.Join(content, ","), number, size, last)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	return c, func() int {
		mu.Lock()
		defer mu.Unlock()
		return requests
	}
}

// Servers whose pages cannot be linked fail the read, in a bounded number of requests: rows that
// repeat on a page, and pages that never share a row with the ones before (as a list whose rows
// all change between two pages would).
func TestPagesThatCannotBeLinkedFail(t *testing.T) {
	for _, c := range []struct {
		name, want string
		page       func(number, size, n int) ([]string, bool)
	}{
		{"a row twice on a page", "have the same key", func(number, size, n int) ([]string, bool) {
			ids := make([]string, size)
			for i := range ids {
				ids[i] = fmt.Sprintf("r%d", number*size+min(i, size-2))
			}
			return ids, false
		}},
		{"never the same rows", "the list changed while it was read (no page back to the list's start", func(number, size, n int) ([]string, bool) {
			ids := make([]string, size)
			for i := range ids {
				ids[i] = fmt.Sprintf("q%d-%d", n, i)
			}
			return ids, false
		}},
	} {
		client, requests := servedPages(t, c.page)
		rows, err := 0, error(nil)
		for _, e := range KeyedPages[api.RepConnections](context.Background(), client, PageRequest{Path: "/analytics/x", PageSize: 10}) {
			if err = e; err != nil {
				break
			}
			rows++
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %d rows, error %v, want one saying %q", c.name, rows, err, c.want)
		}
		if n := requests(); n > 20 {
			t.Errorf("%s: %d requests before failing", c.name, n)
		}
	}
}
