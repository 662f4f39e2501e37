package sandbox

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

const kindV1 uint64 = 100

// v1 generators: every record has every standard field of its report, filled coherently with the
// legacy dataset where the field names an account, partner, owner or opportunity, and generated
// from the field's type otherwise. Some values are null, and some empty money values are "" [doc].

// fillGeneric sets every field the record does not have yet from the field's name and type.
func (d *Dataset) fillGeneric(rec api.Record, fields []api.Field, r *rand.Rand) {
	for _, f := range fields {
		if _, set := rec[f.Key]; set {
			continue
		}
		if chance(r, 0.06) {
			rec[f.Key] = nil
			continue
		}
		rec[f.Key] = genericValue(f, r, d.cfg.AsOf)
	}
}

func genericValue(f api.Field, r *rand.Rand, asOf time.Time) any {
	switch f.Kind() {
	case api.TypeBoolean:
		return chance(r, 0.5)
	case api.TypeNumber:
		if textKindOf(f.Key).probability {
			return smallNumbers[between(r, 0, 10)*10]
		}
		return smallNumbers[between(r, 0, 40)]
	case api.TypeCurrency:
		if chance(r, 0.05) {
			return "" // an empty money value [doc]
		}
		return math.Round(5000*math.Exp(r.Float64()*math.Log(200))*100) / 100
	case api.TypeDate:
		return asOf.Unix() - between(r, 0, 3*365*86400)
	}
	k := textKindOf(f.Key)
	switch k.kind {
	case textEmail:
		n := r.IntN(1000)
		return "user" + strconv.Itoa(n) + "@" + pick(r, []string{"northwind", "contoso", "fabrikam"}) + ".example"
	case textPhone:
		a, b := r.IntN(1000), r.IntN(10000)
		return string(appendPadded(append(appendPadded([]byte("+1-555-"), a, 3), '-'), b, 4))
	case textTitle:
		return pick(r, jobTitles)
	case textWebsite:
		return "https://www.site" + strconv.Itoa(r.IntN(10000)) + ".example"
	case textCountry:
		return pick(r, anyCountries)
	}
	return string(appendPadded([]byte(k.prefix), r.IntN(10000), 4))
}

// A few small sets of values boxed once: the sandbox fills tens of fields of each of the 2000
// records of a v1 page. (Large sets boxed once, every generated text, made pages slower: their
// values were cache misses where fresh ones are not.)
var (
	smallNumbers = func() (n [101]any) {
		for i := range n {
			n[i] = float64(i)
		}
		return n
	}()
	jobTitles    = []any{"Account Executive", "Partner Manager", "VP Sales", "Channel Director"}
	anyCountries = func() []any {
		out := []any{"United States"}
		for _, c := range countries {
			out = append(out, c)
		}
		return out
	}()
)

// A string field's generated text is chosen by its name; textKindOf decides it once per key, since
// the sandbox fills tens of fields of every v1 record it serves.
const (
	textOther = iota
	textEmail
	textPhone
	textTitle
	textWebsite
	textCountry
)

type textKind struct {
	kind        int
	probability bool   // a number field named like a probability: a multiple of 10
	prefix      string // the key with dashes, then "-", for textOther
}

var textKinds sync.Map // field key → textKind

func textKindOf(key string) textKind {
	if k, ok := textKinds.Load(key); ok {
		return k.(textKind)
	}
	lower := strings.ToLower(key)
	k := textKind{probability: strings.Contains(lower, "probability"), prefix: strings.ReplaceAll(key, "_", "-") + "-"}
	switch {
	case strings.Contains(lower, "email"):
		k.kind = textEmail
	case strings.Contains(lower, "phone"):
		k.kind = textPhone
	case strings.Contains(lower, "title"):
		k.kind = textTitle
	case strings.Contains(lower, "website") || strings.Contains(lower, "link"):
		k.kind = textWebsite
	case strings.Contains(lower, "country"):
		k.kind = textCountry
	}
	textKinds.Store(key, k)
	return k
}

