// Event-queue micro-benchmark: the classic hold model.
//
// A queue is pre-filled with N events. One hold operation pops the earliest
// event and pushes a new one at (popped time + an exponential increment), so
// the queue size stays at N and the time distribution inside it settles to the
// steady state a simulation's pending-event set has. This is the workload of
// sim::EventQueue: every processed event schedules, on average, about one more.
//
// Three queues are compared on the same key (sim::runs_before) and the same
// increments: the 4-ary heap EventQueue uses, a binary heap built from the same
// template, and std::priority_queue. The increments are drawn before timing
// into a ring from sim::RandomStream with Boost's exponential, so the timed
// loop measures the queue and not the random number generator.
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "sim/dary_heap.hpp"
#include "sim/std_heap.hpp"
#include "sim/event.hpp"
#include "sim/random_stream.hpp"

namespace {

using hcsim::sim::DaryHeap;
using hcsim::sim::Event;
using hcsim::sim::PersonIndex;

// std::priority_queue is a max-heap on its comparator, so "a sorts below b"
// must mean "a runs after b" for the top to be the earliest event.
struct RunsAfter {
  bool operator()(const Event& a, const Event& b) const noexcept {
    return hcsim::sim::runs_before(b, a);
  }
};
using StdPriorityQueue = std::priority_queue<Event, std::vector<Event>, RunsAfter>;

// A power of two so the ring index is a mask; 4096 doubles (32 KiB) stay in
// L1/L2 and leave the cache to the queue, and the sequence is far too long
// for a branch predictor to learn.
constexpr std::size_t increment_ring_size = std::size_t{1} << 12;
constexpr std::size_t increment_ring_mask = increment_ring_size - 1;

// Exponential increments with mean 1 day, drawn once per benchmark run.
std::vector<double> exponential_increments() {
  const hcsim::sim::RandomStreams streams(20240601, 0);
  auto stream = streams.stream(0, 0, 0);
  boost::random::exponential_distribution<double> exponential(1.0);
  std::vector<double> increments(increment_ring_size);
  for (double& increment : increments) increment = exponential(stream);
  return increments;
}

// Pops the earliest event; the two queue interfaces differ here only.
template <std::size_t D>
Event pop_earliest(DaryHeap<D>& queue) noexcept {
  return queue.pop();
}

Event pop_earliest(hcsim::sim::StdHeap& queue) noexcept { return queue.pop(); }

Event pop_earliest(StdPriorityQueue& queue) {
  Event first = queue.top();
  queue.pop();
  return first;
}

// An empty queue with room for `capacity` events, so the timed loop never
// allocates.
template <class Queue>
Queue make_queue(std::size_t capacity) {
  return Queue(capacity);
}

template <>
StdPriorityQueue make_queue<StdPriorityQueue>(std::size_t capacity) {
  std::vector<Event> storage;
  storage.reserve(capacity);
  return StdPriorityQueue(RunsAfter{}, std::move(storage));
}

// Keys for new events. People are spread over a population the size of the
// queue, as in a model where each person has about one pending event; each
// pass over the population bumps the sequence, so the key stays total even if
// two times tie. Counting instead of dividing keeps the key cost out of the
// measurement.
class EventKeys {
 public:
  explicit EventKeys(std::size_t population) noexcept
      : population_(static_cast<PersonIndex>(population)) {}

  Event at(double time) noexcept {
    Event event;
    event.time = time;
    event.person = person_;
    event.sequence = sequence_;
    if (++person_ == population_) {
      person_ = 0;
      ++sequence_;
    }
    return event;
  }

 private:
  PersonIndex population_;
  PersonIndex person_ = 0;
  std::uint32_t sequence_ = 0;
};

template <class Queue>
void hold_model(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const std::vector<double> increments = exponential_increments();

  auto queue = make_queue<Queue>(size);
  EventKeys keys(size);
  std::size_t next_increment = 0;
  for (std::size_t filled = 0; filled < size; ++filled) {
    queue.push(keys.at(increments[next_increment++ & increment_ring_mask]));
  }

  for (auto _ : state) {
    const Event earliest = pop_earliest(queue);
    queue.push(keys.at(earliest.time + increments[next_increment++ & increment_ring_mask]));
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void hold_sizes(benchmark::internal::Benchmark* benchmark) {
  for (const std::int64_t size : {std::int64_t{1} << 10, std::int64_t{1} << 14,
                                  std::int64_t{1} << 18, std::int64_t{1} << 20,
                                  std::int64_t{1} << 22}) {
    benchmark->Arg(size);
  }
  benchmark->ArgName("N");
}

}  // namespace

BENCHMARK_TEMPLATE(hold_model, DaryHeap<4>)->Name("hold/DaryHeap<4>")->Apply(hold_sizes);
BENCHMARK_TEMPLATE(hold_model, DaryHeap<2>)->Name("hold/DaryHeap<2>")->Apply(hold_sizes);
BENCHMARK_TEMPLATE(hold_model, hcsim::sim::StdHeap)->Name("hold/StdHeap")->Apply(hold_sizes);
BENCHMARK_TEMPLATE(hold_model, StdPriorityQueue)
    ->Name("hold/std::priority_queue")
    ->Apply(hold_sizes);
