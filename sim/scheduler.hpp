#pragma once
// One area's clock and event queue, and the loop that drains it.
//
// The loop is a template over the handler so the model's dispatch inlines into
// it: no virtual call, no std::function and no allocation per event.
#include <cassert>
#include <cstdint>

#include "sim/event.hpp"
#include "sim/event_queue.hpp"

namespace hcsim::sim {

class Scheduler {
 public:
  [[nodiscard]] Days now() const noexcept { return now_; }
  [[nodiscard]] std::uint64_t events_processed() const noexcept { return processed_; }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size(); }
  void reserve(std::size_t capacity) { queue_.reserve(capacity); }

  // Events may not be scheduled in the past: that would break the total order.
  void schedule(const Event& event) {
    assert(event.time >= now_);
    queue_.push(event);
  }

  // Handles, in key order, every event with time < until, then sets the clock
  // to `until`. The handler may schedule further events, including ones
  // before `until`. `handle(const Event&)` returns false for an event it
  // discarded as stale, which is not counted as processed.
  template <class Handler>
  void run_until(Days until, Handler&& handle) {
    while (!queue_.empty() && queue_.top().time < until) {
      const Event event = queue_.pop();
      now_ = event.time;
      if (handle(event)) ++processed_;
    }
    now_ = until;
  }

 private:
  EventQueue queue_;
  Days now_ = 0.0;
  std::uint64_t processed_ = 0;
};

}  // namespace hcsim::sim
