package sandbox

import (
	"context"
	"errors"
	"hash/fnv"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Each PartnerTap organization has its own data, and maps its own CRM fields into the v1 lists
// (CUSTOM_CRM_FIELD [doc]), so two orgs' /columns and records differ. The sandbox serves two orgs:
// the demo org (DemoAPIKey, RestrictedAPIKey and their tokens) and a second (SecondOrgAPIKey and
// its tokens), each with a dataset of its own (secondOrgDataset) and its own custom fields [ours]. A custom field can be added to an org while the sandbox runs (the
// control API's POST /_sandbox/orgs/{org}/columns), as an admin maps a new CRM field.

// SecondOrgAPIKey is the second org's key.
const SecondOrgAPIKey = "c7d9e2a4-5b6f-4c8d-9e0a-1b2c3d4e5f60"

// The orgs' names, as the control API takes them.
const (
	DemoOrg   = "demo"
	SecondOrg = "second"
)

// customLists are the lists that carry an org's custom CRM fields [doc: matched accounts, the
// global overlap lists].
var customLists = []string{api.ChannelMatchedAccounts, api.ReportGlobalAccounts, api.ReportGlobalOpportunities}

// org is an organization's custom CRM fields, by list, and what its partners share besides the
// fields every org's partners share (partnerShares): an org's partners are its own.
type org struct {
	name   string
	mu     sync.RWMutex
	custom map[string][]api.Field
	shared []api.Field // shared by the partners with partner%4 == 1
}

// sharedBy is what partner shares with the org besides partnerShares.
func (o *org) sharedBy(partner int) []api.Field {
	if partner%4 != 1 {
		return nil
	}
	return o.shared
}

func newOrgs() map[string]*org {
	return map[string]*org{
		DemoOrg: {name: DemoOrg, custom: map[string][]api.Field{
			api.ChannelMatchedAccounts: {{Key: "custom_tier", Title: "Tier", Type: api.TypeString}, {Key: "custom_region", Title: "Region", Type: api.TypeString}},
			api.ReportGlobalAccounts: {{Key: "custom_tier", Title: "Tier", Type: api.TypeString}, {Key: "custom_region", Title: "Region", Type: api.TypeString},
				{Key: "custom_ispartnerpaid", Title: "Is Partner Paid", Type: api.TypeBoolean}}, // the guide's example [doc: global-overlap-list §4]
			api.ReportGlobalOpportunities: {{Key: "custom_forecast_category", Title: "Forecast Category", Type: api.TypeString}},
		}},
		SecondOrg: {name: SecondOrg, custom: map[string][]api.Field{
			api.ChannelMatchedAccounts: {{Key: "custom_segment", Title: "Segment", Type: api.TypeString}, {Key: "custom_arr", Title: "ARR", Type: api.TypeCurrency}},
			api.ReportGlobalAccounts: {{Key: "custom_segment", Title: "Segment", Type: api.TypeString}, {Key: "custom_arr", Title: "ARR", Type: api.TypeCurrency},
				{Key: "custom_renewal_date", Title: "Renewal Date", Type: api.TypeDate}, {Key: "custom_employees", Title: "Employees", Type: api.TypeNumber}},
			api.ReportGlobalOpportunities: {{Key: "custom_deal_source", Title: "Deal Source", Type: api.TypeString}, {Key: "custom_strategic", Title: "Strategic", Type: api.TypeBoolean}},
		},
			shared: []api.Field{{Key: "partnerterritory", Title: "Partner Territory", Type: api.TypeString},
				{Key: "partnerpipelinevalue", Title: "Partner Pipeline Value", Type: api.TypeCurrency}}},
	}
}

// secondOrgDataset is the second org's dataset: another company (its own seed, name and domain),
// smaller than the demo org's.
func secondOrgDataset(demo DatasetConfig) DatasetConfig {
	return DatasetConfig{
		Seed: demo.Seed ^ 0x5ec0d, Accounts: max(demo.Accounts*3/5, 1), Partners: max(demo.Partners*2/3, 1),
		Reps: max(demo.Reps*3/5, 1), Opportunities: max(demo.Opportunities*3/5, 1), AsOf: demo.AsOf,
		OrgName: "Contoso Group", OrgDomain: "contoso.example",
	}
}

// credentials are what a request's credentials are: its token as parsed, and the org they belong
// to; withCredentials finds them once for all of a request's handlers.
type credentials struct {
	token tokenResult
	org   *org
}

type credentialsKey struct{}

// withCredentials is r with its credentials in its context.
func (s *Server) withCredentials(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), credentialsKey{}, s.findCredentials(r)))
}

// credentialsOf is a request's credentials.
func (s *Server) credentialsOf(r *http.Request) *credentials {
	if c, ok := r.Context().Value(credentialsKey{}).(*credentials); ok {
		return c
	}
	return s.findCredentials(r)
}

