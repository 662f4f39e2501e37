package partnertap

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// guideTables are the v1 lists whose field tables PartnerTap's guides give, and the plugin's
// table over each.
var guideTables = map[string]string{
	api.ChannelConnectedPartnerOrgs: "partnertap_partner_org",
	api.ChannelMatchedAccounts:      "partnertap_matched_account",
	api.ReportGlobalAccounts:        "partnertap_global_overlap_account",
	api.ReportGlobalOpportunities:   "partnertap_global_overlap_opportunity",
	api.ReportAttributionEvents:     "partnertap_attribution_event",
	api.ReportPipelineDetail:        "partnertap_pipeline_attribution_detail",
	api.ReportPipelineSummary:       "partnertap_pipeline_attribution_summary",
}

// undocumentedInTables are the standard fields the plugin has beyond a guide's table: the
// global reports' example records carry partnerOrgPublicId [doc].
var undocumentedInTables = map[string]bool{"partnerOrgPublicId": true}

// guideFields reads a list's field table as the guide gives it (internal/api/testdata/guides).
func guideFields(t *testing.T, list string) []api.Field {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "internal", "api", "testdata", "guides", list+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma, r.LazyQuotes = '\t', true
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "key,title,type" {
		t.Fatalf("%s.tsv: %v %v", list, err, rows)
	}
	var out []api.Field
	for _, row := range rows[1:] {
		out = append(out, api.Field{Key: row[0], Title: row[1], Type: row[2]})
	}
	return out
}

// TestTablesAndSandboxHaveEveryDocumentedField: every field of every guide's table is a standard
// field of the plugin with its key, title and type; a column of the plugin's table of the type its
// kind reads as, described by its title; a key of the sandbox's records whose JSON values are of
// its type; and a column of the sandbox's /columns with its title and type. A field the plugin has
// beyond the guide's table must be a documented exception.
func TestTablesAndSandboxHaveEveryDocumentedField(t *testing.T) {
	sb, err := sandbox.New(sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 400, Partners: 6, Reps: 20, Opportunities: 300}, V1RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := sandbox.StartTestServer(sb)
	t.Cleanup(srv.Close)
	tables := Plugin(context.Background()).TableMap
	for list, tableName := range guideTables {
		documented := guideFields(t, list)
		ours := map[string]api.Field{}
		for _, f := range api.ReportFields(list) {
			ours[f.Key] = f
		}
		columns := map[string]*proto.ColumnDefinition{}
		for _, c := range tables[tableName].Columns {
			columns[c.Name] = &proto.ColumnDefinition{Name: c.Name, Type: c.Type, Description: c.Description}
		}
		records := sandboxRecords(t, srv.URL, sb, list)
		metas := map[string]api.ColumnMeta{}
		for _, m := range sandboxColumns(t, srv.URL, sb, list) {
			metas[m.Key] = m
		}
		for _, doc := range documented {
			if f, ok := ours[doc.Key]; !ok || f != doc {
				t.Errorf("%s: the guide has %+v, the plugin %+v", list, doc, f)
			}
			if c := columns[columnName(doc.Key)]; c == nil || c.Type != v1ColumnTypes[doc.Kind()] || !strings.HasPrefix(c.Description, doc.Title+".") {
				t.Errorf("%s.%s: column %+v, want type %v described %q", tableName, columnName(doc.Key), c, v1ColumnTypes[doc.Kind()], doc.Title)
			}
			if m, ok := metas[doc.Key]; !ok || m.Title != doc.Title || m.Type != doc.Type {
				t.Errorf("%s: /columns has %s as %+v, the guide %+v", list, doc.Key, m, doc)
			}
			checkRecordValues(t, list, doc, records)
		}
		for key := range ours {
			if !undocumentedInTables[key] && !slices.ContainsFunc(documented, func(f api.Field) bool { return f.Key == key }) {
				t.Errorf("%s: the plugin has %s, which the guide's table does not", list, key)
			}
		}
	}
}

