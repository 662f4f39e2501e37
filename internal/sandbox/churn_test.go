package sandbox

import (
	"encoding/json"
	"net/http"
	"reflect"
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
