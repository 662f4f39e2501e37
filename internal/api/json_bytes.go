package api

import "math/bits"

// specialJSONBytes marks with its high bit each byte of w that is a quote, a backslash, a control
// character or not ASCII (the classic "has a zero byte" test on w xor each byte sought, and "has a
// byte below n" on w, exact when no byte is 0x80 or above, which the high bit of w catches). The
// lowest mark is exact; a plain byte above a special one may be marked too (a borrow carries up).
func specialJSONBytes(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	hasQuote := (quote - ones) &^ quote
	hasBackslash := (backslash - ones) &^ backslash
	hasControl := (w - ones*0x20) &^ w
	return (hasQuote | hasBackslash | hasControl | w) & highs
}

// firstSpecialJSONByte is the place (0 to 7), in memory order (w read little-endian), of the
// first of w's bytes that a JSON reader or writer must look at: a quote, a backslash, a control
// character or a byte that is not ASCII; 8 when there is none. Both skip the bytes before it.
func firstSpecialJSONByte(w uint64) int { return bits.TrailingZeros64(specialJSONBytes(w)) / 8 }
