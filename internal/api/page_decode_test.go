package api

import (
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// checkPageDecode is checkDecodedAsEncodingJSON for a page of Rows.
func checkPageDecode[S FieldSet](t *testing.T, b []byte) {
	t.Helper()
	checkDecodedAsEncodingJSON[Row[S]](t, b)
}

// checkDecodedAsEncodingJSON: DecodePage accepts a page of T exactly when encoding/json decoding
// the page whole accepts it, and gives what it gives.
func checkDecodedAsEncodingJSON[T any](t *testing.T, b []byte) {
	t.Helper()
	var whole Page[T]
	accept := json.Unmarshal(b, &whole) == nil
	var page Page[T]
	err := DecodePage(b, &page)
	switch {
	case accept && err != nil:
		t.Fatalf("%T %q: DecodePage refused a page encoding/json reads: %v", page, b, err)
	case !accept && err == nil:
		t.Fatalf("%T %q: DecodePage accepted a page encoding/json refuses", page, b)
	case accept && !reflect.DeepEqual(page, whole):
		t.Fatalf("%T %q:\nDecodePage    %+v\nencoding/json %+v", page, b, page, whole)
	}
}

var pageSeeds = []string{
	`{"content":[{"accountName":"Acme","city":"Paris","annualRevenue":"12.5","custom_x":1}],"totalElements":1,"totalPages":1,"last":true}`,
	`{"totalElements":2,"content":[{},null],"number":0,"size":2,"sort":{"sorted":true},"pageable":{"pageNumber":0,"offset":0}}`,
	`{"Content":[{"name":"alias"}],"LAST":false}`, `{"content":null}`, `{"content":[]}`, `{}`, `null`, ` {"content" : [ ] } `,
	`{"content":[{"accountName":"first"}],"content":[{"accountName":"second"}]}`,
	`{"content":[1]}`, `{"content":{}}`, `{"content":[{}]`, `{"content":[{}],}`, `{"content":[{},]}`, `[]`, `{"content":[]}x`,
	`{"totalElements":"many","content":[]}`, `{"totalElements":1.5,"content":[]}`, `{"last":null,"content":[]}`,
	`{"content":[{"accountName":"a very long name with \"escapes\" and caf\u00e9 in it, longer than eight bytes"}]}`,
	`{"cont\u0065nt":[{"accountName":"escaped key"}]}`, `{"content":[{"annualRevenue":1e400}]}`,
}

// keyOrderSeeds are pages whose records differ in their keys' order, for the key prediction
// (keyOrder): each record must decode as it would alone, whatever the record before it listed.
var keyOrderSeeds = []string{
	// the same order, then a swap, then fewer keys, then more
	`{"content":[{"accountName":"a","city":"b","state":"c"},{"accountName":"d","city":"e","state":"f"},` +
		`{"city":"g","accountName":"h","state":"i"},{"state":"j"},{"state":"k","city":"l","accountName":"m","website":"n"}]}`,
	// a standard key predicted where the next record has its alias, an unknown key or a key that
	// starts with the standard one
	`{"content":[{"accountName":"a","city":"b"},{"name":"alias","city":"c"},{"accountNameX":"other","city":"d"},` +
		`{"accountName":"e","city":"f"},{"accountNam":"short","cityy":"g"},{"custom_x":1,"city":"h"}]}`,
	// the predicted key written with escapes, and then plainly again
	`{"content":[{"accountName":"a","city":"b"},{"acc\u006funtName":"escaped","c\u0069ty":"e"},{"accountName":"c","city":"d"}]}`,
	// a key repeated in one record, at a position the record before it gave another key
	`{"content":[{"accountName":"a","city":"b","state":"c"},{"accountName":"d","accountName":"e","city":"f"},` +
		`{"city":"g","city":"h","city":"i","accountName":"j"}]}`,
	// an unknown key where the previous record had a standard one, then the standard one back
	`{"content":[{"city":"a","state":"b"},{"custom_y":"x","state":"c"},{"city":"d","state":"e"}]}`,
	// a prediction that runs past the end of the answer
	`{"content":[{"accountName":"a"},{"accountNa`,
	`{"content":[{"accountName":"a"},{"accountName"`,
	`{"content":[{"accountName":"a"},{"accountName":}]}`,
}

func TestDecodePageReadsAsEncodingJSONWould(t *testing.T) {
	for _, seed := range append(pageSeeds, keyOrderSeeds...) {
		checkPageDecode[MatchedAccounts](t, []byte(seed))
	}
	for _, seed := range rowSeeds { // every record seed, as a page's only row
		checkPageDecode[MatchedAccounts](t, []byte(`{"content":[`+seed+`],"last":true}`))
		checkPageDecode[PartnerOrgs](t, []byte(`{"content":[`+seed+`],"last":true}`))
	}
}

func TestDecodePageOfOtherItemsIsGoJSON(t *testing.T) {
	var page Page[map[string]any]
	if err := DecodePage([]byte(`{"content":[{"a":1}],"totalElements":1}`), &page); err != nil {
		t.Fatal(err)
	}
	if page.TotalElements != 1 || !reflect.DeepEqual(page.Content, []map[string]any{{"a": float64(1)}}) {
		t.Errorf("page = %+v", page)
	}
}

// TestSpecialByteInFindsEverySpecialByte: each byte value at each of the eight positions, among
// plain ones, is found exactly when the byte-by-byte scan must look at it.
func TestSpecialByteInFindsEverySpecialByte(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			word := []byte("abcdefgh")
			word[pos] = byte(c)
			var w uint64
			for i := 7; i >= 0; i-- {
				w = w<<8 | uint64(word[i])
			}
			special := c == '"' || c == '\\' || c < 0x20 || c >= 0x80
			if got := firstSpecialJSONByte(w) < 8; got != special {
				t.Errorf("byte %#x at %d: special = %v, want %v", c, pos, got, special)
			}
		}
	}
}

