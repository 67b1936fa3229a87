#include "sim/window_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/parallel.hpp"

namespace hcsim::sim {

std::size_t WindowPlan::window_count() const noexcept {
  if (!(end > start) || !(window_length > 0.0)) return 0;
  return static_cast<std::size_t>(std::ceil((end - start) / window_length - 1e-9));
}

Days WindowPlan::window_end(std::size_t window) const noexcept {
  // Computed from the start each time so window ends do not accumulate
  // rounding error over long horizons.
  return std::min(end, start + static_cast<Days>(window + 1) * window_length);
}

void run_windows(std::span<Area* const> areas, const WindowPlan& plan,
                 const WindowEndCallback& at_window_end) {
  const std::size_t windows = plan.window_count();
  // Areas start each window longest first, by how long each took in the
  // window before (a window looks much like the one before it), so a large
  // area does not start last and leave the other threads idle at the end.
  // The order only decides which thread runs what, never the results.
  std::vector<std::size_t> order(areas.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<double> seconds(areas.size(), 0.0);
  for (std::size_t window = 0; window < windows; ++window) {
    const Days until = plan.window_end(window);
    parallel_for_each_in_order(order, [&](std::size_t i) {
      const auto started = std::chrono::steady_clock::now();
      areas[i]->advance_to(until);
      seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                       .count();
    });
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return seconds[a] > seconds[b]; });
    if (at_window_end) at_window_end(window, until);
  }
}

void run_areas_independently(std::span<Area* const> areas, const WindowPlan& plan,
                             std::span<const std::size_t> start_order,
                             const AreaWindowEndCallback& at_window_end) {
  const std::size_t windows = plan.window_count();
  // Failures are ranked window first, then area: an area stops at the first
  // window whose rank is past the lowest failure yet, which no window of it
  // up to the earliest failure ever is.
  LowestFailure failures(windows * areas.size());
  parallel_for_each_in_order(start_order, [&](std::size_t area) {
    for (std::size_t window = 0; window < windows; ++window) {
      const std::size_t rank = window * areas.size() + area;
      if (failures.skips(rank)) return;
      try {
        const Days until = plan.window_end(window);
        areas[area]->advance_to(until);
        if (at_window_end) at_window_end(area, window, until);
      } catch (...) {
        failures.record(rank, std::current_exception());
        return;
      }
    }
  });
  failures.rethrow_if_any();
}

}  // namespace hcsim::sim
