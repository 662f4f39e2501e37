package sandbox

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// accountIndex is what the sandbox keeps of its accounts: which partners each one matches. The
// accounts themselves are generated on demand.
type accountIndex struct {
	// matchStart[i]..matchStart[i+1] are account i's rows in the unfiltered matched list.
	matchStart []int32
	// byPartner[p] lists, ascending, the accounts matched with partner p.
	byPartner [][]int32
	// unmatched lists, ascending, the accounts matched with no partner.
	unmatched []int32
}

// accountRef is one row of a sale-account list: an account and the partner it is (or is not)
// matched with; partner -1 means none.
type accountRef struct {
	account int32
	partner int32
}

func (d *Dataset) indexAccounts() accountIndex {
	n := d.cfg.Accounts
	idx := accountIndex{matchStart: make([]int32, n+1), byPartner: make([][]int32, len(d.partners))}
	for i := 0; i < n; i++ {
		partners := d.matchesOf(i)
		idx.matchStart[i+1] = idx.matchStart[i] + int32(len(partners))
		if len(partners) == 0 {
			idx.unmatched = append(idx.unmatched, int32(i))
		}
		for _, p := range partners {
			idx.byPartner[p] = append(idx.byPartner[p], int32(i))
		}
	}
	return idx
}

// matchCounts weights how many partners an account matches: most match none or one.
var matchCounts = []int{0, 0, 0, 0, 1, 1, 1, 2, 2, 3}

// matchesOf returns the partners account i is matched with, ascending.
func (d *Dataset) matchesOf(i int) []int {
	r := d.rng(kindMatch, i)
	k := min(pick(r, matchCounts), len(d.partners))
	if k == 0 {
		return nil
	}
	chosen := make([]int, 0, k)
	for len(chosen) < k {
		p := r.IntN(len(d.partners))
		if !slices.Contains(chosen, p) {
			chosen = append(chosen, p)
		}
	}
	sort.Ints(chosen)
	return chosen
}

var (
	accountTypes = []string{"Customer", "Customer", "Customer", "Prospect", "Prospect", "Prospect", "Former Customer", "Partner"}
	industries   = []string{"Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education",
		"Telecommunications", "Energy", "Media", "Transportation", "Government", "Hospitality"}
	countries       = []string{"Canada", "United Kingdom", "Germany", "France", "Australia", "Japan", "Brazil", "India", "Netherlands", "Singapore"}
	base62          = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	nameDecorations = []string{"", " Inc.", " (HQ)", ", LLC", ""}
)

// account generates account i without partner fields.
func (d *Dataset) account(i int) api.SaleAccount {
	r, f := d.rng(kindAccount, i), d.faker(kindAccount, i)
	name := f.Company()
	a := api.SaleAccount{SaleAccountID: hexID(r), AccountName: name, CrmAccountID: crmID(r)}
	if !chance(r, 0.05) {
		a.AccountType = ptr(pick(r, accountTypes))
	}
	if !chance(r, 0.08) {
		a.Industry = ptr(pick(r, industries))
	}
	if chance(r, 0.6) {
		a.City, a.State, a.Country = ptr(f.City()), ptr(f.State()), ptr("United States")
	} else {
		a.City, a.Country = ptr(f.City()), ptr(pick(r, countries))
	}
	if !chance(r, 0.1) {
		a.Website = ptr("https://www." + slug(name) + ".example")
	}
	if !chance(r, 0.07) {
		owner := d.reps[r.IntN(len(d.reps))]
		a.OwnerName, a.OwnerEmail = ptr(owner.Name), ptr(owner.Email)
	}
	return a
}

// crmID is a Salesforce-style account id.
func crmID(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("001")
	for range 15 {
		b.WriteByte(base62[r.IntN(len(base62))])
	}
	return b.String()
}

// saleAccountRow generates one row of a sale-account list.
func (d *Dataset) saleAccountRow(ref accountRef, matched bool) api.SaleAccount {
	a := d.account(int(ref.account))
	if ref.partner < 0 {
		return a
	}
	p := d.partners[ref.partner]
	a.PartnerOrg, a.PartnerOrgID = ptr(p.Name), ptr(p.ID)
	if matched {
		r := d.rng(kindMatch, int(ref.account)*131+int(ref.partner))
		a.PartnerAccountName = ptr(strings.TrimSpace(a.AccountName + pick(r, nameDecorations)))
		a.MatchDate = ptr(d.epochIn(r, time.Unix(p.FirstConnect, 0), d.cfg.AsOf))
	}
	return a
}

// matchedRefs is the matched list, optionally for one partner.
func (d *Dataset) matchedRefs(partner int) view[accountRef] {
	idx := d.accounts
	if partner >= 0 {
		ids := idx.byPartner[partner]
		return view[accountRef]{n: len(ids), at: func(r int) accountRef { return accountRef{ids[r], int32(partner)} }}
	}
	total := int(idx.matchStart[len(idx.matchStart)-1])
	return view[accountRef]{n: total, at: func(row int) accountRef {
		// the account whose rows contain this one, then which of its matches it is
		i := sort.Search(len(idx.matchStart), func(k int) bool { return idx.matchStart[k] > int32(row) }) - 1
		partners := d.matchesOf(i)
		return accountRef{int32(i), int32(partners[row-int(idx.matchStart[i])])}
	}}
}

// unmatchedRefs is the unmatched list: accounts matched with no partner, or, for one partner, the
// accounts not matched with that partner (rows then name the partner).
func (d *Dataset) unmatchedRefs(partner int) view[accountRef] {
	if partner < 0 {
		ids := d.accounts.unmatched
		return view[accountRef]{n: len(ids), at: func(r int) accountRef { return accountRef{ids[r], -1} }}
	}
	matched := d.accounts.byPartner[partner]
	n := d.cfg.Accounts - len(matched)
	return view[accountRef]{n: n, at: func(row int) accountRef {
		// the smallest account x such that row+1 accounts up to x are not matched with partner
		x := sort.Search(d.cfg.Accounts, func(x int) bool {
			matchedUpToX := sort.Search(len(matched), func(k int) bool { return matched[k] > int32(x) })
			return x+1-matchedUpToX >= row+1
		})
		return accountRef{int32(x), int32(partner)}
	}}
}

// accountMatchesSearch is the legacy `search` filter: a case-insensitive substring of the account
// name, CRM id or website [ours].
func accountMatchesSearch(a api.SaleAccount, search string) bool {
	s := strings.ToLower(search)
	return strings.Contains(strings.ToLower(a.AccountName), s) ||
		strings.Contains(strings.ToLower(a.CrmAccountID), s) ||
		(a.Website != nil && strings.Contains(strings.ToLower(*a.Website), s))
}