// findCredentials reads a request's token and finds its org: its api-key's, or that of the key its
// token was exchanged for.
func (s *Server) findCredentials(r *http.Request) *credentials {
	c := &credentials{token: s.parseToken(r)}
	name := DemoOrg
	if acct, ok := s.keys[r.Header.Get(api.HeaderAPIKey)]; ok && acct.org != "" {
		name = acct.org
	} else if c.token.present && c.token.err == nil {
		for _, acct := range s.keys {
			if acct.subject == c.token.claims.Subject && acct.org != "" {
				name = acct.org
			}
		}
	}
	c.org = s.data.orgs[name]
	return c
}

// orgOf is the org a request's credentials belong to.
func (s *Server) orgOf(r *http.Request) *org { return s.credentialsOf(r).org }

// dataOf is the dataset of the org a request's credentials belong to.
func (s *Server) dataOf(r *http.Request) *Dataset { return s.datasets[s.orgOf(r).name] }

// customColumns is the org's custom fields of list.
func (o *org) customColumns(list string) []api.Field {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return slices.Clone(o.custom[list])
}

// addColumn maps a new custom field into list.
func (o *org) addColumn(list string, f api.Field) error {
	switch {
	case !slices.Contains(customLists, list):
		return errors.New("custom fields are mapped into " + strings.Join(customLists, ", ") + ", not '" + list + "'")
	case !strings.HasPrefix(f.Key, api.CustomFieldPrefix) || len(f.Key) == len(api.CustomFieldPrefix):
		return errors.New("a custom field's key starts with " + api.CustomFieldPrefix + " [doc]")
	case !slices.Contains(api.ValueTypes, f.Type):
		return errors.New("type is one of string, number, currency, date, boolean, not '" + f.Type + "'")
	case f.Title == "":
		return errors.New("a custom field needs a title")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if slices.ContainsFunc(o.custom[list], func(c api.Field) bool { return c.Key == f.Key }) || slices.ContainsFunc(api.ReportFields(list), func(c api.Field) bool { return c.Key == f.Key }) {
		return errors.New("list " + list + " already has a column '" + f.Key + "'")
	}
	o.custom[list] = append(o.custom[list], f)
	return nil
}

// withCustomFields is rows with each record's custom fields the org's: the record builders write
// the demo org's; another org's replace them, each value derived from the field and the record's
// place in the unfiltered list (seed), so the same record always has the same value. On a
// partner's matched accounts (partner >= 0), what that partner shares with the org is added too.
func (o *org) withCustomFields(list string, rows view[api.Record], seed, partner int) view[api.Record] {
	fields := o.customColumns(list)
	var shared []api.Field
	if partner >= 0 {
		shared = o.sharedBy(partner)
	}
	at := rows.at
	rows.at = func(i int) api.Record {
		rec := at(i)
		if fields, ok := rec["partnerFields"].(map[string]any); ok {
			for _, f := range shared {
				fields[f.Key] = customValue(f, seed+i)
			}
		}
		for key := range rec {
			if strings.HasPrefix(key, api.CustomFieldPrefix) && !slices.ContainsFunc(fields, func(f api.Field) bool { return f.Key == key }) {
				delete(rec, key)
			}
		}
		for _, f := range fields {
			if _, ok := rec[f.Key]; !ok {
				rec[f.Key] = customValue(f, seed+i)
			}
		}
		return rec
	}
	return rows
}

// customValue is a generated value of a custom field for record seed: one in eight is null, as
// CRM fields often are.
func customValue(f api.Field, seed int) any {
	h := fnv.New64a()
	_, _ = h.Write([]byte(f.Key + "#" + strconv.Itoa(seed)))
	n := h.Sum64()
	if n%8 == 0 {
		return nil
	}
	n /= 8
	switch f.Type {
	case api.TypeBoolean:
		return n%2 == 0
	case api.TypeNumber:
		return float64(n % 5000)
	case api.TypeCurrency:
		return math.Round(float64(n%10_000_000)) / 100
	case api.TypeDate:
		return float64(1_672_531_200 + int64(n%(3*365*86400))) // 2023 to 2025, epoch seconds [doc]
	}
	if choices := customChoices[f.Key]; choices != nil {
		return choices[n%uint64(len(choices))]
	}
	return f.Title + " " + strconv.Itoa(int(n%5)+1) // a field added at run time
}

// customChoices are the values of the second org's text fields (the demo org's are written by
// the record builders).
var customChoices = map[string][]string{
	"custom_segment":     {"SMB", "Mid-Market", "Enterprise", "Strategic"},
	"custom_deal_source": {"Partner Referral", "Marketplace", "Co-sell", "Direct"},
}
