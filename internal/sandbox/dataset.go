package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// DatasetConfig sizes the generated dataset. Equal configs generate equal datasets.
type DatasetConfig struct {
	Seed          uint64
	Accounts      int // the organization's CRM accounts (sale accounts)
	Partners      int // connected partner organizations
	Reps          int // the organization's sales reps
	Opportunities int // opportunities shared in or out
	// AsOf is the dataset's "now": dates are spread over the years before it.
	AsOf time.Time
	// OrgName and OrgDomain are the organization whose data it is: its name in records, the
	// domain of its reps' email addresses.
	OrgName, OrgDomain string
}

// DefaultDatasetConfig is what the sandbox serves unless told otherwise.
var DefaultDatasetConfig = DatasetConfig{
	Seed: 42, Accounts: 5000, Partners: 24, Reps: 150, Opportunities: 2500,
	AsOf: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
}

// historyYears is how far back the dataset's dates reach before AsOf.
const historyYears = 3

// OrgName and OrgDomain are the demo organization, whose data a dataset is by default.
const (
	OrgName   = "Northwind Systems"
	OrgDomain = "northwind.example"
)

// Divisions are the organization's sales divisions.
var Divisions = []string{"North America", "EMEA", "APAC", "LATAM", "Public Sector", "Strategic Accounts"}

// Dataset is the sandbox's data. Small collections (partners, reps, chats) are held in memory;
// accounts and opportunities are generated on demand from compact indexes, so a dataset of
// millions of accounts costs a few bytes per account.
type Dataset struct {
	cfg      DatasetConfig
	partners []Partner
	reps     []Rep
	chats    chatData
	accounts accountIndex
	opps     oppIndex
	orgs     map[string]*org // the orgs that see the data, by name (orgs.go)
}

// NewDataset generates the dataset for cfg; a zero seed or size takes DefaultDatasetConfig's.
func NewDataset(cfg DatasetConfig) (*Dataset, error) {
	def := DefaultDatasetConfig
	if cfg.Seed == 0 {
		cfg.Seed = def.Seed
	}
	if cfg.Accounts == 0 {
		cfg.Accounts = def.Accounts
	}
	if cfg.Partners == 0 {
		cfg.Partners = def.Partners
	}
	if cfg.Reps == 0 {
		cfg.Reps = def.Reps
	}
	if cfg.Opportunities == 0 {
		cfg.Opportunities = def.Opportunities
	}
	if cfg.AsOf.IsZero() {
		cfg.AsOf = def.AsOf
	}
	if cfg.OrgName == "" {
		cfg.OrgName, cfg.OrgDomain = OrgName, OrgDomain
	}
	if cfg.Accounts < 1 || cfg.Partners < 1 || cfg.Reps < 1 || cfg.Opportunities < 1 || cfg.Partners > 60000 {
		return nil, fmt.Errorf("sandbox: dataset sizes must be positive (partners at most 60000): %+v", cfg)
	}
	d := &Dataset{cfg: cfg, orgs: newOrgs()}
	d.partners = d.generatePartners()
	d.reps = d.generateReps()
	d.chats = d.generateChats()
	d.accounts = d.indexAccounts()
	d.opps = d.indexOpportunities()
	return d, nil
}

// Config is the configuration the dataset was generated from, defaults filled in.
func (d *Dataset) Config() DatasetConfig { return d.cfg }

func (d *Dataset) start() time.Time { return d.cfg.AsOf.AddDate(-historyYears, 0, 0) }

// epochIn is a deterministic epoch second in [from, to].
func (d *Dataset) epochIn(r interface{ Int64N(int64) int64 }, from, to time.Time) int64 {
	span := to.Unix() - from.Unix()
	if span <= 0 {
		return from.Unix()
	}
	return from.Unix() + r.Int64N(span+1)
}

// slug turns a company name into a host name label.
func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "company"
	}
	return b.String()
}
