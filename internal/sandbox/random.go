package sandbox

import (
	"fmt"
	"math/rand/v2"

	"github.com/brianvoe/gofakeit/v7"
)

// Every generated value comes from a generator seeded by (dataset seed, entity kind, entity index),
// so any entity can be generated alone, in any order, and is the same on every run.

// entity kinds, the second part of every generator's seed.
const (
	kindPartner uint64 = iota + 1
	kindRep
	kindAccount
	kindMatch
	kindOpportunity
	kindChat
	_         // was the history's; kept so that the kinds after it, and the rows they pick, stay the same
	kindChurn // and the kinds of change after it (churn.go)
)

// mix is SplitMix64's finalizer over the three seed parts.
func mix(seed, kind, index uint64) uint64 {
	z := seed*0x9e3779b97f4a7c15 ^ kind*0xbf58476d1ce4e5b9 ^ (index+1)*0x94d049bb133111eb
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (d *Dataset) rng(kind uint64, index int) *rand.Rand {
	s := mix(d.cfg.Seed, kind, uint64(index))
	return rand.New(rand.NewPCG(s, s^0x5851f42d4c957f2d))
}

func (d *Dataset) faker(kind uint64, index int) *gofakeit.Faker {
	return gofakeit.New(mix(d.cfg.Seed, kind^0xfa4e, uint64(index)))
}

// hexID is a 32-hex-character id, the shape of PartnerTap's ids.
func hexID(r *rand.Rand) string {
	return fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
}

// uuidV4 is a UUIDv4 string, the shape of v1 public ids.
func uuidV4(r *rand.Rand) string {
	a, b := r.Uint64(), r.Uint64()
	a = (a &^ (0xf << 12)) | (0x4 << 12)
	b = (b &^ (0x3 << 62)) | (0x2 << 62)
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

func pick[T any](r *rand.Rand, values []T) T { return values[r.IntN(len(values))] }

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between is a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 { return lo + r.Int64N(hi-lo+1) }

func ptr[T any](v T) *T { return &v }
