package sdkpatch

import (
	"math"
	"testing"

	"github.com/turbot/go-kit/types"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Patch 0023 converts Go's own numbers into INT and DOUBLE columns directly instead of through
// go-kit's mapstructure decoding; every value must come out as go-kit makes it, edges included.
func TestNumberColumnsHoldWhatGoKitMakes(t *testing.T) {
	type named int64 // a named type still goes to go-kit
	values := []any{
		int64(0), int64(-1), int64(math.MaxInt64), int64(math.MinInt64), 7, -7, math.MaxInt, math.MinInt,
		int32(math.MinInt32), int16(-300), int8(-128), uint64(math.MaxUint64), uint64(1 << 63), uint(math.MaxUint),
		uint32(math.MaxUint32), uint16(65535), uint8(255), named(42), "12", "-9223372036854775808",
		1.5, -2.75, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1), math.MaxFloat64,
		math.SmallestNonzeroFloat64, float32(0.1), float32(math.MaxFloat32), "3.25", "1e300", ptr(int64(9)), ptr(2.5),
	}
	intColumn := &plugin.Column{Name: "i", Type: proto.ColumnType_INT}
	doubleColumn := &plugin.Column{Name: "d", Type: proto.ColumnType_DOUBLE}
	for _, v := range values {
		wantInt, wantIntErr := types.ToInt64(deref(v))
		got, err := intColumn.ToColumnValue(v)
		if (err != nil) != (wantIntErr != nil) || err == nil && got.GetIntValue() != wantInt {
			t.Errorf("INT column of %T %v: %v, %v; go-kit makes %v, %v", v, v, got, err, wantInt, wantIntErr)
		}
		wantDouble, wantDoubleErr := types.ToFloat64(deref(v))
		got, err = doubleColumn.ToColumnValue(v)
		if (err != nil) != (wantDoubleErr != nil) || err == nil && !sameFloat(got.GetDoubleValue(), wantDouble) {
			t.Errorf("DOUBLE column of %T %v: %v, %v; go-kit makes %v, %v", v, v, got, err, wantDouble, wantDoubleErr)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// deref is what ToColumnValue hands on for a pointer: its value.
func deref(v any) any {
	switch p := v.(type) {
	case *int64:
		return *p
	case *float64:
		return *p
	}
	return v
}

// sameFloat compares bit patterns, so that NaN equals NaN and -0 differs from 0.
func sameFloat(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
