//go:build race

package partnertap

// raceDetector: the tests run under -race, several times slower.
const raceDetector = true
