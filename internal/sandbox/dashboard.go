package sandbox

import (
	"math"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// dashboard aggregates the reps of each division (all divisions when division is "").
func (d *Dataset) dashboard(division string) []api.DivisionDashboard {
	rows := []api.DivisionDashboard{}
	for _, name := range Divisions {
		if division != "" && division != name {
			continue
		}
		row := api.DivisionDashboard{Division: name, AsOf: ptr(d.cfg.AsOf.Unix())}
		for ri, rep := range d.reps {
			if rep.Division == nil || *rep.Division != name {
				continue
			}
			row.SalesRepCount++
			if rep.LoggedIn {
				row.SalesRepLoginCount++
			}
			row.PartnershipCount += rep.AcceptedPartners
			row.ChatCount += d.chats.perRep[ri]
		}
		rows = append(rows, row)
	}
	return rows
}

// historyQuery is a validated dashboard history request.
type historyQuery struct {
	division string
	from, to time.Time
	interval string
}

// dashboardHistory is the dashboard of each division as of the start of each period whose start
// lies in [align(from), to]; the counts grow from nothing at the dataset's start to today's values.
func (d *Dataset) dashboardHistory(q historyQuery) []api.DashboardPoint {
	rows := []api.DashboardPoint{}
	first := alignPeriod(maxTime(q.from, d.start()), q.interval)
	last := minTime(q.to, d.cfg.AsOf)
	for _, now := range d.dashboard(q.division) {
		for t := first; !t.After(last); t = nextPeriod(t, q.interval) {
			share := growth(t, d.start(), d.cfg.AsOf)
			rows = append(rows, api.DashboardPoint{
				Division:           now.Division,
				PeriodStart:        t.Unix(),
				ChatCount:          scaled(now.ChatCount, share),
				PartnershipCount:   scaled(now.PartnershipCount, share),
				SalesRepCount:      scaled(now.SalesRepCount, math.Sqrt(share)),
				SalesRepLoginCount: scaled(now.SalesRepLoginCount, math.Sqrt(share)),
			})
		}
	}
	return rows
}

// growth is the share of today's counts reached at t: a convex curve from 0 at start to 1 at end.
func growth(t, start, end time.Time) float64 {
	x := float64(t.Sub(start)) / float64(end.Sub(start))
	x = math.Max(0, math.Min(1, x))
	return math.Pow(x, 1.5)
}

func scaled(v int64, share float64) int64 { return int64(math.Round(float64(v) * share)) }

// alignPeriod is the start of the period containing t: its UTC day, its ISO week (Monday), or its month.
func alignPeriod(t time.Time, interval string) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch interval {
	case "WEEK":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case "MONTH":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

func nextPeriod(t time.Time, interval string) time.Time {
	switch interval {
	case "WEEK":
		return t.AddDate(0, 0, 7)
	case "MONTH":
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
