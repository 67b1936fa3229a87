// The engine's hold model: the whole event loop of one area, queue plus random
// numbers, without the care model. N events are pending; each handled event
// draws an exponential delay and schedules its successor, so N stays
// constant. Unlike queue_benchmark.cpp, the generator is timed and the queue
// is the engine's sim::Scheduler (the heap plus per-bucket lists) driven by
// run_until one window at a time, as the model drives it, with buckets a day
// wide (the model's, models/care_area.cpp) or a window wide (as before).
//
// Two ways of drawing, as the model does both:
//  - sequential: one long-lived Philox stream, many draws from it;
//  - addressed: a fresh stream per draw keyed by (person, purpose, draw), the
//    model's pattern for common random numbers (one Philox block per draw).
// One item is one handled event (pop, draw, push).
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>
#include <vector>

#include "sim/random_stream.hpp"
#include "sim/scheduler.hpp"

namespace {

using hcsim::sim::Event;
using hcsim::sim::RandomStreams;
using hcsim::sim::Scheduler;

// The model's synchronisation window, in days.
constexpr double window_days = 30.4375;
// The bucket argument: 1 is a day (the model's width); 30 stands for a
// window (30.44 days), the width before the model moved to days.
double bucket_days(std::int64_t argument) {
  return argument == 30 ? window_days : static_cast<double>(argument);
}
// Mean delay between a person's events. With N pending events the loop
// handles N / mean_delay_days events a day.
constexpr double mean_delay_days = 10.0;

enum class Drawing { sequential, addressed };

template <Drawing drawing>
void engine_hold(benchmark::State& state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  const RandomStreams streams(20261125, 0);
  auto sequential = streams.stream(0, 0, 0);
  boost::random::exponential_distribution<double> delay(1.0 / mean_delay_days);
  std::vector<std::uint32_t> draws(pending, 0);

  Scheduler scheduler;
  scheduler.set_bucket_width(bucket_days(state.range(1)));
  for (std::uint32_t person = 0; person < pending; ++person) {
    scheduler.schedule(Event{delay(sequential), person, 0, 0, 0, 0});
  }
  auto handle = [&](const Event& event) {
    double wait;
    if constexpr (drawing == Drawing::addressed) {
      auto stream = streams.stream(event.person, 1, draws[event.person]++);
      wait = delay(stream);
    } else {
      wait = delay(sequential);
    }
    scheduler.schedule(
        Event{scheduler.now() + wait, event.person, event.sequence + 1, 0, 0, 0});
    return true;
  };
  double until = 0.0;
  const std::uint64_t before = scheduler.events_processed();
  for (auto _ : state) {
    until += window_days;
    // As the model does (models/care_area.cpp), the next event's per-person
    // state is fetched while the current event runs.
    scheduler.run_until(until, handle, [&](const Event& next) noexcept {
      if constexpr (drawing == Drawing::addressed) __builtin_prefetch(&draws[next.person]);
    });
  }
  const auto handled = static_cast<std::int64_t>(scheduler.events_processed() - before);
  state.SetItemsProcessed(handled);
  state.counters["events_per_window"] =
      static_cast<double>(handled) / static_cast<double>(state.iterations());
}

void pending_sizes(benchmark::internal::Benchmark* benchmark) {
  benchmark->ArgNames({"pending", "bucket_days"});
  for (const std::int64_t bucket : {1, 30}) {
    for (const std::int64_t n : {1 << 10, 1 << 14, 1 << 18, 1 << 20}) benchmark->Args({n, bucket});
  }
  benchmark->Unit(benchmark::kMillisecond);
}

BENCHMARK_TEMPLATE(engine_hold, Drawing::sequential)
    ->Name("engine_hold/sequential_stream")
    ->Apply(pending_sizes);
BENCHMARK_TEMPLATE(engine_hold, Drawing::addressed)
    ->Name("engine_hold/addressed_stream")
    ->Apply(pending_sizes);

}  // namespace
