package plugin

import "github.com/turbot/go-kit/types"

// (patched) toInt64 and toFloat64 are go-kit's types.ToInt64 and types.ToFloat64 with Go's own
// numeric types converted directly. go-kit decodes every value that is not a string through
// mapstructure.Decode: a decoder, its config and reflect values, and a deferred recover, for every
// INT or DOUBLE column of every row. The results are mapstructure's: its decodeInt stores a signed
// integer's Int() and an unsigned one's int64(Uint()) in an int (64 bits on every platform
// Steampipe supports); its decodeFloat stores a float's Float(), a signed integer's
// float64(Int()) and an unsigned one's float64(Uint()). Any other value still goes to go-kit.

func toInt64(val any) (int64, error) {
	switch v := val.(type) {
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case int16:
		return int64(v), nil
	case int8:
		return int64(v), nil
	case uint64:
		return int64(v), nil
	case uint:
		return int64(v), nil
	case uint32:
		return int64(v), nil
	case uint16:
		return int64(v), nil
	case uint8:
		return int64(v), nil
	}
	return types.ToInt64(val)
}

func toFloat64(val any) (float64, error) {
	switch v := val.(type) {
	case float64:
		return v, nil
	case float32:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case int:
		return float64(v), nil
	case int32:
		return float64(v), nil
	case uint64:
		return float64(v), nil
	case uint32:
		return float64(v), nil
	}
	return types.ToFloat64(val)
}
