#pragma once
// An implicit d-ary min-heap of events ordered by their total-order key.
//
// With D = 4 the tree is half as deep as a binary heap's, which wins once the
// queue outgrows the caches (about a million events here);
// benchmarks/queue_benchmark.cpp measures it against binary heaps and
// std::priority_queue, and benchmarks/README.md records which one EventQueue
// uses and why.
//
// Storage is one std::vector reserved up front; push and pop allocate only
// when the queue outgrows every size it has had before.
#include <cassert>
#include <cstddef>
#include <vector>

#include "sim/event.hpp"

namespace hcsim::sim {

template <std::size_t D>
class DaryHeap {
  static_assert(D >= 2, "a heap needs at least two children per node");

 public:
  DaryHeap() = default;
  explicit DaryHeap(std::size_t capacity) { items_.reserve(capacity); }

  void reserve(std::size_t capacity) { items_.reserve(capacity); }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] std::size_t capacity() const noexcept { return items_.capacity(); }
  void clear() noexcept { items_.clear(); }

  [[nodiscard]] const Event& top() const noexcept {
    assert(!items_.empty());
    return items_.front();
  }

  void push(const Event& event) {
    items_.push_back(event);
    sift_up(items_.size() - 1);
  }

  Event pop() noexcept {
    assert(!items_.empty());
    Event first = items_.front();
    Event last = items_.back();
    items_.pop_back();
    if (!items_.empty()) sift_down(last);
    return first;
  }

 private:
  // Moves the hole at `index` up until `items_[index]` fits, then fills it.
  void sift_up(std::size_t index) noexcept {
    Event moving = items_[index];
    while (index > 0) {
      const std::size_t parent = (index - 1) / D;
      if (!runs_before(moving, items_[parent])) break;
      items_[index] = items_[parent];
      index = parent;
    }
    items_[index] = moving;
  }

  // Places `moving` starting from a hole at the root, bottom-up (Floyd): the
  // hole first sinks to a leaf along the path of smallest children, comparing
  // only siblings, and `moving` then rises from there. In a hold workload the
  // element moved from the back is late, so it rarely rises far, and this
  // saves the comparison with `moving` at every level on the way down.
  void sift_down(const Event& moving) noexcept {
    const std::size_t count = items_.size();
    std::size_t index = 0;
    for (;;) {
      const std::size_t first_child = index * D + 1;
      if (first_child >= count) break;
      const std::size_t end = first_child + D < count ? first_child + D : count;
      std::size_t best = first_child;
      for (std::size_t child = first_child + 1; child < end; ++child) {
        if (runs_before(items_[child], items_[best])) best = child;
      }
      items_[index] = items_[best];
      index = best;
    }
    while (index > 0) {
      const std::size_t parent = (index - 1) / D;
      if (!runs_before(moving, items_[parent])) break;
      items_[index] = items_[parent];
      index = parent;
    }
    items_[index] = moving;
  }

  std::vector<Event> items_;
};

}  // namespace hcsim::sim