// checkRecordValues: the sandbox's records carry the field, with at least one value that is not
// null, and every value of the JSON type the field's type is written as [doc: dates are epoch
// seconds, an empty money value is ""].
func checkRecordValues(t *testing.T, list string, f api.Field, records []map[string]any) {
	t.Helper()
	set := 0
	for _, rec := range records {
		v, present := rec[f.Key]
		if !present {
			t.Errorf("%s: a record has no %s: %v", list, f.Key, rec)
			return
		}
		if v == nil {
			continue
		}
		set++
		ok := false
		switch f.Kind() {
		case api.TypeString:
			_, ok = v.(string)
		case api.TypeBoolean:
			_, ok = v.(bool)
		case api.TypeNumber, api.TypeDate:
			_, ok = v.(float64)
		case api.TypeCurrency:
			_, ok = v.(float64)
			ok = ok || v == ""
		}
		if !ok {
			t.Errorf("%s: %s is %T %v, not a JSON %s", list, f.Key, v, v, f.Type)
			return
		}
	}
	if set == 0 {
		t.Errorf("%s: %s is null in every record", list, f.Key)
	}
}

// sandboxRecords is the first page of 2000 records of list, as the sandbox answers them: the
// matched accounts of its first partner; the attribution reports of every partner and event type.
func sandboxRecords(t *testing.T, url string, sb *sandbox.Server, list string) []map[string]any {
	t.Helper()
	path, body := api.ReportPath(list, "records"), any(api.ReportBody{Filters: map[string]string{}})
	switch list {
	case api.ChannelConnectedPartnerOrgs, api.ChannelMatchedAccounts:
		path, body = api.ChannelEcosystemRecords, channelBody(sb, list)
	case api.ReportAttributionEvents, api.ReportPipelineDetail, api.ReportPipelineSummary:
		body = api.ReportBody{Filters: map[string]string{}, Context: everyPartnerAndEventType(sb)}
	}
	var page api.Page[map[string]any]
	postV1(t, url+path+"?size=2000", body, &page)
	if len(page.Content) == 0 {
		t.Fatalf("%s: no records", list)
	}
	return page.Content
}

func sandboxColumns(t *testing.T, url string, sb *sandbox.Server, list string) []api.ColumnMeta {
	t.Helper()
	path, body := api.ReportPath(list, "columns"), any(api.ReportBody{Filters: map[string]string{}})
	if list == api.ChannelConnectedPartnerOrgs || list == api.ChannelMatchedAccounts {
		path, body = api.ChannelEcosystemColumns, channelBody(sb, list)
	}
	var cols []api.ColumnMeta
	postV1(t, url+path, body, &cols)
	return cols
}

func channelBody(sb *sandbox.Server, list string) api.ChannelEcosystemBody {
	body := api.ChannelEcosystemBody{ChannelReportType: list, MatchingType: api.MatchingMutual, Filters: map[string]string{}}
	if list == api.ChannelMatchedAccounts {
		body.CompanyPartnerPublicID = everyPartnerAndEventType(sb).PartnerPublicIDs[0]
	}
	return body
}

func everyPartnerAndEventType(sb *sandbox.Server) *api.ReportContext {
	ctx := &api.ReportContext{}
	for _, rec := range sb.Dataset().PartnerOrgRecords() {
		ctx.PartnerPublicIDs = append(ctx.PartnerPublicIDs, rec["companyPartnerPublicId"].(string))
	}
	for _, et := range sandbox.EventTypes {
		ctx.EventTypeCodes = append(ctx.EventTypeCodes, et.Code)
	}
	return ctx
}

func postV1(t *testing.T, url string, body, out any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(raw))
	req.Header.Set(api.HeaderAPIKey, sandbox.DemoAPIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("POST %s: %d %s", url, resp.StatusCode, answer)
	}
	if err := json.Unmarshal(answer, out); err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
}
