package sdkpatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/grpc/encoding"
	protobuf "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The plugin's gRPC server marshals every row it streams with the codec registered as "proto";
// SDK patch 0021 registers one that writes an ExecuteResponse by hand.
func rowCodec() encoding.CodecV2 { return encoding.GetCodecV2("proto") }

func marshalRow(t testing.TB, r *proto.ExecuteResponse) []byte {
	t.Helper()
	data, err := rowCodec().Marshal(r)
	if err != nil {
		t.Fatalf("marshal %v: %v", r, err)
	}
	defer data.Free()
	return data.Materialize()
}

func column(v any) *proto.Column {
	switch v := v.(type) {
	case nil:
		return &proto.Column{Value: &proto.Column_NullValue{}}
	case float64:
		return &proto.Column{Value: &proto.Column_DoubleValue{DoubleValue: v}}
	case int64:
		return &proto.Column{Value: &proto.Column_IntValue{IntValue: v}}
	case string:
		return &proto.Column{Value: &proto.Column_StringValue{StringValue: v}}
	case bool:
		return &proto.Column{Value: &proto.Column_BoolValue{BoolValue: v}}
	case []byte:
		return &proto.Column{Value: &proto.Column_JsonValue{JsonValue: v}}
	case *timestamppb.Timestamp:
		return &proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: v}}
	}
	panic(fmt.Sprintf("no column for %T", v))
}

// wideRow is a row as a legacy table streams it: 21 columns, the context ones included.
func wideRow() *proto.ExecuteResponse {
	cols := map[string]*proto.Column{"matched": column(true), "search": column(nil), "match_date": column(timestamppb.New(timestamppb.Now().AsTime())),
		"_ctx": column([]byte(`{"connection_name":"partnertap_bench","steampipe":{"sdk_version":"5.14.0"}}`))}
	for i := range 17 {
		cols[fmt.Sprintf("column_%d", i)] = column(fmt.Sprintf("a value of column %d", i))
	}
	return &proto.ExecuteResponse{Row: &proto.Row{Columns: cols}, Metadata: &proto.QueryMetadata{HydrateCalls: 1, RowsFetched: 50}, Connection: "partnertap_bench"}
}

// Every kind of value and edge a row can hold reads back, through protobuf-go, as what was sent;
// a row of one column (where map order cannot differ) is byte for byte what protobuf-go writes.
func TestRowsMarshalAsProtobufWritesThem(t *testing.T) {
	values := []any{nil, 0.0, -0.0, 1.5, math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64, int64(0), int64(1), int64(-1),
		int64(math.MinInt64), int64(math.MaxInt64), "", "plain", "émoji 🎉", strings.Repeat("long ", 400), "a\x00b", true, false,
		[]byte{}, []byte(`{"a":[1,2,{"b":null}]}`), []byte(strings.Repeat("x", 70000)), timestamppb.New(timestamppb.Now().AsTime()),
		&timestamppb.Timestamp{}, &timestamppb.Timestamp{Seconds: -62135596800, Nanos: 999999999}, &timestamppb.Timestamp{Seconds: 1, Nanos: -1}}
	var cases []*proto.ExecuteResponse
	for _, v := range values {
		cases = append(cases, &proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"c": column(v)}}})
	}
	cases = append(cases,
		&proto.ExecuteResponse{},
		&proto.ExecuteResponse{Row: &proto.Row{}},
		&proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"": column("empty name")}}},
		&proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"unset": {}}}},
		&proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"nil timestamp": {Value: &proto.Column_TimestampValue{}}}}},
		&proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"ip": {Value: &proto.Column_IpAddrValue{IpAddrValue: "10.0.0.1"}},
			"cidr": {Value: &proto.Column_CidrRangeValue{CidrRangeValue: "10.0.0.0/8"}}, "ltree": {Value: &proto.Column_LtreeValue{LtreeValue: "a.b"}}}}},
		&proto.ExecuteResponse{Metadata: &proto.QueryMetadata{}},
		&proto.ExecuteResponse{Metadata: &proto.QueryMetadata{HydrateCalls: -1, RowsFetched: math.MaxInt64, CacheHit: true}, Connection: "c"},
		wideRow(),
	)
	for i, want := range cases {
		got := &proto.ExecuteResponse{}
		b := marshalRow(t, want)
		if err := protobuf.Unmarshal(b, got); err != nil {
			t.Fatalf("case %d: protobuf-go cannot read the row: %v", i, err)
		}
		if !protobuf.Equal(got, want) {
			t.Fatalf("case %d: read back %v, sent %v", i, got, want)
		}
		if len(want.GetRow().GetColumns()) <= 1 {
			exact, err := protobuf.MarshalOptions{Deterministic: true}.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			if string(exact) != string(b) {
				t.Fatalf("case %d: wrote %x, protobuf-go writes %x", i, b, exact)
			}
		}
	}
}

