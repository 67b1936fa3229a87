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

// Called after window `window` of area `area` (its place in `areas`), with
// that area at time `at`; other areas may be in other windows.
using AreaWindowEndCallback = std::function<void(std::size_t area, std::size_t window, Days at)>;

// For areas that never affect one another: each advances through all its
// windows as one task, doing its own window-end work, so no thread waits at
// a window end for the slowest area, and an area's state stays in the
// caches of one thread for all its windows. `start_order` (places in
// `areas`, largest first) is the order areas are started in. Results are
// those of run_windows with the same work done area by area at each window
// end.
//
// When advancing or window-end work throws, that area stops, and the others
// stop once past it (in a later window, or a later area of the same one);
// the exception rethrown is that of the earliest window failed, and within
// it of the first area in `areas` order, whatever the threads did: every
// area still runs every window up to the earliest failure, so none that
// failed in it can be missed (sim::LowestFailure, ranked window first).
void run_areas_independently(std::span<Area* const> areas, const WindowPlan& plan,
                             std::span<const std::size_t> start_order,
                             const AreaWindowEndCallback& at_window_end);

}  // namespace hcsim::sim
