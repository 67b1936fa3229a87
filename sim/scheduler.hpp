#pragma once
// One area's clock and event queue, and the loop that drains it.
//
// Events due in the current bucket of time go into the heap; later ones wait
// unsorted in per-bucket lists and are moved into the heap when the clock
// reaches their bucket, a crowded bucket one slice at a time. A model that
// schedules most events far ahead (every person's next admission and death)
// then keeps a heap of a few dozen events instead of all of them, which is
// what the heap's cache behaviour needs at full scale. Order is still the
// total event key: buckets only decide when an event enters the heap, never
// which runs first.
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
    for (std::size_t slice = next_slice_; slice < slice_count_; ++slice) {
      waiting += slices_[slice].size();
    }
    return waiting;
  }
  void reserve(std::size_t capacity) { queue_.reserve(capacity); }

  // Width of a bucket in days; infinity (the default) keeps every event in the
  // heap. Set before scheduling anything.
  void set_bucket_width(Days width) {
    assert(queue_.empty() && buckets_.empty() && width > 0.0);
    bucket_width_ = width;
    heap_until_ = std::isinf(width) ? std::numeric_limits<Days>::infinity() : width;
    slices_until_ = heap_until_;
  }

  // Events may not be scheduled in the past: that would break the total order.
  void schedule(const Event& event) {
    assert(event.time >= now_);
    if (event.time < heap_until_) {
      queue_.push(event);
      return;
    }
    if (event.time < slices_until_) {
      slices_[slice_for(event.time)].push_back(event);
      return;
    }
    const std::size_t index = bucket_for(event.time);
    if (index - drained_buckets_ > max_bucket_span) {
      // Far ahead: the heap keeps it, and run_until pops nothing at or past
      // heap_until_, so it still waits for every bucket before it.
      queue_.push(event);
      return;
    }
    if (index >= buckets_.size()) buckets_.resize(index + 1);
    auto& bucket = buckets_[index];
    // A new bucket takes room for several events at once: growing each from
    // one by doubling was most of a run's allocations.
    if (bucket.capacity() == 0) bucket.reserve(first_bucket_capacity);
    bucket.push_back(event);
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
      // Every event before heap_until_ is in the heap; nothing at or after it
      // may run before the next bucket or slice is in.
      const Days limit = std::min(until, heap_until_);
      while (!queue_.empty() && queue_.top().time < limit) {
        const Event event = queue_.pop();
        if (!queue_.empty()) anticipate(queue_.top());
        now_ = event.time;
        if (handle(event)) ++processed_;
      }
      if (heap_until_ >= until) break;
      drain_next(until);
    }
    now_ = until;
  }

 private:
  // Buckets and slices are bins of a width from a start: bin k begins at
  // from + k * width as rounded here, and an event waits in a bin that
  // begins at or before its time (else the heap could pass its time first).
  // The quotient may round up across a bound the product does not.
  [[nodiscard]] static std::size_t bin_at(Days time, Days from, Days width) noexcept {
    auto index = static_cast<std::size_t>((time - from) / width);
    if (index > 0 && time < from + static_cast<Days>(index) * width) --index;
    return index;
  }
  [[nodiscard]] Days bucket_start(std::size_t bucket) const noexcept {
    return static_cast<Days>(bucket) * bucket_width_;
  }
  // Never a bucket already drained: time >= slices_until_ is past them all.
  [[nodiscard]] std::size_t bucket_for(Days time) const noexcept {
    return std::max(bin_at(time, 0.0, bucket_width_), drained_buckets_ + 1);
  }
  [[nodiscard]] Days slice_start(std::size_t slice) const noexcept {
    return slice == slice_count_ ? slices_until_
                                 : slices_from_ + static_cast<Days>(slice) * slice_width_;
  }
  // Never a slice already drained: time >= heap_until_, where the next one
  // begins.
  [[nodiscard]] std::size_t slice_for(Days time) const noexcept {
    const std::size_t index = std::min(bin_at(time, slices_from_, slice_width_), slice_count_ - 1);
    return std::max(index, next_slice_);
  }

  // Brings the next slice of the bucket being drained, or else the next
  // bucket, into the heap.
  void drain_next(Days until) {
    if (next_slice_ < slice_count_) {
      drain_next_slice();
      return;
    }
    ++drained_buckets_;
    if (drained_buckets_ >= buckets_.size()) {
      // No bucket beyond this one holds anything: skip straight to `until`.
      drained_buckets_ = std::max(drained_buckets_, static_cast<std::size_t>(until / bucket_width_));
      heap_until_ = slices_until_ = bucket_start(drained_buckets_ + 1);
      return;
    }
    auto& bucket = buckets_[drained_buckets_];
    const Days end = bucket_start(drained_buckets_ + 1);
    if (bucket.size() < 2 * events_per_slice) {
      for (const Event& event : bucket) queue_.push(event);
      heap_until_ = slices_until_ = end;
    } else {
      // A crowded bucket is cut into slices so that the heap never holds
      // much more than a slice's events: past the caches each pop would miss.
      slice_count_ = std::min(bucket.size() / events_per_slice, max_slices);
      slices_from_ = heap_until_;
      slices_until_ = end;
      slice_width_ = (end - slices_from_) / static_cast<Days>(slice_count_);
      next_slice_ = 0;
      if (slices_.size() < slice_count_) slices_.resize(slice_count_);
      for (const Event& event : bucket) slices_[slice_for(event.time)].push_back(event);
      drain_next_slice();
    }
    std::vector<Event>().swap(bucket);  // release: a drained bucket is never used again
  }

  void drain_next_slice() {
    auto& slice = slices_[next_slice_];
    for (const Event& event : slice) queue_.push(event);
    slice.clear();  // slices keep their storage for the next crowded bucket
    ++next_slice_;
    heap_until_ = slice_start(next_slice_);
    if (next_slice_ == slice_count_) next_slice_ = slice_count_ = 0;
  }

  static constexpr std::size_t max_bucket_span = 1u << 16;
  static constexpr std::size_t first_bucket_capacity = 16;
  // A heap of a few dozen events (under 1 KiB) stays in the first-level
  // cache; 32 beat 64 and 128 in the hold benchmark (benchmarks/README.md,
  // "Crowded buckets cut into slices").
  static constexpr std::size_t events_per_slice = 32;
  static constexpr std::size_t max_slices = 1u << 12;

  EventQueue queue_;
  std::vector<std::vector<Event>> buckets_;
  Days bucket_width_ = std::numeric_limits<Days>::infinity();
  Days heap_until_ = std::numeric_limits<Days>::infinity();
  std::size_t drained_buckets_ = 0;  // buckets [0, drained_buckets_] are in the heap or in slices

  // The bucket being drained when it was crowded: slices [next_slice_,
  // slice_count_) of it, each slice_width_ wide from slices_from_, wait for
  // the heap; slices_until_ is where that bucket ends (heap_until_ when no
  // bucket is sliced).
  std::vector<std::vector<Event>> slices_;
  std::size_t slice_count_ = 0;
  std::size_t next_slice_ = 0;
  Days slices_from_ = 0.0;
  Days slice_width_ = 0.0;
  Days slices_until_ = std::numeric_limits<Days>::infinity();

  Days now_ = 0.0;
  std::uint64_t processed_ = 0;
};

}  // namespace hcsim::sim
