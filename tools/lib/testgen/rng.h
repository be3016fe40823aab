// The pseudo-random numbers of the test-data generators. Every step is fully
// specified (no std:: engines or distributions), so a seed gives the same
// stream, and the generators the same output, on every platform.
//
//   doro::gen::SplitMixRng rng(seed);   // small state: one stream per label case
//   doro::gen::XoshiroRng rng(seed);    // long streams: the nationwide database
//   rng.Below(n), rng.Int(lo, hi), rng.Chance(0.3), rng.Percent(30), rng.Pick(v)
//
// Two ways to bring a draw into [0, n) are kept, because the generators'
// outputs were fixed with them: Below (the high half of the 128-bit product,
// no modulo bias) and Mod (the remainder). Pick and Percent use Mod.
#ifndef DORO_TESTGEN_RNG_H_
#define DORO_TESTGEN_RNG_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace doro::gen {

// One splitmix64 step: advances *state and returns the next output.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// FNV-1a of a name: a class's own seed from its name, the same everywhere.
inline uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// A seed made of two numbers (say a run seed and a hash of a name).
inline uint64_t MixSeeds(uint64_t a, uint64_t b) {
  uint64_t s = a ^ (b * 0xD1B54A32D192ED03ull);
  return SplitMix64(&s);
}

// splitmix64 itself: one word of state.
class SplitMix64Engine {
 public:
  explicit SplitMix64Engine(uint64_t seed) : s_(seed) {}
  uint64_t operator()() { return SplitMix64(&s_); }

 private:
  uint64_t s_;
};

// xoshiro256**, its four words seeded by splitmix64.
class Xoshiro256Engine {
 public:
  explicit Xoshiro256Engine(uint64_t seed) {
    for (auto& v : s_) v = SplitMix64(&seed);
  }
  uint64_t operator()() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// The draws, over either engine.
template <typename Engine>
class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform in [0, n): the high 64 bits of Next() * n; 0 when n == 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Next() % n; 0 when n == 0 (without drawing).
  uint64_t Mod(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  // Uniform in [lo, hi], both included (by Below).
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // True with probability p (by Unit).
  bool Chance(double p) { return Unit() < p; }
  // True with probability percent/100 (by Mod).
  bool Percent(int percent) { return static_cast<int>(Mod(100)) < percent; }
  // A uniform element (by Mod); `v` must not be empty.
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Mod(v.size())]; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& v) { return v[Mod(N)]; }

 private:
  Engine engine_;
};

using SplitMixRng = Random<SplitMix64Engine>;
using XoshiroRng = Random<Xoshiro256Engine>;

}  // namespace doro::gen

#endif  // DORO_TESTGEN_RNG_H_
