package sandbox

import (
	"sync"
	"time"
)

// StepClock is a churn's clock for tests (SetChurnClock): it moves on by Step each time it is read
// (once when a churn is set, then once per request of a churning list), and by Advance.
type StepClock struct {
	Step time.Duration

	mu    sync.Mutex
	at    time.Time
	reads []time.Time
}

// NewStepClock is a StepClock at the start of December 2026.
func NewStepClock(step time.Duration) *StepClock {
	return &StepClock{Step: step, at: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
}

// Now is the clock's time, then moves it on by Step.
func (c *StepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	at := c.at
	c.reads = append(c.reads, at)
	c.at = c.at.Add(c.Step)
	return at
}

// Advance moves the clock on by d.
func (c *StepClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

// Reads are the times Now gave, in order.
func (c *StepClock) Reads() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Time(nil), c.reads...)
}
