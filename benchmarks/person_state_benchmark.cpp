// Person-state update: what one event costs in person columns alone. Each
// iteration picks a person (a precomputed random sequence, so the generator
// is not timed) and does what an admission does to the columns: read the
// setting, check the event's sequence, bump the counters, move the setting
// and stamp the time. Population sizes from cache-resident to a large area
// show how the cost grows once the columns no longer fit in the caches.
#include <benchmark/benchmark.h>

#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>
#include <vector>

#include "models/person_table.hpp"
#include "sim/random_stream.hpp"

namespace {

using hcsim::models::PersonTable;
using hcsim::models::Setting;

void person_state_update(benchmark::State& state) {
  const auto people = static_cast<std::uint32_t>(state.range(0));
  PersonTable table;
  table.resize(people);
  // A ring of random people, drawn before timing.
  std::vector<std::uint32_t> order(1u << 16);
  auto stream = hcsim::sim::RandomStreams(7, 0).stream(0, 0, 0);
  boost::random::uniform_int_distribution<std::uint32_t> pick(0, people - 1);
  for (auto& person : order) person = pick(stream);
  std::size_t next = 0;
  double now = 0.0;
  for (auto _ : state) {
    const std::uint32_t person = order[next++ & (order.size() - 1)];
    now += 0.001;
    // The stale-event check an admission makes, then the move.
    if (table.setting[person] == Setting::home &&
        table.admission_event[person] + 1u == table.next_sequence[person]) {
      ++table.admissions[person];
      table.setting[person] = Setting::in_hospital;
    } else {
      table.setting[person] = Setting::home;
    }
    table.bed_since[person] = static_cast<float>(now);
    table.admission_event[person] = table.next_sequence[person]++;
    benchmark::DoNotOptimize(table.setting[person]);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["hot_bytes_per_person"] =
      static_cast<double>(PersonTable::bytes_per_person);
}

BENCHMARK(person_state_update)
    ->ArgName("people")
    ->Arg(1 << 12)
    ->Arg(1 << 16)
    ->Arg(1 << 20)
    ->Arg(1 << 23);

}  // namespace
