package sandbox

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

var repChatsBySort = api.RepChats.Path + "?size=2000&sort=chatId,asc"

func repChatKeys(t *testing.T, ts *testServer) []string {
	t.Helper()
	var page api.Page[api.RepChat]
	if status := ts.get(t, repChatsBySort, ts.token, &page); status != 200 {
		t.Fatalf("status %d", status)
	}
	var keys []string
	for _, c := range page.Content {
		keys = append(keys, c.ListKey())
	}
	return keys
}

// A churn changes a list at its rates, at the times its schedule says, logs each change with its
// time and row, and the list then holds exactly the dataset's rows changed as the log says.
func TestChurnChangesAListAsItsLogSays(t *testing.T) {
	ts := start(t, Config{})
	before := repChatKeys(t, ts)
	clock := NewStepClock(0)
	ts.SetChurnClock(clock.Now)
	ts.SetChurn(Churn{Seed: 3, Inserts: 2, Deletes: 1, Updates: 4, Lists: []string{api.RepChats.Path}})
	clock.Advance(2500 * time.Millisecond)
	after := repChatKeys(t, ts)

	log := ts.ChangeLog()
	count := map[string]int{}
	want := map[string]bool{}
	for _, k := range before {
		want[k] = true
	}
	for i, c := range log {
		count[c.Op]++
		if c.List != api.RepChats.Path || c.At.After(clock.Now()) || (i > 0 && c.At.Before(log[i-1].At)) {
			t.Fatalf("change %d %+v: wrong list, in the future or out of order", i, c)
		}
		switch c.Op {
		case "insert":
			want[c.Key] = true
		case "delete":
			delete(want, c.Key)
		}
	}
	// In 2.5 s: inserts every 0.5 s, deletes at 1 and 2 s, updates every 0.25 s.
	if count["insert"] != 5 || count["delete"] != 2 || count["update"] != 10 {
		t.Fatalf("changes %v in 2.5 s, want 5 inserts, 2 deletes, 10 updates", count)
	}
	if len(after) != len(before)+3 {
		t.Fatalf("%d rows after, want %d", len(after), len(before)+3)
	}
	for _, k := range after {
		if !want[k] {
			t.Fatalf("row %q is not the dataset's nor an insert of the log", k)
		}
		delete(want, k)
	}
	if len(want) != 0 {
		t.Fatalf("rows the log keeps are missing: %v", want)
	}
	for i := 1; i < len(after); i++ {
		if after[i-1] >= after[i] {
			t.Fatalf("rows %d and %d out of the key order: %s, %s", i-1, i, after[i-1], after[i])
		}
	}
}

// The same seed makes the same changes; another seed others; a list not named does not change.
func TestChurnIsDeterministicBySeed(t *testing.T) {
	run := func(seed uint64, lists []string) ([]Change, []string) {
		ts := start(t, Config{})
		clock := NewStepClock(0)
		ts.SetChurnClock(clock.Now)
		ts.SetChurn(Churn{Seed: seed, Inserts: 3, Deletes: 3, Updates: 3, Lists: lists})
		clock.Advance(2 * time.Second)
		keys := repChatKeys(t, ts)
		return ts.ChangeLog(), keys
	}
	a, keysA := run(7, nil)
	b, keysB := run(7, nil)
	c, _ := run(8, nil)
	if len(a) != 18 || !reflect.DeepEqual(keysA, keysB) {
		t.Fatalf("seed 7 twice: %d changes, same rows %v", len(a), reflect.DeepEqual(keysA, keysB))
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Op != b[i].Op {
			t.Fatalf("change %d: %+v, then %+v", i, a[i], b[i])
		}
	}
	differ := false
	for i := range a {
		differ = differ || a[i].Key != c[i].Key
	}
	if !differ {
		t.Fatal("seeds 7 and 8 made the same changes")
	}
	if log, _ := run(7, []string{api.ChatsExchanged.Path}); len(log) != 0 {
		t.Fatalf("%d changes to a list the churn does not name", len(log))
	}
}

// The control endpoints set a churn, refuse a bad one, and serve its log.
func TestChurnControlEndpoints(t *testing.T) {
	ts := start(t, Config{})
	put := func(body string) int {
		status, _ := ts.rawAnswer(t, http.MethodPut, controlPrefix+"churn", "", body)
		return status
	}
	if status := put(`{"inserts_per_second": -1}`); status != http.StatusBadRequest {
		t.Fatalf("a negative rate: status %d, want 400", status)
	}
	if status := put(`{"seed": 5, "updates_per_second": 1000}`); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	var got Churn
	ts.get(t, controlPrefix+"churn", "", &got)
	if got.Seed != 5 || got.Updates != 1000 {
		t.Fatalf("churn %+v", got)
	}
	time.Sleep(20 * time.Millisecond)
	repChatKeys(t, ts)
	var log []Change
	ts.get(t, controlPrefix+"churn/log", "", &log)
	if len(log) == 0 || log[0].Op != "update" || log[0].List != api.RepChats.Path {
		t.Fatalf("log %+v", log)
	}
	if _, err := New(Config{Churn: Churn{Deletes: 1e9}}); err == nil {
		t.Fatal("a server with a churn of 1e9 deletes a second")
	}
	raw, _ := json.Marshal(Churn{})
	if status := put(string(raw)); status != http.StatusOK || ts.churn.config().active() {
		t.Fatalf("stopping the churn: status %d", status)
	}
}

