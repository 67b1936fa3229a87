#pragma once
// One area's clock and event queue, and the loop that drains it.
//
// Events due in the current bucket of time go into the heap; later ones wait
// unsorted in per-bucket lists and are moved into the heap when the clock
// reaches their bucket. A model that schedules most events far ahead (every
// person's next admission and death) then keeps a heap of one bucket's events
// instead of all of them, which is what the heap's cache behaviour needs at
// full scale. Order is still the total event key: buckets only decide when an
// event enters the heap, never which runs first.
//
// The loop is a template over the handler so the model's dispatch inlines into
// it: no virtual call, no std::function and no allocation per event.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event.hpp"
#include "sim/event_queue.hpp"

namespace hcsim::sim {

class Scheduler {
 public:
  [[nodiscard]] Days now() const noexcept { return now_; }
  [[nodiscard]] std::uint64_t events_processed() const noexcept { return processed_; }
  [[nodiscard]] std::size_t pending() const noexcept {
    std::size_t waiting = queue_.size();
    for (const auto& bucket : buckets_) waiting += bucket.size();
    return waiting;
  }
  void reserve(std::size_t capacity) { queue_.reserve(capacity); }

  // Width of a bucket in days; infinity (the default) keeps every event in the
  // heap. Set before scheduling anything.
  void set_bucket_width(Days width) {
    assert(queue_.empty() && buckets_.empty() && width > 0.0);
    bucket_width_ = width;
    heap_until_ = std::isinf(width) ? std::numeric_limits<Days>::infinity() : width;
  }

  // Events may not be scheduled in the past: that would break the total order.
  void schedule(const Event& event) {
    assert(event.time >= now_);
    if (event.time < heap_until_) {
      queue_.push(event);
      return;
    }
    // Never a bucket already moved into the heap, whatever the rounding.
    const std::size_t index = std::max(bucket_of(event.time), drained_buckets_ + 1);
    if (index - drained_buckets_ > max_bucket_span) {
      queue_.push(event);  // far ahead: correct in the heap, just not cheaper
      return;
    }
    if (index >= buckets_.size()) buckets_.resize(index + 1);
    buckets_[index].push_back(event);
  }

  // Handles, in key order, every event with time < until, then sets the clock
  // to `until`. The handler may schedule further events, including ones
  // before `until`. `handle(const Event&)` returns false for an event it
  // discarded as stale, which is not counted as processed.
  template <class Handler>
  void run_until(Days until, Handler&& handle) {
    run_until(until, handle, [](const Event&) noexcept {});
  }

  // As above, and before each event is handled `anticipate(const Event&)` is
  // shown the event most likely to come next (the earliest still queued), so
  // the model can start fetching that event's state from memory while the
  // current one runs. It must not change anything: a guess that proves wrong
  // (the handler schedules something earlier) costs only the fetch.
  template <class Handler, class Anticipate>
  void run_until(Days until, Handler&& handle, Anticipate&& anticipate) {
    for (;;) {
      while (!queue_.empty() && queue_.top().time < until) {
        const Event event = queue_.pop();
        if (!queue_.empty()) anticipate(queue_.top());
        now_ = event.time;
        if (handle(event)) ++processed_;
      }
      // The heap holds nothing before `until`; bring in the next bucket if it
      // may hold such events.
      if (heap_until_ >= until) break;
      drain_next_bucket(until);
    }
    now_ = until;
  }

 private:
  [[nodiscard]] std::size_t bucket_of(Days time) const noexcept {
    return static_cast<std::size_t>(time / bucket_width_);
  }

  void drain_next_bucket(Days until) {
    ++drained_buckets_;
    if (drained_buckets_ < buckets_.size()) {
      auto& bucket = buckets_[drained_buckets_];
      for (const Event& event : bucket) queue_.push(event);
      std::vector<Event>().swap(bucket);  // release: a drained bucket is never used again
    } else {
      // No bucket beyond this one holds anything: skip straight to `until`.
      drained_buckets_ = std::max(drained_buckets_, bucket_of(until));
    }
    heap_until_ = static_cast<Days>(drained_buckets_ + 1) * bucket_width_;
  }

  static constexpr std::size_t max_bucket_span = 1u << 16;

  EventQueue queue_;
  std::vector<std::vector<Event>> buckets_;
  Days bucket_width_ = std::numeric_limits<Days>::infinity();
  Days heap_until_ = std::numeric_limits<Days>::infinity();
  std::size_t drained_buckets_ = 0;  // buckets [0, drained_buckets_] are in the heap
  Days now_ = 0.0;
  std::uint64_t processed_ = 0;
};

}  // namespace hcsim::sim
