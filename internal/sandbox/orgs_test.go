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
	// The same records, each with its org's custom fields only, typed as /columns says.
	demoRecs, secondRecs := records(t, ts, DemoAPIKey, `{"filters":{}}`), records(t, ts, SecondOrgAPIKey, `{"filters":{}}`)
	types := map[string]int{}
	for i, rec := range secondRecs {
		if rec["crm_account_id"] != demoRecs[i]["crm_account_id"] {
			t.Fatalf("row %d: the orgs see different accounts", i)
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
	partner := ts.data.partners[1].PublicID
	body := `{"channelReportType":"PARTNER_ORG_MATCHED_ACCOUNTS","matchingType":"MUTUAL","companyPartnerPublicId":"` + partner + `","filters":{}}`
	for _, c := range []struct {
		key  string
		want bool
	}{{DemoAPIKey, false}, {SecondOrgAPIKey, true}} {
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
