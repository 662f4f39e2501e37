package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// legacyRecordSeeds are records that a legacy page may hold, and some no page may.
var legacyRecordSeeds = []string{
	`{"saleAccountId":"s1","accountName":"Acme","crmAccountId":"c1","accountType":"Customer","industry":"Retail",` +
		`"city":"Paris","state":"IDF","country":"FR","website":"acme.example","ownerName":"Ann","ownerEmail":"ann@x",` +
		`"partnerOrg":"Northwind","partnerOrgId":"p1","partnerAccountName":"ACME SA","matchDate":1700000000000}`,
	`{"opportunityId":"o1","opportunityName":"Deal","accountName":"Acme","crmAccountId":null,"partnerOrg":"N",` +
		`"partnerOrgId":"p1","direction":"inbound","stageName":"Won","amount":1250.5,"closeDate":1700000000000,` +
		`"sharedDate":1690000000000,"repName":"Bo","emailAddress":"bo@x","isClosed":true,"isWon":false}`,
	`{"partnerOrg":"N","partnerOrgId":"p1","oppsSharedInbound":3,"oppsSharedOutbound":0,"amountInbound":5e-324,` +
		`"amountOutbound":1e308,"lastSharedDate":null}`,
	// nulls: a value left as it is, a pointer nil, also after a value
	`{"saleAccountId":null,"accountType":null,"matchDate":null,"isClosed":null,"amount":null,"chatCount":null}`,
	`{"accountType":"a","accountType":null,"amount":1,"amount":null}`, `{"accountType":null,"accountType":"b"}`,
	`{"accountName":"first","accountName":"second","accountName":"third"}`,
	// keys matched case-insensitively, the exact one not preferred over a later folded one
	`{"SALEACCOUNTID":"x","saleaccountid":"y"}`, `{"accountName":"exact","ACCOUNTNAME":"fold"}`,
	`{"ACCOUNTNAME":"fold","accountName":"exact"}`, `{"ſaleAccountId":"long s","ISCLOſED":true}`,
	`{"acc\u006funtName":"escaped key","\u0063ity":"Lyon"}`, `{"accountNam":"short","accountNamee":"long"}`,
	// text
	`{"accountName":"caf\u00e9 \"q\" \\ \/ \b\f\n\r\t","city":"\ud83d\ude00","state":"\ud800","country":""}`,
	"{\"accountName\":\"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale\",\"city\":\"bad \xff\xfe utf-8\",\"state\":\"\xed\xa0\x80\"}",
	`{"accountName":"a very long name, longer than eight bytes, to be read eight bytes at a time"}`,
	"{\"accountName\":\"control \x01 character\"}", `{"accountName":"bad \x escape"}`, `{"accountName":"\u12"}`,
	// numbers
	`{"matchDate":-0,"chatCount":0,"amount":-0.0}`, `{"matchDate":9223372036854775807,"chatCount":-9223372036854775808}`,
	`{"matchDate":9223372036854775808}`, `{"chatCount":-9223372036854775809}`, `{"matchDate":1e3}`, `{"matchDate":1.5}`,
	`{"matchDate":1.0}`, `{"matchDate":01}`, `{"matchDate":-}`, `{"matchDate":1.}`, `{"matchDate":.5}`, `{"matchDate":+1}`,
	`{"amount":1e309}`, `{"amountInbound":-1e400}`, `{"amount":1E+2,"amountOutbound":2.5e-3}`, `{"amount":123456789012345678901234567890}`,
	// values of another type
	`{"matchDate":"1"}`, `{"accountName":1}`, `{"accountName":true}`, `{"accountName":{}}`, `{"accountName":[]}`,
	`{"isClosed":"true"}`, `{"isClosed":1}`, `{"isClosed":tru}`, `{"isWon":falsey}`, `{"amount":"1.5"}`, `{"sharedDate":{}}`,
	`{"accountType":[null]}`, `{"accountName":nul}`, `{"accountName":nullx}`,
	// keys of no field, checked and skipped
	`{"x":{"y":[1,2,{"z":"\u0041"}]},"accountName":"a","n":-1.5e3,"t":true,"f":false,"z":null,"s":"\n"}`,
	`{"x":[1,]}`, `{"x":"\q"}`, `{"x":01}`, `{"x":[}`,
	// records that are not objects, or not whole ones
	`null`, `1`, `"s"`, `[]`, `true`, `{}`, ` { "accountName" : "a" , "city" : null } `,
	`{"accountName":"a`, `{"accountName"`, `{"accountName":}`, `{,}`, `{"accountName":"a",}`, `{"accountName" "a"}`,
	`{"accountName":"a" "city":"b"}`, `{accountName:"a"}`, `{"accountName":"a"`,
}

// legacyItemTypes decode every seed, each as a page's only record and all of them as one page.
func checkEveryLegacyType(t *testing.T, page []byte) {
	checkDecodedAsEncodingJSON[SaleAccount](t, page)
	checkDecodedAsEncodingJSON[SharedOpportunity](t, page)
	checkDecodedAsEncodingJSON[OppShareSummary](t, page)
	checkDecodedAsEncodingJSON[RepConnections](t, page)
	checkDecodedAsEncodingJSON[ChatExchange](t, page)
	checkDecodedAsEncodingJSON[RepChat](t, page)
	checkDecodedAsEncodingJSON[DivisionDashboard](t, page)
	checkDecodedAsEncodingJSON[DashboardPoint](t, page)
}