// TestFirstSpecialByteIsTheFirst: whatever follows it, the first special byte of a word is found
// at its place, and a word without one gives 8.
func TestFirstSpecialByteIsTheFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	isSpecial := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }
	for range 200_000 {
		var word [8]byte
		for i := range word {
			word[i] = byte(rng.IntN(256))
			if rng.IntN(3) > 0 { // mostly plain text, as a page is
				word[i] = byte('a' + rng.IntN(26))
			}
		}
		want := 8
		for i, c := range word {
			if isSpecial(c) {
				want = i
				break
			}
		}
		if got := firstSpecialJSONByte(binary.LittleEndian.Uint64(word[:])); got != want {
			t.Fatalf("% x: first special byte at %d, want %d", word, got, want)
		}
	}
}

func FuzzPageDecode(f *testing.F) {
	for _, seed := range append(pageSeeds, keyOrderSeeds...) {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkPageDecode[MatchedAccounts](t, b)
	})
}

// decodedTwice decodes answer, then the same bytes again after the first answer's buffer has been
// overwritten: what the first decode gave must not change, since the client gives an answer's
// buffer to the next answer once it is decoded (client.releaseAnswer).
func decodedTwice[T any](t *testing.T, answer string) {
	t.Helper()
	buf := []byte(answer)
	var first Page[T]
	if err := DecodePage(buf, &first); err != nil {
		t.Fatalf("%s: %v", answer, err)
	}
	for i := range buf {
		buf[i] = 'x'
	}
	var fresh Page[T]
	if err := DecodePage([]byte(answer), &fresh); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, fresh) {
		t.Errorf("%s: after its answer was overwritten, the page decoded from it is\n%+v\nwant\n%+v", answer, first, fresh)
	}
}

func TestDecodedPagesKeepNoBytesOfTheAnswer(t *testing.T) {
	const envelope = `,"totalElements":2,"totalPages":1,"last":true,"number":0,"size":2,` +
		`"sort":{"sorted":true},"pageable":{"pageNumber":0,"pageSize":2,"offset":0}}`
	legacy := `{"content":[{"saleAccountId":"s1","accountName":"Acme \"East\" caf\u00e9","crmAccountId":"c1",` +
		`"city":"Paris","partnerOrg":"Northwind","matchDate":1700000000000},` +
		`{"saleAccountId":"s2","accountName":"Globex","crmAccountId":"c2","website":"globex.example"}]` + envelope
	decodedTwice[SaleAccount](t, legacy)
	decodedTwice[map[string]any](t, legacy)

	v1 := `{"content":[{"accountName":"Acme \"East\" caf\u00e9","name":"alias","annualRevenue":"12.5",` +
		`"firstConnectedDate":"2024-01-01","custom_tier":"Tier \\1","partnerFields":{"partnercountry":"DE","x":[1,{"y":"z"}]}},` +
		`{"acc\u006funtName":"escaped key","city":"Lyon","custom_list":["a","b\nc"],"openOppCount":3}]` + envelope
	decodedTwice[Row[MatchedAccounts]](t, v1)
	decodedTwice[Row[PartnerOrgs]](t, v1)
}
