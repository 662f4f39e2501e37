package partnertap

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// Each operator reaches the API as its filter-language form; what cannot be expressed safely
// is not sent at all.
func TestV1OperatorPushdown(t *testing.T) {
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 300}}, demoSpc)
	day := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name  string
		quals map[string]*proto.Quals
		want  map[string]string // filter key → encoded filter; absent key: nothing sent
	}{
		{"=", eq("account_type", "Customer"), map[string]string{"account_type": "Customer"}},
		{"in (two lists, passed through)", quals(qual("account_type", "=", []string{"Customer", "Prospect"}), qual("industry", "=", []string{"Retail", "Energy"})),
			map[string]string{"account_type": "Customer-,-Prospect", "industry": "Retail-,-Energy"}},
		{"<>", quals(qual("account_type", "<>", "Customer")), map[string]string{"account_type": "Customer-!-"}},
		{"ilike %x%", quals(qual("account_name", "~~*", "%tech%")), map[string]string{"account_name": "tech-?-"}},
		{"like with two literals", quals(qual("account_name", "~~", "A%Inc_")), map[string]string{"account_name": "A-,-Inc-?-"}},
		{"not ilike %x%", quals(qual("account_name", "!~~*", "%test%")), map[string]string{"account_name": "test-^-"}},
		{"not ilike x% (not pushed)", quals(qual("account_name", "!~~*", "test%")), map[string]string{}},
		{">= number", quals(qual("annual_revenue", ">=", int64(1000))), map[string]string{"annual_revenue": "1000<->" + api.FilterRangeNumberMax}},
		{"> and < number", quals(qual("annual_revenue", ">", int64(10)), qual("annual_revenue", "<", int64(20))), map[string]string{"annual_revenue": "10<->20"}},
		{"= number", quals(qual("partner_count", "=", int64(2))), map[string]string{"partner_count": "2<->2"}},
		{"<= date", quals(qual("partner_first_match_date", "<=", day)), map[string]string{"partner_first_match_date": api.FilterRangeDateMin + "<->" + unix(day)}},
		{"between dates", quals(qual("partner_first_match_date", ">=", day), qual("partner_first_match_date", "<=", day.AddDate(0, 1, 0))),
			map[string]string{"partner_first_match_date": unix(day) + "<->" + unix(day.AddDate(0, 1, 0))}},
		{"<= a date past 2262", quals(qual("partner_first_match_date", "<=", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))),
			map[string]string{"partner_first_match_date": api.FilterRangeDateMin + "<->253402214400"}},
		{">= a date before 1678", quals(qual("partner_first_match_date", ">=", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC))),
			map[string]string{"partner_first_match_date": "-30610224000<->" + api.FilterRangeDateMax}},
		{"value with a delimiter (not pushed)", eq("account_type", "Customer-,-Prospect"), map[string]string{}},
		{"value ending in - (not pushed)", eq("account_type", "Customer-"), map[string]string{}},
	}
	for _, c := range cases {
		h.sandbox.ResetRequests()
		if _, err := h.run(query{table: "partnertap_global_overlap_account", columns: []string{"account_name"}, quals: c.quals}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		bodies := v1Bodies[api.ReportBody](t, h, globalAccountsPath)
		if len(bodies) != 1 {
			t.Fatalf("%s: %d calls", c.name, len(bodies))
		}
		if fmt.Sprint(bodies[0].Filters) != fmt.Sprint(c.want) {
			t.Errorf("%s: sent filters %v, want %v", c.name, bodies[0].Filters, c.want)
		}
	}
	// A boolean and the SDK's own IN split (one list qual: one call per value).
	h.sandbox.ResetRequests()
	h.mustRun(query{table: "partnertap_global_overlap_opportunity", columns: []string{"opportunity_name"}, quals: eq("is_won", true)})
	if b := v1Bodies[api.ReportBody](t, h, api.ReportPath(api.ReportGlobalOpportunities, "records")); b[0].Filters["is_won"] != "true" {
		t.Errorf("is_won = true sent as %v", b[0].Filters)
	}
}

// sqlPredicate is one qual; keeps is what Postgres decides for a row (pgHolds).
type sqlPredicate struct {
	column, op string
	value      any
}

func (p sqlPredicate) keeps(row map[string]any) bool {
	return pgHolds(row[p.column], p.op, p.value)
}

func rowKey(r map[string]any) string {
	return fmt.Sprint(r["crm_account_id"], "|", r["partner_org_name"])
}