// appendPadded appends n in decimal, zero-padded to width digits (as %0<width>d).
func appendPadded(b []byte, n, width int) []byte {
	digits := strconv.Itoa(n)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

func str(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// partnerOrgRecord is a connected partner org of the channel ecosystem.
func (d *Dataset) partnerOrgRecord(i int) api.Record {
	p := d.partners[i]
	r := d.rng(kindV1+1, i)
	rec := api.Record{
		"companyPartnerPublicId": p.PublicID, "partnerName": p.Name, "partnerWebsite": p.Website,
		"partnerType": p.Type, "recommended": p.Recommended, "firstConnectedDate": p.FirstConnect,
		"mostRecentConnectedDate": p.RecentConnect, "activeConnections": float64(between(r, 1, 40)),
		"partnerOwner": p.Owner, "partnerOwnerEmail": p.OwnerEmail, "partnerOwnerPhone": str(p.OwnerPhone),
	}
	d.fillGeneric(rec, api.PartnerOrgFields, r)
	return rec
}

// partnerShares is which of its fields a partner shares: every partner shares its account name
// and CRM id; the others depend on its share settings.
func partnerShares(partner int) []string {
	shares := []string{"partneraccountname", "partnercrmaccountid"}
	if partner%2 == 0 {
		// The official client reads the country as partnerCountry, the guide's record has
		// partnercountry [doc, both]: a partner sharing its country sends both [ours].
		shares = append(shares, "partnercountry", "partnerCountry", "partneriscustomer")
	}
	if partner%3 == 0 {
		shares = append(shares, "partnerregistrationdate")
	}
	return shares
}

// matchedAccountRecord is account a as matched with partner p, with the partner's shared fields.
func (d *Dataset) matchedAccountRecord(a, p int) api.Record {
	acct := d.saleAccountRow(accountRef{int32(a), int32(p)}, true)
	partner := d.partners[p]
	r := d.rng(kindV1+2, a*131+p)
	rec := api.Record{
		"accountName": acct.AccountName, "accountType": str(acct.AccountType), "crmAccountId": acct.CrmAccountID,
		"city": str(acct.City), "state": str(acct.State), "country": str(acct.Country), "industry": str(acct.Industry),
		"website": str(acct.Website), "isCustomer": acct.AccountType != nil && *acct.AccountType == "Customer",
		"companyPartnerPublicId": partner.PublicID, "companyPartnerName": partner.Name, "partnerType": partner.Type,
		"partnerOwner": partner.Owner,
	}
	d.fillGeneric(rec, api.MatchedAccountFields, r)
	rec["custom_tier"] = pick(r, []string{"Tier 1", "Tier 2", "Tier 3"})
	rec["custom_region"] = pick(r, []string{"East", "West", "Central"})
	shared := map[string]any{}
	partnerCountry := d.partnerCountryOf(acct, r)
	for _, key := range partnerShares(p) {
		switch key {
		case "partneraccountname":
			shared[key] = str(acct.PartnerAccountName)
		case "partnercrmaccountid":
			shared[key] = crmID(r)
		case "partnercountry", "partnerCountry":
			shared[key] = partnerCountry
		case "partneriscustomer":
			shared[key] = chance(r, 0.5)
		case "partnerregistrationdate":
			shared[key] = *acct.MatchDate
		}
	}
	rec["partnerFields"] = shared
	return rec
}

// globalAccountRecord is one row of the global overlap list: an account and a partner that has it.
func (d *Dataset) globalAccountRecord(ref accountRef) api.Record {
	acct := d.saleAccountRow(ref, true)
	p := d.partners[ref.partner]
	r := d.rng(kindV1+3, int(ref.account)*131+int(ref.partner))
	rec := d.accountSnake(acct, len(api.GlobalAccountFields)+2)
	d.addPartnerSnake(rec, p, acct)
	rec["account_owner_name"], rec["account_owner_email"] = str(acct.OwnerName), str(acct.OwnerEmail)
	rec["partner_count"] = float64(len(d.matchesOf(int(ref.account))))
	rec["custom_tier"] = pick(r, []string{"Tier 1", "Tier 2", "Tier 3"})
	rec["custom_region"] = pick(r, []string{"East", "West", "Central"})
	rec["custom_ispartnerpaid"] = chance(r, 0.3)
	d.fillGeneric(rec, api.GlobalAccountFields, r)
	return rec
}

// accountSnake starts a record of size fields with the account's snake_case fields: sized once,
// since the sandbox builds a whole page of these per request.
func (d *Dataset) accountSnake(a api.SaleAccount, size int) api.Record {
	rec := make(api.Record, size)
	rec["account_name"], rec["account_type"], rec["crm_account_id"] = a.AccountName, str(a.AccountType), a.CrmAccountID
	rec["city"], rec["state"], rec["country"] = str(a.City), str(a.State), str(a.Country)
	rec["industry"], rec["website"] = str(a.Industry), str(a.Website)
	return rec
}

// addPartnerSnake adds the partner's snake_case fields, and the partner's account if it has one.
func (d *Dataset) addPartnerSnake(rec api.Record, p Partner, a api.SaleAccount) {
	rec["partner_org_name"], rec["partnerOrgPublicId"], rec["partner_org_partner_type"] = p.Name, p.PublicID, p.Type
	rec["partner_owner"], rec["partner_owner_email"], rec["partner_owner_phone"] = p.Owner, p.OwnerEmail, str(p.OwnerPhone)
	rec["partner_website"] = p.Website
	if a.PartnerAccountName != nil {
		rec["partner_account_name"], rec["partner_first_match_date"] = *a.PartnerAccountName, *a.MatchDate
	}
}

// globalOpportunityRecord is row row of the global opportunity overlap list: an opportunity
// and one partner its account overlaps with, the partner's account fields as in the Global
// Overlap List.
func (d *Dataset) globalOpportunityRecord(row int) api.Record {
	overlap := d.opps.overlaps[row]
	i := int(overlap.opp)
	o := d.opportunity(i)
	c := d.oppCoreOf(i)
	acct := d.saleAccountRow(accountRef{int32(c.account), int32(overlap.partner)}, true)
	r := d.rng(kindV1+4, i)
	rec := d.accountSnake(acct, len(api.GlobalOpportunityFields)+1)
	d.addPartnerSnake(rec, d.partners[overlap.partner], acct)
	rec["partner_count"] = float64(len(d.matchesOf(c.account)))
	rec["org_name"], rec["opportunity_name"], rec["stage_name"] = d.cfg.OrgName, o.OpportunityName, str(o.StageName)
	rec["crm_opportunity_id"], rec["is_closed"], rec["is_won"] = o.OpportunityID, o.IsClosed, o.IsWon
	rec["opportunity_owner_name"], rec["opportunity_owner_email"] = o.RepName, o.EmailAddress
	rec["amount"], rec["close_date"], rec["crm_created_date"] = "", nil, o.SharedDate
	if o.Amount != nil {
		rec["amount"] = *o.Amount
	}
	if o.CloseDate != nil {
		rec["close_date"] = *o.CloseDate
	}
	rec["custom_forecast_category"] = pick(r, []string{"Pipeline", "Best Case", "Commit"})
	d.fillGeneric(rec, api.GlobalOpportunityFields, r)
	return rec
}

// partnerCountryOf is the country the partner's CRM gives the account: mostly the account's own,
// sometimes another, and the United States sometimes as its code, as the guide's record writes it
// [doc: "country": "US"].
func (d *Dataset) partnerCountryOf(acct api.SaleAccount, r *rand.Rand) any {
	switch {
	case acct.Country == nil:
		return nil
	case chance(r, 0.15):
		return pick(r, countries)
	case *acct.Country == "United States" && chance(r, 0.5):
		return "US"
	}
	return *acct.Country
}