// Every keyed list churns, legacy and v1 alike: after a churn on it alone, a read holds the rows
// before with the log's inserts and without its deletes, its updated rows read changed, and every
// change is logged for that list and the view read, numbered in order of its kind.
func TestEveryKeyedListChurns(t *testing.T) {
	type keyedList struct {
		list string // the churn's name of it: the legacy path or the v1 list type
		path string
		body any // nil for a legacy GET
		keys []string
	}
	var lists []keyedList
	for _, ep := range []api.Endpoint{api.NewRepConnections, api.OppsSharedSummary, api.OppsShared,
		api.SaleAccountsMatched, api.SaleAccountsUnmatched, api.ChatsExchanged, api.RepChats} {
		lists = append(lists, keyedList{ep.Path, ep.Path, nil, ep.KeyFields})
	}
	small := Config{Dataset: DatasetConfig{Seed: 42, Accounts: 400, Partners: 5, Reps: 30, Opportunities: 200}}
	partner := start(t, small).data.PartnerOrgRecords()[0]["companyPartnerPublicId"].(string)
	noFilters := map[string]string{}
	lists = append(lists,
		keyedList{api.ChannelConnectedPartnerOrgs, api.ChannelEcosystemRecords,
			api.ChannelEcosystemBody{ChannelReportType: api.ChannelConnectedPartnerOrgs, Filters: noFilters}, nil},
		keyedList{api.ChannelMatchedAccounts, api.ChannelEcosystemRecords, api.ChannelEcosystemBody{
			ChannelReportType: api.ChannelMatchedAccounts, MatchingType: api.MatchingMutual, CompanyPartnerPublicID: partner, Filters: noFilters}, nil},
		keyedList{api.ReportGlobalAccounts, api.ReportPath(api.ReportGlobalAccounts, "records"), api.ReportBody{Filters: noFilters}, nil},
		keyedList{api.ReportGlobalOpportunities, api.ReportPath(api.ReportGlobalOpportunities, "records"), api.ReportBody{Filters: noFilters}, nil},
	)

	for _, l := range lists {
		if l.keys == nil {
			l.keys = api.V1KeyFields[l.list]
		}
		t.Run(l.list, func(t *testing.T) {
			ts := start(t, small)
			read := func() map[string]string { // each row's key to its JSON
				rows := map[string]string{}
				for page := 0; ; page++ {
					query := "?size=2000&page=" + strconv.Itoa(page)
					for _, k := range l.keys {
						query += "&sort=" + k + ",asc"
					}
					var p api.Page[map[string]any]
					status := 0
					if l.body == nil {
						status = ts.get(t, l.path+query, ts.token, &p)
					} else {
						status, _ = ts.post(t, l.path+query, l.body, &p)
					}
					if status != http.StatusOK || len(p.Content) == 0 && page == 0 {
						t.Fatalf("page %d: status %d, %d rows", page, status, len(p.Content))
					}
					for _, rec := range p.Content {
						raw, _ := json.Marshal(rec)
						rows[api.RecordKey(l.keys, func(f string) any { return rec[f] })] = string(raw)
					}
					if p.Last == nil || *p.Last {
						return rows
					}
				}
			}
			before := read()
			clock := NewStepClock(0)
			ts.SetChurnClock(clock.Now)
			ts.SetChurn(Churn{Seed: 3, Inserts: 2, Deletes: 1, Updates: 2, Lists: []string{l.list}})
			clock.Advance(2 * time.Second)
			after := read()

			want := map[string]bool{}
			for k := range before {
				want[k] = true
			}
			seqs := map[string]int{}
			updated := map[string]bool{}
			for _, c := range ts.ChangeLog() {
				seqs[c.Op]++ // the n-th change of its kind, from 1
				if c.List != l.list || c.View == "" || c.Seq != seqs[c.Op] {
					t.Fatalf("change %+v: want list %s, a view, and seq %d", c, l.list, seqs[c.Op])
				}
				switch c.Op {
				case "insert":
					want[c.Key] = true
				case "delete":
					delete(want, c.Key)
				case "update":
					updated[c.Key] = true
				}
			}
			if seqs["insert"] != 4 || seqs["delete"] != 2 || seqs["update"] != 4 {
				t.Fatalf("changes %v in 2 s, want 4 inserts, 2 deletes and 4 updates", seqs)
			}
			if len(after) != len(want) {
				t.Fatalf("%d rows after, want %d (%d before)", len(after), len(want), len(before))
			}
			for k := range want {
				if _, ok := after[k]; !ok {
					t.Fatalf("row %q is missing", k)
				}
			}
			for k := range updated {
				if old, ok := before[k]; ok && want[k] && after[k] == old {
					t.Errorf("row %q was updated but reads the same", k)
				}
			}
		})
	}
}
