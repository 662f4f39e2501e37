package sandbox

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Churn makes the paged legacy lists, and the v1 lists with a key, change while they are read, as
// a busy org's do [ours]: rows
// inserted (a new row like one of the list's, with a new id), deleted and updated, at fixed rates
// per list and per second, where the seed decides which rows. The n-th change of a kind on a list
// happens n/rate seconds after the churn was set, so a schedule is the same on every run; each
// change is logged with its time (ChangeLog). Every list is the dataset's again when a churn is set.
type Churn struct {
	Seed    uint64  `json:"seed"`
	Inserts float64 `json:"inserts_per_second"`
	Deletes float64 `json:"deletes_per_second"`
	Updates float64 `json:"updates_per_second"`
	// Lists are the lists that change: legacy endpoint paths, v1 list types (those of
	// api.V1KeyFields); none means every one.
	Lists []string `json:"lists,omitempty"`
}

// invalid says what is wrong with a churn, or "".
func (c Churn) invalid() string {
	for _, rate := range []float64{c.Inserts, c.Deletes, c.Updates} {
		if rate < 0 || math.IsNaN(rate) || math.IsInf(rate, 0) || rate > 10_000 {
			return "rates are changes per second, 0 to 10000"
		}
	}
	return ""
}

func (c Churn) active() bool { return c.Inserts > 0 || c.Deletes > 0 || c.Updates > 0 }

func (c Churn) changes(list string) bool {
	return c.active() && (len(c.Lists) == 0 || slices.Contains(c.Lists, list))
}

// The kinds of change, in the order changes due at one instant are made.
const (
	changeInsert = iota
	changeDelete
	changeUpdate
	changeKinds
)

var changeNames = [changeKinds]string{"insert", "delete", "update"}

func (c Churn) rate(kind int) float64 {
	return [changeKinds]float64{c.Inserts, c.Deletes, c.Updates}[kind]
}

// Change is one change a churn made to a list.
type Change struct {
	At   time.Time `json:"at"`
	List string    `json:"list"` // the endpoint path, or the v1 list's type
	// View is the list as its request filtered it (org, path and filters): each filter's rows
	// change on their own [ours: simpler than one list under every filter, and as real to a reader].
	View string `json:"view"`
	Op   string `json:"op"`  // insert, delete or update
	Seq  int    `json:"seq"` // the n-th change of its kind on the list
	Key  string `json:"key"` // the row's api.Keyed key
}

// maxChangeLog is how many changes the log keeps, the newest.
const maxChangeLog = 100_000

type churnState struct {
	mu    sync.Mutex
	cfg   Churn
	start time.Time
	clock func() time.Time
	epoch int            // counts the churns set, so orders kept for an older one are not reused
	views map[string]any // each view's rows as changed so far: a *churnRows of its item type
	log   []Change
}

func (c *churnState) set(cfg Churn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg, c.start, c.views, c.log = cfg, c.clock(), map[string]any{}, nil
	c.epoch++
}

func (c *churnState) config() Churn {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cfg
}

func (c *churnState) changeLog() []Change {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.log)
}

// due is how many changes of each kind have happened by now.
func (c *churnState) due(now time.Time) [changeKinds]int {
	var due [changeKinds]int
	elapsed := now.Sub(c.start).Seconds()
	for kind := range due {
		if rate := c.cfg.rate(kind); rate > 0 && elapsed > 0 {
			due[kind] = int(math.Floor(elapsed * rate))
		}
	}
	return due
}

// when is the time of the seq-th change of a kind.
func (c *churnState) when(kind, seq int) time.Time {
	return c.start.Add(time.Duration(float64(seq) / c.cfg.rate(kind) * float64(time.Second)))
}

// churnRows is one view's rows as the churn has changed them.
type churnRows[T any] struct {
	ops     churnOps[T]
	rows    []T
	made    [changeKinds]int // changes of each kind made
	served  []T              // the rows as last served, never changed after: pages cut from it need no lock
	changed bool
}

func (r *churnRows[T]) version() int { return r.made[0] + r.made[1] + r.made[2] }

// churned is the view as the churn has changed it by now, and a name of that version, for the
// orders kept of it; ok is false when the churn does not change this list or its rows.
func (v view[T]) churned(c *churnState, view, path string) (anyView, string, bool) {
	ops, known := churnOpsFor[T]()
	if !known {
		return v, "", false
	}
	return churnedView(c, v, view, path, ops)
}

// churnedView is v, the rows of the list named list (a path, or a v1 list's type), as the churn
// has changed them by now, and a name of that version; ok is false when the churn does not
// change this list.
func churnedView[T any](c *churnState, v view[T], view, list string, ops churnOps[T]) (view[T], string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.cfg.changes(list) {
		return v, "", false
	}
	rows, ok := c.views[view].(*churnRows[T])
	if !ok {
		rows = &churnRows[T]{ops: ops, rows: collect(v), changed: true}
		c.views[view] = rows
	}
	advance(c, rows, view, list, c.clock())
	if rows.changed {
		rows.served, rows.changed = slices.Clone(rows.rows), false
	}
	return sliceView(rows.served), fmt.Sprintf("%s#%d.%d", view, c.epoch, rows.version()), true
}

// advance makes the changes due by now, in the order of their times.
func advance[T any](c *churnState, rows *churnRows[T], view, path string, now time.Time) {
	due := c.due(now)
	for {
		kind, at := -1, time.Time{}
		for k := range due {
			if rows.made[k] < due[k] {
				if t := c.when(k, rows.made[k]+1); kind < 0 || t.Before(at) {
					kind, at = k, t
				}
			}
		}
		if kind < 0 {
			return
		}
		rows.made[kind]++
		seq := rows.made[kind]
		if key, ok := rows.change(kind, churnRandom(c.cfg.Seed, path, kind, seq)); ok {
			c.log = append(c.log, Change{At: at.UTC(), List: path, View: view, Op: changeNames[kind], Seq: seq, Key: key})
			if len(c.log) > maxChangeLog {
				c.log = slices.Delete(c.log, 0, len(c.log)-maxChangeLog)
			}
		}
	}
}

// change makes one change, drawn from u, and returns the key of the row it changed; ok is false
// when there is no row to change (an empty list, where only an insert could be made, and it has
// no row to be like).
func (r *churnRows[T]) change(kind int, u uint64) (key string, ok bool) {
	n := len(r.rows)
	if n == 0 {
		return "", false
	}
	at := int(u % uint64(n))
	switch kind {
	case changeInsert:
		row := r.ops.insert(r.rows[at], fmt.Sprintf("%016x%016x", mix(u, kindChurn, 0), mix(u, kindChurn, 1)))
		r.rows = slices.Insert(r.rows, int((u>>32)%uint64(n+1)), row)
		key = r.ops.key(row)
	case changeDelete:
		key = r.ops.key(r.rows[at])
		r.rows = slices.Delete(r.rows, at, at+1)
	case changeUpdate:
		r.rows[at] = r.ops.update(r.rows[at])
		key = r.ops.key(r.rows[at])
	}
	r.changed = true
	return key, true
}

// churnRandom is the draw of the seq-th change of a kind on the list at path.
func churnRandom(seed uint64, path string, kind, seq int) uint64 {
	h := uint64(14695981039346656037) // FNV-1a of the path: each list changes on its own
	for i := 0; i < len(path); i++ {
		h = (h ^ uint64(path[i])) * 1099511628211
	}
	return mix(seed^h, kindChurn+uint64(kind), uint64(seq))
}
