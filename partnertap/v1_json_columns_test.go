package partnertap

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// custom_fields and partner_fields are JSON text the plugin writes: what the record holds under
// those keys, whatever its type, read back by a JSON reader as it came.
func TestV1JSONColumnsHoldTheRecordsValues(t *testing.T) {
	other := map[string]any{
		"custom_tier": `gold "plus" <b> \ é`, "custom_arr": 1234.5, "custom_flag": true, "custom_none": nil,
		"custom_list": []any{"a", 2.0}, "custom_obj": map[string]any{"z": 1.0, "a": "x"},
		"partnerFields": "a plain string", "notcustom": "left out",
	}
	d := &transform.TransformData{HydrateItem: v1Row{other: other}}
	got, err := customFields(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	text := got.(string)
	var decoded map[string]any
	if err := json.Unmarshal([]byte(text), &decoded); err != nil {
		t.Fatalf("custom_fields %s: %v", text, err)
	}
	want := map[string]any{}
	for k, v := range other {
		if len(k) > 7 && k[:7] == "custom_" {
			want[k] = v
		}
	}
	if gotJSON, wantJSON := mustJSON(t, decoded), mustJSON(t, want); gotJSON != wantJSON {
		t.Errorf("custom_fields %s, want %s", gotJSON, wantJSON)
	}
	if wantText := `{"custom_arr":1234.5,"custom_flag":true,"custom_list":["a",2],"custom_none":null,"custom_obj":{"a":"x","z":1},"custom_tier":"gold \"plus\" <b> \\ é"}`; text != wantText {
		t.Errorf("custom_fields written as\n%s\nwant (keys sorted)\n%s", text, wantText)
	}

	for value, want := range map[any]any{"a plain string": `"a plain string"`, nil: nil, 3.0: "3",
		"": `""`} {
		other["partnerFields"] = value
		d.Param = "partnerFields"
		got, err := otherJSON(context.Background(), d)
		if err != nil || got != want {
			t.Errorf("partner_fields of %#v: %#v, %v; want %#v", value, got, err, want)
		}
	}
	delete(other, "partnerFields")
	if got, err := otherJSON(context.Background(), d); err != nil || got != nil {
		t.Errorf("partner_fields of a record without it: %#v, %v; want null", got, err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
