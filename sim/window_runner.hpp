#pragma once
// Advances a set of areas through time in windows.
//
// Inside a window every area advances independently (in parallel under
// oneTBB); at each window end a synchronisation callback runs on the calling
// thread with all areas stopped at the same time, where cross-area effects and
// periodic rules apply in a fixed area order. Results therefore never depend
// on the number of threads.
#include <cstddef>
#include <functional>
#include <span>

#include "sim/area.hpp"
#include "sim/time.hpp"

namespace hcsim::sim {

struct WindowPlan {
  Days start = 0.0;
  Days end = 0.0;
  Days window_length = 30.4375;  // a twelfth of a year

  [[nodiscard]] std::size_t window_count() const noexcept;
  [[nodiscard]] Days window_end(std::size_t window) const noexcept;
};

// Called after window `window` (0-based) with every area at time `at`.
using WindowEndCallback = std::function<void(std::size_t window, Days at)>;

// Runs the areas from plan.start to plan.end. Must be called inside a
// tbb::task_arena (or the default arena) that sets the parallelism wanted.
void run_windows(std::span<Area* const> areas, const WindowPlan& plan,
                 const WindowEndCallback& at_window_end);

}  // namespace hcsim::sim
