package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// Partner is a connected partner organization.
type Partner struct {
	ID            string // 32 hex, the legacy API's partnerOrgId
	PublicID      string // UUID, the v1 API's companyPartnerPublicId
	Name          string
	Website       string
	Type          string
	Recommended   bool
	FirstConnect  int64
	RecentConnect int64
	Owner         string
	OwnerEmail    string
	OwnerPhone    *string
}

// Rep is one of the organization's sales reps and the state of their partner requests.
type Rep struct {
	ID               string
	Name             string
	Email            string
	Division         *string // nil for a rep not yet assigned to a division
	LoggedIn         bool
	NewConnections   int64
	PendingReceived  int64
	PendingSent      int64
	AcceptedPartners int64
}

var partnerTypes = []string{"Reseller", "Technology Partner", "Systems Integrator", "Managed Service Provider", "Referral Partner"}

func (d *Dataset) generatePartners() []Partner {
	partners := make([]Partner, d.cfg.Partners)
	seen := map[string]bool{}
	for i := range partners {
		r, f := d.rng(kindPartner, i), d.faker(kindPartner, i)
		name := f.Company()
		for seen[name] { // partner names are unique: the API filters by name
			name = fmt.Sprintf("%s %s", f.Company(), pick(r, []string{"Group", "Partners", "Labs", "Global"}))
		}
		seen[name] = true
		first := d.epochIn(r, d.start(), d.cfg.AsOf.AddDate(0, -2, 0))
		p := Partner{
			ID: hexID(r), PublicID: uuidV4(r), Name: name,
			Website:       "https://www." + slug(name) + ".example",
			Type:          pick(r, partnerTypes),
			Recommended:   chance(r, 0.25),
			FirstConnect:  first,
			RecentConnect: d.epochIn(r, time.Unix(first, 0), d.cfg.AsOf),
		}
		owner := f.Person()
		p.Owner = owner.FirstName + " " + owner.LastName
		p.OwnerEmail = lowerEmail(owner.FirstName, owner.LastName, slug(name)+".example")
		if chance(r, 0.7) {
			p.OwnerPhone = ptr(f.Phone())
		}
		partners[i] = p
	}
	return partners
}

func (d *Dataset) generateReps() []Rep {
	reps := make([]Rep, d.cfg.Reps)
	for i := range reps {
		r, f := d.rng(kindRep, i), d.faker(kindRep, i)
		first, last := f.FirstName(), f.LastName()
		rep := Rep{
			ID:       hexID(r),
			Name:     first + " " + last,
			Email:    fmt.Sprintf("%s.%s%d@%s", strings.ToLower(first), strings.ToLower(last), i, d.cfg.OrgDomain),
			LoggedIn: !chance(r, 0.12),
		}
		if !chance(r, 0.04) {
			rep.Division = ptr(Divisions[r.IntN(len(Divisions))])
		}
		if rep.LoggedIn {
			rep.AcceptedPartners = between(r, 0, 18)
			rep.NewConnections = between(r, 0, min(rep.AcceptedPartners, 6))
			rep.PendingSent = pickWeighted(r, []int64{0, 0, 0, 1, 1, 2, 3, 5})
		}
		// Reps who never logged in still receive requests they cannot answer.
		rep.PendingReceived = pickWeighted(r, []int64{0, 0, 0, 0, 1, 1, 2, 4})
		reps[i] = rep
	}
	return reps
}

func pickWeighted(r interface{ IntN(int) int }, values []int64) int64 {
	return values[r.IntN(len(values))]
}

// partnerByName finds a partner by its exact name, the legacy API's partnerOrg filter.
func (d *Dataset) partnerByName(name string) (int, bool) {
	for i, p := range d.partners {
		if p.Name == name {
			return i, true
		}
	}
	return -1, false
}

func lowerEmail(first, last, domain string) string {
	return strings.ToLower(first) + "." + strings.ToLower(last) + "@" + domain
}
