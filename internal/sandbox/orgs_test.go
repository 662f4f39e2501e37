package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// customKeys are the custom CRM field keys of a /columns answer.
func customKeys(t *testing.T, ts *testServer, key string) []string {
	t.Helper()
	status, raw := ts.rawAnswer(t, "POST", api.ReportPath(api.ReportGlobalAccounts, "columns"), key, `{"filters":{}}`)
	var cols []api.ColumnMeta
	if err := json.Unmarshal(raw, &cols); status != http.StatusOK || err != nil {
		t.Fatalf("columns: %d %s", status, raw)
	}
	var keys []string
	for _, c := range cols {
		if c.ColumnClassification != nil && *c.ColumnClassification == "CUSTOM_CRM_FIELD" {
			keys = append(keys, c.Key)
		}
	}
	return keys
}

// records are a page of the global overlap list as key's org sees it.
func records(t *testing.T, ts *testServer, key, body string) []api.Record {
	t.Helper()
	status, raw := ts.rawAnswer(t, "POST", api.ReportPath(api.ReportGlobalAccounts, "records")+"?size=200&page=0", key, body)
	var page api.ReportPage
	if err := json.Unmarshal(raw, &page); status != http.StatusOK || err != nil {
		t.Fatalf("records: %d %s", status, raw)
	}
	return page.Content
}

func TestEachOrgHasItsOwnCustomFields(t *testing.T) {
	ts := start(t, Config{PageCacheMB: 16})
	demo, second := customKeys(t, ts, DemoAPIKey), customKeys(t, ts, SecondOrgAPIKey)
	if !slices.Equal(demo, []string{"custom_tier", "custom_region", "custom_ispartnerpaid"}) ||
		!slices.Equal(second, []string{"custom_segment", "custom_arr", "custom_renewal_date", "custom_employees"}) {
		t.Fatalf("custom columns: demo %v, second %v", demo, second)
	}
	// Each org's own accounts, with its own custom fields only, typed as /columns says.
	demoRecs, secondRecs := records(t, ts, DemoAPIKey, `{"filters":{}}`), records(t, ts, SecondOrgAPIKey, `{"filters":{}}`)
	demoAccounts := map[any]bool{}
	for _, rec := range demoRecs {
		demoAccounts[rec["crm_account_id"]] = true
	}
	types := map[string]int{}
	for i, rec := range secondRecs {
		if demoAccounts[rec["crm_account_id"]] {
			t.Fatalf("row %d: the second org sees the demo org's account %v", i, rec["crm_account_id"])
		}
		for key, v := range rec {
			if strings.HasPrefix(key, api.CustomFieldPrefix) && !slices.Contains(second, key) {
				t.Fatalf("row %d: the second org sees the demo org's %s", i, key)
			}
			switch v.(type) {
			case string:
				types[key+" string"]++
			case float64:
				types[key+" number"]++
			case nil:
				types[key+" null"]++
			}
		}
		if _, ok := demoRecs[i]["custom_segment"]; ok {
			t.Fatalf("row %d: the demo org sees the second org's custom_segment", i)
		}
	}
	for _, want := range []string{"custom_segment string", "custom_arr number", "custom_renewal_date number", "custom_segment null"} {
		if types[want] == 0 {
			t.Errorf("no %s value in 200 records: %v", want, types)
		}
	}
	// Filters take the org's own fields.
	for _, rec := range records(t, ts, SecondOrgAPIKey, `{"filters":{"custom_segment":"Enterprise"}}`) {
		if rec["custom_segment"] != "Enterprise" {
			t.Fatalf("filtered on custom_segment, got %v", rec["custom_segment"])
		}
	}
}

func TestACustomFieldAddedAtRunTimeAppearsEverywhere(t *testing.T) {
	ts := start(t, Config{PageCacheMB: 16})
	before := records(t, ts, SecondOrgAPIKey, `{"filters":{}}`) // kept by the page cache
	if _, ok := before[0]["custom_partner_tier"]; ok {
		t.Fatal("the field is there before it was added")
	}
	add := `{"list":"GLOBAL_VERTICAL_ACCOUNTS","key":"custom_partner_tier","title":"Partner Tier","type":"string"}`
	if status, raw := ts.rawAnswer(t, "POST", controlPrefix+"orgs/"+SecondOrg+"/columns", "", add); status != http.StatusOK {
		t.Fatalf("add: %d %s", status, raw)
	}
	if keys := customKeys(t, ts, SecondOrgAPIKey); !slices.Contains(keys, "custom_partner_tier") {
		t.Fatalf("columns after the add: %v", keys)
	}
	if keys := customKeys(t, ts, DemoAPIKey); slices.Contains(keys, "custom_partner_tier") {
		t.Fatal("the other org got the field too")
	}
	after := records(t, ts, SecondOrgAPIKey, `{"filters":{}}`)
	values := map[any]bool{}
	for _, rec := range after {
		values[rec["custom_partner_tier"]] = true
	}
	if len(values) < 3 {
		t.Fatalf("the new field's values in 200 records: %v", values)
	}
	for _, bad := range []string{
		`{"list":"GLOBAL_VERTICAL_ACCOUNTS","key":"custom_partner_tier","title":"Again","type":"string"}`, // a duplicate
		`{"list":"GLOBAL_VERTICAL_ACCOUNTS","key":"account_name","title":"Standard","type":"string"}`,     // not custom_
		`{"list":"GLOBAL_VERTICAL_ACCOUNTS","key":"custom_y","title":"Y","type":"text"}`,                  // unknown type
		`{"list":"ATTRIBUTION_EVENTS","key":"custom_y","title":"Y","type":"string"}`,                      // a list without custom fields
		`{"list":"GLOBAL_VERTICAL_ACCOUNTS","key":"custom_y","type":"string"}`,                            // no title
	} {
		if status, _ := ts.rawAnswer(t, "POST", controlPrefix+"orgs/"+SecondOrg+"/columns", "", bad); status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, status)
		}
	}
	if status, _ := ts.rawAnswer(t, "POST", controlPrefix+"orgs/nobody/columns", "", add); status != http.StatusBadRequest {
		t.Errorf("unknown org: %d, want 400", status)
	}
}