// TestV1PushdownLosesNoRow is the property behind every pushdown: for each operator and many
// values (from the data, in other cases, with delimiters, on the bounds, on nulls), the rows the
// pushed-down query returns, filtered as Postgres then filters them, equal the whole table
// filtered the same way.
func TestV1PushdownLosesNoRow(t *testing.T) {
	// No v1 rate limit: this test makes hundreds of calls; TestV1RateLimit checks the limit.
	h := newHarness(t, sandbox.Config{Dataset: sandbox.DatasetConfig{Accounts: 400}, V1RateLimit: -1}, demoSpc)
	columns := []string{"crm_account_id", "partner_org_name", "account_name", "account_type", "industry", "annual_revenue", "partner_first_match_date", "partner_count"}
	all := h.mustRun(query{table: "partnertap_global_overlap_account", columns: columns})
	if len(all) < 300 {
		t.Fatalf("only %d rows", len(all))
	}
	sample := func(column string, i int) any { return all[(i*37)%len(all)][column] }
	var preds []sqlPredicate
	for i := 0; i < 4; i++ {
		name, _ := sample("account_name", i).(string)
		typ, _ := sample("account_type", i).(string)
		ind, _ := sample("industry", i).(string)
		word := strings.Fields(name + " x")[0]
		for _, v := range []string{typ, strings.ToUpper(typ), ind, "Customer-,-Prospect", "-Customer", "Partner"} {
			preds = append(preds, sqlPredicate{"account_type", "=", v}, sqlPredicate{"account_type", "<>", v}, sqlPredicate{"industry", "<>", v})
		}
		for _, pat := range []string{"%" + word + "%", "%" + strings.ToLower(word) + "%", word + "%", "%" + word[:1] + "_" + "%", "%a-,-b%", "%-?-%", "%\\%%"} {
			for _, op := range []string{"~~", "~~*", "!~~", "!~~*"} {
				preds = append(preds, sqlPredicate{"account_name", op, pat})
			}
		}
		if rev, ok := sample("annual_revenue", i).(float64); ok {
			for _, op := range []string{"=", ">=", ">", "<=", "<"} {
				preds = append(preds, sqlPredicate{"annual_revenue", op, rev}, sqlPredicate{"annual_revenue", op, math.Floor(rev) + 0.5})
			}
		}
		if ts, ok := sample("partner_first_match_date", i).(time.Time); ok {
			for _, op := range []string{"=", ">=", ">", "<=", "<"} {
				preds = append(preds, sqlPredicate{"partner_first_match_date", op, ts}, sqlPredicate{"partner_first_match_date", op, ts.Add(1500 * time.Millisecond)})
			}
		}
		if n, ok := sample("partner_count", i).(float64); ok {
			preds = append(preds, sqlPredicate{"partner_count", ">", n}, sqlPredicate{"partner_count", "=", n})
		}
	}
	// Values at the edges of the types: dates no int64 of nanoseconds holds, huge and tiny numbers.
	for _, ts := range []time.Time{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1677, 1, 1, 0, 0, 0, 0, time.UTC)} {
		for _, op := range []string{"=", ">=", ">", "<=", "<"} {
			preds = append(preds, sqlPredicate{"partner_first_match_date", op, ts})
		}
	}
	for _, f := range []float64{math.MaxFloat64, -math.MaxFloat64, 1e300, -1e-300, 0} {
		for _, op := range []string{"=", ">=", ">", "<=", "<"} {
			preds = append(preds, sqlPredicate{"annual_revenue", op, f})
		}
	}
	for _, p := range preds {
		var value any = p.value
		if f, ok := value.(float64); ok {
			value = f
		}
		got, err := h.run(query{table: "partnertap_global_overlap_account", columns: columns, quals: quals(qualAny(p.column, p.op, value))})
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		want := map[string]bool{}
		for _, r := range all {
			if p.keeps(r) {
				want[rowKey(r)] = true
			}
		}
		kept := map[string]bool{}
		for _, r := range got {
			if p.keeps(r) {
				kept[rowKey(r)] = true
			}
		}
		if len(kept) != len(want) {
			t.Errorf("%s %s %v: %d rows after pushdown, %d in the table", p.column, p.op, p.value, len(kept), len(want))
		}
	}
	t.Logf("%d predicates checked over %d rows", len(preds), len(all))
}

// qualAny builds a qual of any supported value type, doubles included.
func qualAny(column, op string, value any) *proto.Qual {
	if f, ok := value.(float64); ok {
		return &proto.Qual{FieldName: column, Operator: &proto.Qual_StringValue{StringValue: op},
			Value: &proto.QualValue{Value: &proto.QualValue_DoubleValue{DoubleValue: f}}}
	}
	return qual(column, op, value)
}
