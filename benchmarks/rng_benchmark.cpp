// Random-number micro-benchmarks: what one draw costs in the model.
//
// Three layers are measured separately: raw 64-bit words from one
// sim::RandomStream (Philox4x64-10 gives four words per block, so this is a
// quarter of a block each); each Boost.Random distribution the model uses,
// sampled over one long-lived stream; and the pattern the model really follows,
// where every draw is addressed by (subject, purpose, draw index) and so builds
// a fresh stream and computes its first block before sampling once.
#include <benchmark/benchmark.h>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cstdint>

#include "sim/distribution.hpp"
#include "sim/random_stream.hpp"

namespace {

using hcsim::sim::RandomStream;
using hcsim::sim::RandomStreams;

constexpr std::uint64_t seed = 20240601;
constexpr std::uint64_t subject = 12345;  // any person; the cost does not depend on it
constexpr std::uint64_t purpose = 7;

RandomStream long_lived_stream() { return RandomStreams(seed, 0).stream(subject, purpose, 0); }

void random_stream_words(benchmark::State& state) {
  auto stream = long_lived_stream();
  for (auto _ : state) {
    benchmark::DoNotOptimize(stream());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(sizeof(RandomStream::result_type)));
}
BENCHMARK(random_stream_words)->Name("rng/RandomStream_word");

// One sample per iteration of a Boost distribution over a long-lived stream.
// Parameters are in the range the care model uses (durations in days, small
// counts, a handful of categories).
template <class Distribution>
void boost_sample(benchmark::State& state, Distribution distribution) {
  auto stream = long_lived_stream();
  for (auto _ : state) {
    benchmark::DoNotOptimize(distribution(stream));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK_CAPTURE(boost_sample, exponential,
                  boost::random::exponential_distribution<double>(1.0 / 5.0))
    ->Name("rng/boost/exponential/mean:5");
BENCHMARK_CAPTURE(boost_sample, gamma, boost::random::gamma_distribution<double>(2.0, 2.5))
    ->Name("rng/boost/gamma/shape:2/scale:2.5");
BENCHMARK_CAPTURE(boost_sample, gamma_small_shape,
                  boost::random::gamma_distribution<double>(0.5, 10.0))
    ->Name("rng/boost/gamma/shape:0.5/scale:10");
BENCHMARK_CAPTURE(boost_sample, lognormal, boost::random::lognormal_distribution<double>(1.5, 0.6))
    ->Name("rng/boost/lognormal/m:1.5/s:0.6");
BENCHMARK_CAPTURE(boost_sample, weibull, boost::random::weibull_distribution<double>(1.5, 8.0))
    ->Name("rng/boost/weibull/shape:1.5/scale:8");
BENCHMARK_CAPTURE(boost_sample, normal, boost::random::normal_distribution<double>(10.0, 3.0))
    ->Name("rng/boost/normal/mean:10/sd:3");
BENCHMARK_CAPTURE(boost_sample, bernoulli, boost::random::bernoulli_distribution<double>(0.3))
    ->Name("rng/boost/bernoulli/p:0.3");
// Boost's Poisson switches from inversion to PTRD rejection at mean 10.
BENCHMARK_CAPTURE(boost_sample, poisson_small, boost::random::poisson_distribution<int>(4.0))
    ->Name("rng/boost/poisson/mean:4");
BENCHMARK_CAPTURE(boost_sample, poisson_large, boost::random::poisson_distribution<int>(40.0))
    ->Name("rng/boost/poisson/mean:40");
BENCHMARK_CAPTURE(boost_sample, discrete,
                  boost::random::discrete_distribution<int, double>({0.05, 0.10, 0.20, 0.25, 0.15,
                                                                     0.10, 0.10, 0.05}))
    ->Name("rng/boost/discrete/weights:8");

// sim::Distribution::sample adds the variant dispatch and the per-call copy of
// the Boost sampler on top of the raw distribution.
void distribution_sample_lognormal(benchmark::State& state) {
  const auto length_of_stay = hcsim::sim::Distribution::lognormal(6.0, 4.0);
  auto stream = long_lived_stream();
  for (auto _ : state) {
    benchmark::DoNotOptimize(length_of_stay.sample(stream));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(distribution_sample_lognormal)->Name("rng/Distribution::sample/lognormal/mean:6/sd:4");

// The model's pattern: each draw is addressed, so it builds a fresh stream
// (and so computes a fresh Philox block) and then samples once.
void fresh_stream_exponential(benchmark::State& state) {
  const RandomStreams streams(seed, 0);
  boost::random::exponential_distribution<double> exponential(1.0 / 5.0);
  std::uint64_t draw = 0;
  for (auto _ : state) {
    auto stream = streams.stream(subject, purpose, draw++);
    benchmark::DoNotOptimize(exponential(stream));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(fresh_stream_exponential)->Name("rng/fresh_stream+boost/exponential/mean:5");

void fresh_stream_distribution_lognormal(benchmark::State& state) {
  const RandomStreams streams(seed, 0);
  const auto length_of_stay = hcsim::sim::Distribution::lognormal(6.0, 4.0);
  std::uint64_t draw = 0;
  for (auto _ : state) {
    auto stream = streams.stream(subject, purpose, draw++);
    benchmark::DoNotOptimize(length_of_stay.sample(stream));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(fresh_stream_distribution_lognormal)
    ->Name("rng/fresh_stream+Distribution::sample/lognormal/mean:6/sd:4");

}  // namespace