// An org's partners share their own fields: the second org's partner 1 shares two more.
func TestEachOrgsPartnersShareTheirOwnFields(t *testing.T) {
	ts := start(t, Config{})
	for _, c := range []struct {
		key, org string
		want     bool
	}{{DemoAPIKey, DemoOrg, false}, {SecondOrgAPIKey, SecondOrg, true}} {
		partner := ts.OrgDataset(c.org).partners[1].PublicID
		body := `{"channelReportType":"PARTNER_ORG_MATCHED_ACCOUNTS","matchingType":"MUTUAL","companyPartnerPublicId":"` + partner + `","filters":{}}`
		_, raw := ts.rawAnswer(t, "POST", api.ChannelEcosystemColumns, c.key, body)
		if got := strings.Contains(string(raw), `"partnerterritory"`); got != c.want {
			t.Errorf("key %s: partnerterritory in /columns %v, want %v", c.key, got, c.want)
		}
		_, raw = ts.rawAnswer(t, "POST", api.ChannelEcosystemRecords+"?size=50&page=0", c.key, body)
		var page api.ReportPage
		if err := json.Unmarshal(raw, &page); err != nil || len(page.Content) == 0 {
			t.Fatalf("records: %v %s", err, raw)
		}
		values := 0
		for _, rec := range page.Content {
			if v := rec["partnerFields"].(map[string]any)["partnerterritory"]; v != nil {
				values++
			}
		}
		if (values > 0) != c.want {
			t.Errorf("key %s: %d records with partnerterritory", c.key, values)
		}
	}
}

// The two orgs are two companies: each key, and each token exchanged for it, reads its own org's
// reps, partners and accounts, on the legacy API and on v1.
func TestEachOrgHasItsOwnData(t *testing.T) {
	ts := start(t, Config{})
	demo, second := ts.OrgDataset(DemoOrg), ts.OrgDataset(SecondOrg)
	if demo.cfg.OrgName == second.cfg.OrgName || demo.partners[0].Name == second.partners[0].Name || len(second.reps) >= len(demo.reps) {
		t.Fatalf("the orgs are alike: %s/%s, %s/%s, %d/%d reps", demo.cfg.OrgName, second.cfg.OrgName,
			demo.partners[0].Name, second.partners[0].Name, len(demo.reps), len(second.reps))
	}
	var auth api.AuthResponse
	ts.get(t, api.AuthPath+"?apiKey="+SecondOrgAPIKey, "", &auth)
	for _, c := range []struct {
		token string
		want  *Dataset
	}{{ts.token, demo}, {auth.Token, second}} {
		var page api.Page[api.RepConnections]
		ts.get(t, api.NewRepConnections.Path+"?size=2000", c.token, &page)
		if len(page.Content) != len(c.want.reps) || page.Content[0].RepID != c.want.reps[0].ID ||
			!strings.HasSuffix(page.Content[0].EmailAddress, "@"+c.want.cfg.OrgDomain) {
			t.Fatalf("%s: %d reps, the first %+v; want %s's %d", c.want.cfg.OrgName, len(page.Content), page.Content[0], c.want.cfg.OrgName, len(c.want.reps))
		}
	}
	_, raw := ts.rawAnswer(t, "POST", api.ChannelEcosystemRecords+"?size=2000&page=0", SecondOrgAPIKey,
		`{"channelReportType":"`+api.ChannelConnectedPartnerOrgs+`","filters":{}}`)
	var partners api.ReportPage
	if err := json.Unmarshal(raw, &partners); err != nil || len(partners.Content) != len(second.partners) ||
		partners.Content[0]["partnerName"] != second.partners[0].Name {
		t.Fatalf("the second org's partner orgs: %v %s", err, raw)
	}
}
