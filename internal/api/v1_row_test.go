package api

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"
)

// mapDecoded is a record decoded as the plugin decoded it before Row: a map through go-json, the
// aliases copied onto absent standard keys, every field through columnValue.
func mapDecoded(idx *FieldIndex, b []byte) ([]any, map[string]any, error) {
	var rec map[string]any
	if err := gojson.Unmarshal(b, &rec); err != nil {
		return nil, nil, err
	}
	for alias, i := range idx.aliases {
		if _, has := rec[idx.Fields[i].Key]; !has {
			if v, ok := rec[alias]; ok {
				rec[idx.Fields[i].Key] = v
			}
		}
	}
	values := make([]any, len(idx.Fields))
	var other map[string]any
	for k, v := range rec {
		if i, ok := idx.pos[k]; ok {
			values[i] = ColumnValue(idx.Fields[i], v)
		} else if _, isAlias := idx.aliases[k]; !isAlias {
			if other == nil {
				other = map[string]any{}
			}
			other[k] = v
		}
	}
	return values, other, nil
}

// checkRowDecode: Row accepts a record exactly when it is valid JSON that a map decode accepts,
// and then holds what the map decode gives.
func checkRowDecode[S FieldSet](t *testing.T, b []byte) {
	t.Helper()
	var row Row[S]
	err := row.UnmarshalJSON(b)
	var set S
	values, other, mapErr := mapDecoded(set.Index(), b)
	accept := json.Valid(b) && mapErr == nil
	switch {
	case accept && err != nil:
		t.Fatalf("%q: Row refused a record the map decode reads: %v", b, err)
	case !accept && err == nil:
		t.Fatalf("%q: Row accepted a record that is not valid JSON or that the map decode refuses (%v)", b, mapErr)
	case accept && (!reflect.DeepEqual(row.Values, values) || !reflect.DeepEqual(row.Other, other)):
		t.Fatalf("%q:\nRow  %v %v\nmap  %v %v", b, row.Values, row.Other, values, other)
	}
}

var rowSeeds = []string{
	`{}`, `null`, ` { } `, `{"accountName":"Acme","name":"alias","annualRevenue":"12.5","openOppCount":3,"isCustomer":true}`,
	`{"name":"only the alias","custom_tier":"Tier 1","partnerFields":{"partnercountry":"DE","x":[1,{"y":null}]}}`,
	`{"accountName":"A\"c\\me \u00e9 \ud83d\ude00","annualRevenue":"","numberOfEmployees":"12","website":null}`,
	`{"partnerName":"P","partnerOrgName":"alias","firstConnectedDate":1700000000,"recommended":false,"activeConnections":-0.5e3}`,
	`{"accountName":"dup","accountName":"last wins","city":"caf\xc3\xa9","state":"bad \xff utf8"}`,
	`{"annualRevenue":1e400}`, `{"annualRevenue":01}`, `{"annualRevenue":-}`, `{"annualRevenue":1.}`, `{"a":tru}`,
	`{"a":"unterminated}`, `{"a":{"b":[}}`, `{"a" 1}`, `{"a":1,}`, `{,}`, `[]`, `"x"`, `{"a":1}x`, "{\"a\":\"\x01\"}",
	`{"annualRevenue":"not a number","firstConnectedDate":"2024-01-01","isCustomer":"yes"}`,
}

func TestRowDecodesAsAMapDecodeWould(t *testing.T) {
	for _, seed := range rowSeeds {
		checkRowDecode[MatchedAccounts](t, []byte(seed))
		checkRowDecode[PartnerOrgs](t, []byte(seed))
	}
	var row Row[PartnerOrgs]
	if err := row.UnmarshalJSON([]byte(`{"partnerOrgName":"Northwind","firstConnectedDate":1700000000,"custom_x":1}`)); err != nil {
		t.Fatal(err)
	}
	idx := PartnerOrgs{}.Index()
	if got := row.Values[idx.Position("partnerName")]; got != "Northwind" {
		t.Errorf("alias: partnerName = %v", got)
	}
	if got := row.Values[idx.Position("firstConnectedDate")]; got != time.Unix(1700000000, 0).UTC() {
		t.Errorf("date: %v", got)
	}
	if !reflect.DeepEqual(row.Other, map[string]any{"custom_x": float64(1)}) {
		t.Errorf("other: %v", row.Other)
	}
}

func FuzzRowDecode(f *testing.F) {
	for _, seed := range rowSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRowDecode[MatchedAccounts](t, b)
		checkRowDecode[PartnerOrgs](t, b)
	})
}

// A field table with a type the guides do not name, or an alias for a key it lacks, is a mistake
// in this package: it stops the plugin at start instead of making a boolean column or reading
// the alias into the first field.
func TestFieldIndexRefusesWhatItCannotRead(t *testing.T) {
	cases := map[string]func(){
		"an unknown type": func() { NewFieldIndex([]Field{{"accountName", "Account Name", "strng"}}, nil) },
		"an empty type":   func() { NewFieldIndex([]Field{{"accountName", "Account Name", ""}}, nil) },
		"a stray alias": func() {
			NewFieldIndex([]Field{{"accountName", "Account Name", TypeString}}, map[string]string{"name": "acountName"})
		},
	}
	for name, build := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewFieldIndex did not panic", name)
				}
			}()
			build()
		}()
	}
	for _, typ := range []string{TypeString, TypeName, TypeEmail, TypeTitle, TypePhone, TypeNumber, TypeCurrency, TypeDate, TypeBoolean} {
		if idx := NewFieldIndex([]Field{{"k", "K", typ}}, map[string]string{"alias": "k"}); idx.Position("k") != 0 {
			t.Errorf("type %s: the field is not indexed", typ)
		}
	}
}
