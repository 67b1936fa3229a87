#include <catch2/catch.hpp>

#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <cmath>
#include <queue>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"
#include "sim/scheduler.hpp"
#include "sim/std_heap.hpp"

using hcsim::sim::Event;
using hcsim::sim::runs_before;

namespace {

Event make(double time, std::uint16_t priority, std::uint32_t person, std::uint32_t sequence) {
  Event event;
  event.time = time;
  event.priority = priority;
  event.person = person;
  event.sequence = sequence;
  return event;
}

bool same_key(const Event& a, const Event& b) {
  return a.time == b.time && a.priority == b.priority && a.person == b.person &&
         a.sequence == b.sequence;
}

}  // namespace

TEST_CASE("events order by time, then priority, then person, then sequence", "[event]") {
  CHECK(runs_before(make(1.0, 9, 9, 9), make(2.0, 0, 0, 0)));
  CHECK(runs_before(make(1.0, 0, 9, 9), make(1.0, 1, 0, 0)));
  CHECK(runs_before(make(1.0, 1, 3, 9), make(1.0, 1, 4, 0)));
  CHECK(runs_before(make(1.0, 1, 3, 4), make(1.0, 1, 3, 5)));
  CHECK_FALSE(runs_before(make(1.0, 1, 3, 5), make(1.0, 1, 3, 5)));
  CHECK_FALSE(runs_before(make(2.0, 0, 0, 0), make(1.0, 9, 9, 9)));
}

TEST_CASE("ties pop in key order whatever the insertion order", "[event_queue]") {
  const std::vector<Event> events{make(5.0, 1, 2, 0), make(5.0, 0, 7, 3), make(5.0, 1, 2, 1),
                                  make(5.0, 1, 1, 9), make(4.0, 3, 3, 3), make(5.0, 0, 7, 2)};
  std::vector<Event> expected = events;
  std::sort(expected.begin(), expected.end(), runs_before);
  std::vector<std::size_t> order{0, 1, 2, 3, 4, 5};
  do {
    hcsim::sim::EventQueue queue;
    for (std::size_t i : order) queue.push(events[i]);
    for (const Event& want : expected) {
      REQUIRE_FALSE(queue.empty());
      REQUIRE(same_key(queue.pop(), want));
    }
    REQUIRE(queue.empty());
  } while (std::next_permutation(order.begin(), order.end()));
}

template <class Queue>
void check_against_reference(std::uint64_t seed) {
  // A reference that is obviously right: a sorted vector.
  std::vector<Event> reference;
  Queue queue;
  hcsim::sim::RandomStreams streams(seed, 0);
  auto stream = streams.stream(0, 0, 0);
  boost::random::uniform_int_distribution<int> operation(0, 9);
  boost::random::uniform_int_distribution<std::uint32_t> small(0, 3);
  std::uint32_t sequence = 0;
  double now = 0.0;
  for (int step = 0; step < 20000; ++step) {
    const bool push = reference.empty() || operation(stream) < 6;
    if (push) {
      // Coarse times make ties common, so the tie-break is exercised.
      const Event event = make(now + static_cast<double>(small(stream)),
                               static_cast<std::uint16_t>(small(stream)), small(stream),
                               sequence++);
      queue.push(event);
      reference.insert(std::upper_bound(reference.begin(), reference.end(), event, runs_before),
                       event);
    } else {
      const Event got = queue.pop();
      REQUIRE(same_key(got, reference.front()));
      reference.erase(reference.begin());
      now = got.time;
    }
    REQUIRE(queue.size() == reference.size());
  }
}

TEST_CASE("4-ary heap matches a sorted reference under random operations", "[event_queue]") {
  check_against_reference<hcsim::sim::DaryHeap<4>>(1);
  check_against_reference<hcsim::sim::DaryHeap<4>>(2);
}

TEST_CASE("binary heaps match a sorted reference under random operations", "[event_queue]") {
  check_against_reference<hcsim::sim::DaryHeap<2>>(3);
  check_against_reference<hcsim::sim::StdHeap>(4);
}

TEST_CASE("the queue does not allocate once reserved", "[event_queue]") {
  hcsim::sim::EventQueue queue(1000);
  const auto capacity = queue.capacity();
  for (std::uint32_t i = 0; i < 1000; ++i) queue.push(make(1000.0 - i, 0, i, 0));
  for (int round = 0; round < 10000; ++round) {
    const Event event = queue.pop();
    queue.push(make(event.time + 1.0, 0, event.person, event.sequence + 1));
  }
  CHECK(queue.capacity() == capacity);
}

TEST_CASE("the scheduler runs events before the window end and counts handled ones",
          "[scheduler]") {
  hcsim::sim::Scheduler scheduler;
  scheduler.schedule(make(1.0, 0, 1, 0));
  scheduler.schedule(make(3.0, 0, 2, 0));
  scheduler.schedule(make(2.0, 0, 3, 0));
  std::vector<double> seen;
  scheduler.run_until(2.5, [&](const Event& event) {
    seen.push_back(event.time);
    return event.person != 3;  // person 3's event is stale
  });
  CHECK(seen == std::vector<double>{1.0, 2.0});
  CHECK(scheduler.events_processed() == 1);
  CHECK(scheduler.now() == 2.5);
  CHECK(scheduler.pending() == 1);
}