func TestLegacyPagesDecodeAsEncodingJSONWould(t *testing.T) {
	var valid []string
	for _, seed := range legacyRecordSeeds {
		checkEveryLegacyType(t, []byte(`{"content":[`+seed+`],"totalElements":1,"last":true}`))
		if json.Valid([]byte(seed)) {
			valid = append(valid, seed)
		}
	}
	checkEveryLegacyType(t, []byte(`{"content":[`+strings.Join(valid, ",")+`],"last":false}`))
	for _, seed := range append(pageSeeds, repeatedContentSeeds...) {
		checkEveryLegacyType(t, []byte(seed))
	}
}

// repeatedContentSeeds repeat the content key: encoding/json decodes the later array into the
// elements the earlier one left, so a field the later record leaves out keeps its value.
var repeatedContentSeeds = []string{
	`{"content":[{"accountName":"a","city":"x","matchDate":1,"isClosed":true}],"content":[{"accountName":"b"}]}`,
	`{"content":[{"accountName":"a"},{"accountName":"b","city":"y"}],"CONTENT":[{"city":"c"}]}`,
	`{"content":[{"accountName":"a"}],"Content":[{"city":"c"},{"city":"d"}]}`,
	`{"content":[{"accountName":"a"}],"content":null}`, `{"content":null,"content":[{"city":"c"}]}`,
	`{"content":[{"accountName":"a","city":"x"}],"content":[null]}`, `{"content":[{"city":"x"}],"content":[]}`,
}

// TestNestingIsCountedFromTheAnswersTop: a value nested as deep as encoding/json allows, counted
// from the page's object, is read; one level deeper is refused, as encoding/json refuses it.
func TestNestingIsCountedFromTheAnswersTop(t *testing.T) {
	for depth := maxNestingDepth - recordDepth - 1; depth <= maxNestingDepth-recordDepth+1; depth++ {
		nested := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		page := []byte(`{"content":[{"accountName":"a","x":` + nested + `}],"last":true}`)
		checkDecodedAsEncodingJSON[SaleAccount](t, page)
		checkPageDecode[MatchedAccounts](t, page)
	}
	for depth := maxNestingDepth - 2; depth <= maxNestingDepth; depth++ {
		nested := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		record := []byte(`{"accountName":"a","x":` + nested + `}`)
		var row, want Row[MatchedAccounts]
		if (row.UnmarshalJSON(record) == nil) != (json.Unmarshal(record, &want) == nil) {
			t.Errorf("a record with a value nested %d deep: the row scanner and encoding/json disagree", depth)
		}
	}
}

// TestEveryLegacyItemHasACodec: no legacy list falls back to go-json, whose pointer fields cost an
// allocation each.
func TestEveryLegacyItemHasACodec(t *testing.T) {
	for _, item := range []any{SaleAccount{}, SharedOpportunity{}, OppShareSummary{}, RepConnections{},
		ChatExchange{}, RepChat{}, DivisionDashboard{}, DashboardPoint{}} {
		if codecOf(reflect.TypeOf(item)) == nil {
			t.Errorf("%T has no structCodec", item)
		}
	}
	type unsupported struct {
		N int `json:"n"`
	}
	type oddTag struct {
		Name string `json:"a'b"` // encoding/json ignores this name and reads the key "Name"
	}
	type untagged struct{ Name string }
	for _, typ := range []reflect.Type{reflect.TypeFor[unsupported](), reflect.TypeFor[map[string]any](),
		reflect.TypeFor[oddTag](), reflect.TypeFor[untagged](), reflect.TypeFor[selfDecoding](), reflect.TypeFor[textDecoding]()} {
		if codecOf(typ) != nil {
			t.Errorf("a codec for %s, which encoding/json decodes otherwise", typ)
		}
	}
}

// TestLegacyPageDecodeAllocatesPerPageNotPerRecord: a page of 2000 sale accounts with every field
// set costs about a hundred allocations (content's growth, the arena's blocks, the envelope),
// where go-json made 14 a record.
func TestLegacyPageDecodeAllocatesPerPageNotPerRecord(t *testing.T) {
	const records = 2000
	var b strings.Builder
	b.WriteString(`{"content":[`)
	for i := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"saleAccountId":"s%d","accountName":"Account %d","crmAccountId":"c%d","accountType":"Customer",`+
			`"industry":"Retail","city":"Paris","state":"IDF","country":"FR","website":"a%d.example","ownerName":"Ann",`+
			`"ownerEmail":"ann@example.com","partnerOrg":"Northwind","partnerOrgId":"p1","partnerAccountName":"Acme %d",`+
			`"matchDate":%d}`, i, i, i, i, i, 1700000000000+i)
	}
	b.WriteString(`],"totalElements":2000,"totalPages":1,"number":0,"size":2000,"last":true}`)
	body := []byte(b.String())
	allocs := testing.AllocsPerRun(5, func() {
		var page Page[SaleAccount]
		if err := DecodePage(body, &page); err != nil || len(page.Content) != records {
			t.Fatalf("%d records, %v", len(page.Content), err)
		}
	})
	t.Logf("%.0f allocations for a page of %d records", allocs, records)
	if allocs > records/10 {
		t.Errorf("%.0f allocations for a page of %d records: more than one for every 10 records", allocs, records)
	}
}

func FuzzLegacyPageDecode(f *testing.F) {
	for _, seed := range legacyRecordSeeds {
		f.Add([]byte(`{"content":[` + seed + `]}`))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDecodedAsEncodingJSON[SaleAccount](t, b)
		checkDecodedAsEncodingJSON[SharedOpportunity](t, b)
		checkDecodedAsEncodingJSON[OppShareSummary](t, b)
	})
}

// selfDecoding and textDecoding decode themselves: encoding/json calls their methods.
type selfDecoding struct {
	Name string `json:"name"`
}

func (s *selfDecoding) UnmarshalJSON([]byte) error { s.Name = "mine"; return nil }

type textDecoding struct {
	Name string `json:"name"`
}

func (s textDecoding) UnmarshalText([]byte) error { return nil }
