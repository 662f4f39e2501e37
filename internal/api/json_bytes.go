package api

// HasSpecialJSONByte says whether one of the eight bytes of w is a quote, a backslash, a control
// character or not ASCII (the classic "has a zero byte" test on w xor each byte sought, and "has a
// byte below n" on w, exact when no byte is 0x80 or above, which the high bit of w catches). A
// JSON reader and writer both skip eight bytes at a time while it is false.
func HasSpecialJSONByte(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	hasQuote := (quote - ones) &^ quote
	hasBackslash := (backslash - ones) &^ backslash
	hasControl := (w - ones*0x20) &^ w
	return (hasQuote|hasBackslash|hasControl|w)&highs != 0
}
