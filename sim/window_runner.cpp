#include "sim/window_runner.hpp"

#include <algorithm>
#include <cmath>

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
  for (std::size_t window = 0; window < windows; ++window) {
    const Days until = plan.window_end(window);
    parallel_for_index(areas.size(), [&](std::size_t i) { areas[i]->advance_to(until); });
    if (at_window_end) at_window_end(window, until);
  }
}

}  // namespace hcsim::sim
