#pragma once
// A binary min-heap of events on std::push_heap / std::pop_heap, the algorithm
// of std::priority_queue, with the storage exposed for reserve().
//
// libstdc++'s pop_heap moves the hole to a leaf comparing only siblings and
// then lets the last element rise, which in a hold workload (the element that
// moves is late) beats a textbook sift-down. benchmarks/README.md has the
// measurements against sim::DaryHeap.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <vector>

#include "sim/event.hpp"

namespace hcsim::sim {

class StdHeap {
 public:
  StdHeap() = default;
  explicit StdHeap(std::size_t capacity) { items_.reserve(capacity); }

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
    std::push_heap(items_.begin(), items_.end(), RunsAfter{});
  }

  Event pop() noexcept {
    assert(!items_.empty());
    std::pop_heap(items_.begin(), items_.end(), RunsAfter{});
    const Event first = items_.back();
    items_.pop_back();
    return first;
  }

 private:
  // The std heap algorithms build a max-heap; "after" makes it a min-heap.
  struct RunsAfter {
    bool operator()(const Event& a, const Event& b) const noexcept { return runs_before(b, a); }
  };

  std::vector<Event> items_;
};

}  // namespace hcsim::sim