// A nil column in the map is written as protobuf-go writes it: an empty message.
func TestNilColumnMarshalsAsProtobufWritesIt(t *testing.T) {
	r := &proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"nil": nil}}}
	exact, err := protobuf.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if b := marshalRow(t, r); string(b) != string(exact) {
		t.Fatalf("wrote %x, protobuf-go writes %x", b, exact)
	}
}

// Random rows of many columns read back as sent.
func TestRandomRowsReadBackAsSent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() any {
		switch rng.IntN(7) {
		case 0:
			return nil
		case 1:
			return rng.NormFloat64() * 1e6
		case 2:
			return int64(rng.Uint64())
		case 3:
			return strings.Repeat("s", rng.IntN(300))
		case 4:
			return rng.IntN(2) == 0
		case 5:
			return []byte(fmt.Sprintf(`{"n":%d}`, rng.Int()))
		}
		return &timestamppb.Timestamp{Seconds: rng.Int64N(1e10) - 5e9, Nanos: rng.Int32N(1e9)}
	}
	for i := range 2000 {
		cols := map[string]*proto.Column{}
		for c := range rng.IntN(40) {
			cols[fmt.Sprintf("col%d", c)] = column(pick())
		}
		want := &proto.ExecuteResponse{Row: &proto.Row{Columns: cols}, Metadata: &proto.QueryMetadata{RowsFetched: int64(i)}, Connection: "conn"}
		got := &proto.ExecuteResponse{}
		if err := protobuf.Unmarshal(marshalRow(t, want), got); err != nil || !protobuf.Equal(got, want) {
			t.Fatalf("row %d: read back %v (%v), sent %v", i, got, err, want)
		}
	}
}

// What protobuf-go refuses to write, the codec refuses too: a string that is not UTF-8.
func TestRowWithInvalidUTF8IsRefused(t *testing.T) {
	for _, r := range []*proto.ExecuteResponse{
		{Row: &proto.Row{Columns: map[string]*proto.Column{"c": column("bad \xff byte")}}},
		{Row: &proto.Row{Columns: map[string]*proto.Column{"bad \xff name": column("v")}}},
		{Connection: "bad \xff connection"},
	} {
		if data, err := rowCodec().Marshal(r); err == nil {
			data.Free()
			t.Fatalf("marshalled %q with no error", r)
		}
	}
}

// Messages other than a row are the gRPC codec's, and read back.
func TestOtherMessagesMarshalAsBefore(t *testing.T) {
	req := &proto.ExecuteRequest{Table: "t", Connection: "c", CallId: "id"}
	data, err := rowCodec().Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	got := &proto.ExecuteRequest{}
	if err := rowCodec().Unmarshal(data, got); err != nil || !protobuf.Equal(got, req) {
		t.Fatalf("read back %v (%v), sent %v", got, err, req)
	}
	data.Free()
}

// SDK patch 0021: a row is marshalled into one buffer, where gRPC's codec (protobuf-go's
// reflection, the message sized twice) made 66 allocations for this row of 21 columns.
func TestRowMarshalAllocatesOnce(t *testing.T) {
	r := wideRow()
	allocs := testing.AllocsPerRun(1000, func() {
		data, err := rowCodec().Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		data.Free()
	})
	if allocs > maxAllocsPerRowMarshal {
		t.Fatalf("%.0f allocations to marshal a row of 21 columns, want at most %d", allocs, maxAllocsPerRowMarshal)
	}
}

// maxAllocsPerRowMarshal: the bytes, the mem.Buffer boxing them, and the mem.BufferSlice.
const maxAllocsPerRowMarshal = 3

func BenchmarkRowMarshal(b *testing.B) {
	r := wideRow()
	b.ReportAllocs()
	for b.Loop() {
		data, err := rowCodec().Marshal(r)
		if err != nil {
			b.Fatal(err)
		}
		data.Free()
	}
}

// A value wrapper that is a nil pointer is left to protobuf-go, which writes it as no value.
func TestNilValueWrapperMarshalsAsProtobufWritesIt(t *testing.T) {
	for _, col := range []*proto.Column{{Value: (*proto.Column_StringValue)(nil)}, {Value: (*proto.Column_TimestampValue)(nil)}, {Value: (*proto.Column_IntValue)(nil)}} {
		r := &proto.ExecuteResponse{Row: &proto.Row{Columns: map[string]*proto.Column{"c": col}}}
		exact, err := protobuf.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if b := marshalRow(t, r); string(b) != string(exact) {
			t.Fatalf("%T: wrote %x, protobuf-go writes %x", col.Value, b, exact)
		}
	}
}
