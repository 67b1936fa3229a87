#pragma once
// How far a funding rule may move a lever in one budget cycle. Rules move
// levers in small steps toward a limit (when tightening or growing) or back
// toward the baseline (when relaxing), never past either: budgets respond to
// forecasts that are noisy, and real commissioners change course by degrees.
#include <algorithm>

namespace hcsim::models {

// Moves `value` toward `target` by at most `step` (>= 0), never past it.
[[nodiscard]] inline double step_toward(double value, double target, double step) noexcept {
  if (value < target) return std::min(value + step, target);
  return std::max(value - step, target);
}

// Tightening and growing: moves `value` down to `floor` (up to `ceiling`)
// by at most `step`; a value already past the limit stays where it is.
[[nodiscard]] inline double step_down_to(double value, double floor, double step) noexcept {
  return value > floor ? std::max(value - step, floor) : value;
}
[[nodiscard]] inline double step_up_to(double value, double ceiling, double step) noexcept {
  return value < ceiling ? std::min(value + step, ceiling) : value;
}

// Capacity changes, each as a share of the service's baseline capacity (the
// capacity the care model started with), so one setting fits services with
// different units (slots, beds, hours a week, places). The neutral values
// here change nothing; each regime's parameters give its own defaults.
struct CapacityChangeLimits {
  double step_share = 0.0;      // the most capacity may change in one cycle
  double floor_share = 1.0;     // capacity never falls below this share of baseline
  double ceiling_share = 1.0;   // nor rises above this share

  [[nodiscard]] double step(double baseline) const noexcept { return step_share * baseline; }
  [[nodiscard]] double floor(double baseline) const noexcept { return floor_share * baseline; }
  [[nodiscard]] double ceiling(double baseline) const noexcept { return ceiling_share * baseline; }
  bool operator==(const CapacityChangeLimits&) const = default;
};

// Eligibility tightening: the threshold rises by `step` a cycle up to
// `maximum` and falls back by the same step toward the baseline.
struct EligibilityLimits {
  double step = 0.0;       // care-need levels a cycle
  double maximum = 3.0;    // care-need level (3 = high, the top of the scale)
  bool operator==(const EligibilityLimits&) const = default;
};

}  // namespace hcsim::models
