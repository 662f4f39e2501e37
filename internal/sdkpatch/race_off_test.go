//go:build !race

package sdkpatch

// raceDetector: the tests run under -race, several times slower.
const raceDetector = false