TEST_CASE("bucketed scheduling gives the same order as a plain heap", "[scheduler]") {
  // Random events, some far ahead and some scheduled by handlers while the
  // clock runs, processed in windows: the bucketed scheduler must match an
  // unbucketed one event for event.
  auto run = [](double bucket_width) {
    hcsim::sim::Scheduler scheduler;
    if (bucket_width > 0.0) scheduler.set_bucket_width(bucket_width);
    hcsim::sim::RandomStreams streams(77, 0);
    auto stream = streams.stream(0, 0, 0);
    boost::random::uniform_01<double> uniform;
    for (std::uint32_t i = 0; i < 2000; ++i) {
      scheduler.schedule(make(uniform(stream) * 400.0, 0, i % 50, i));
    }
    scheduler.schedule(make(1e7, 0, 99, 0));  // far beyond every bucket
    std::vector<std::pair<double, std::uint32_t>> order;
    std::uint32_t sequence = 10000;
    for (double until = 25.0; until <= 500.0; until += 25.0) {
      scheduler.run_until(until, [&](const Event& event) {
        order.emplace_back(event.time, event.person);
        if (event.person < 10 && order.size() < 5000) {
          // Handlers schedule ahead, sometimes into the current window.
          scheduler.schedule(make(event.time + uniform(stream) * 60.0, 1, event.person, sequence++));
        }
        return true;
      });
    }
    return order;
  };
  const auto plain = run(0.0);
  CHECK(plain.size() > 2000);
  CHECK(run(30.4375) == plain);
  CHECK(run(1.0) == plain);
  CHECK(run(1000.0) == plain);
}

TEST_CASE("crowded buckets are cut into slices without changing the order", "[scheduler]") {
  // Thousands of events a bucket, so each bucket is drained slice by slice;
  // some share a time (ties broken by the rest of the key), some fall on the
  // bucket and slice boundaries, and handlers schedule into the bucket being
  // drained, into its later slices and into later buckets.
  auto run = [](double bucket_width, std::size_t* most_pending) {
    hcsim::sim::Scheduler scheduler;
    if (bucket_width > 0.0) scheduler.set_bucket_width(bucket_width);
    hcsim::sim::RandomStreams streams(78, 0);
    auto stream = streams.stream(0, 0, 0);
    boost::random::uniform_01<double> uniform;
    for (std::uint32_t i = 0; i < 30000; ++i) {
      double time = uniform(stream) * 10.0;
      if (i % 7 == 0) time = std::floor(time);                // on a bucket boundary
      if (i % 11 == 0) time = std::floor(time * 64.0) / 64.0;  // on many slice boundaries
      scheduler.schedule(make(time, static_cast<std::uint16_t>(i % 3), i % 500, i));
    }
    std::vector<Event> order;
    std::uint32_t sequence = 100000;
    *most_pending = 0;
    for (double until = 0.75; until <= 30.0; until += 0.75) {
      scheduler.run_until(until, [&](const Event& event) {
        order.push_back(event);
        *most_pending = std::max(*most_pending, scheduler.pending());
        if (order.size() % 3 == 0 && order.size() < 60000) {
          const double ahead = order.size() % 2 == 0 ? uniform(stream) * 0.01 : uniform(stream) * 3.0;
          scheduler.schedule(make(event.time + ahead, 0, event.person, sequence++));
        }
        return true;
      });
    }
    CHECK(scheduler.pending() == 0);
    return order;
  };
  std::size_t most_plain = 0;
  std::size_t most_bucketed = 0;
  const auto plain = run(0.0, &most_plain);
  REQUIRE(plain.size() > 40000);
  const auto bucketed = run(1.0, &most_bucketed);
  REQUIRE(bucketed.size() == plain.size());
  CHECK(std::equal(plain.begin(), plain.end(), bucketed.begin(), same_key));
  CHECK(most_bucketed == most_plain);  // events waiting in slices are counted as pending
}

TEST_CASE("an event too far ahead for a bucket still waits for earlier buckets", "[scheduler]") {
  // With buckets a thousandth of a day wide, 70 days is beyond the 65,536
  // buckets kept ahead, so the event at 70 goes straight into the heap; the
  // events at 60 and 65 days wait in buckets and must still run first.
  hcsim::sim::Scheduler scheduler;
  scheduler.set_bucket_width(1e-3);
  scheduler.schedule(make(70.0, 0, 1, 0));
  scheduler.schedule(make(60.0, 0, 2, 0));
  scheduler.schedule(make(65.0, 0, 3, 0));
  std::vector<std::uint32_t> handled;
  scheduler.run_until(100.0, [&](const Event& event) {
    handled.push_back(event.person);
    return true;
  });
  CHECK(handled == std::vector<std::uint32_t>{2, 3, 1});
}

TEST_CASE("the scheduler shows the next queued event before handling each one",
          "[scheduler]") {
  // The hint is the earliest event in the heap when an event is popped; a
  // handler that schedules something earlier makes the hint wrong, which is
  // allowed, and the order of handling does not depend on the hint.
  hcsim::sim::Scheduler scheduler;
  scheduler.set_bucket_width(1.0);
  scheduler.schedule(make(0.5, 0, 1, 0));
  scheduler.schedule(make(0.7, 0, 2, 0));
  scheduler.schedule(make(0.9, 0, 3, 0));
  scheduler.schedule(make(7.0, 0, 5, 0));  // waits in a later bucket
  std::vector<std::uint32_t> handled;
  std::vector<std::uint32_t> hinted;
  scheduler.run_until(
      10.0,
      [&](const Event& event) {
        handled.push_back(event.person);
        if (event.person == 2) scheduler.schedule(make(0.8, 0, 4, 0));  // before the hint
        return true;
      },
      [&](const Event& next) { hinted.push_back(next.person); });
  CHECK(handled == std::vector<std::uint32_t>{1, 2, 4, 3, 5});
  // Popping 1 shows 2; popping 2 shows 3 (4 is not yet scheduled); popping 4
  // shows 3; popping 3 or 5 leaves the heap empty and shows nothing.
  CHECK(hinted == std::vector<std::uint32_t>{2, 3, 3});
  CHECK(scheduler.events_processed() == 5);
}
