#include "sim/period_totals.hpp"

#include <algorithm>
#include <cmath>

namespace hcsim::sim {

PeriodTotals::PeriodTotals(Days origin, Days length, std::size_t count)
    : origin_(origin), length_(length), totals_(count, 0.0) {
  follow(origin);
}

void PeriodTotals::follow(Days time) noexcept {
  if (!(time >= origin_)) return;
  const auto period = static_cast<std::size_t>((time - origin_) / length_);
  if (period >= totals_.size()) return;
  // A billionth of a period is far above the rounding of (time - origin) /
  // length for any period count a run can have, and far below an event's
  // spacing, so the shrunk range costs almost no call the fast path.
  const Days margin = length_ * 1e-9;
  current_ = period;
  inside_from_ = origin_ + length_ * static_cast<Days>(period) + margin;
  current_end_ = origin_ + length_ * static_cast<Days>(period + 1);
  inside_to_ = current_end_ - margin;
}

void PeriodTotals::add_at_anywhere(Days time, double amount) noexcept {
  follow(time);
  if (time < origin_) return;
  const auto period = static_cast<std::size_t>((time - origin_) / length_);
  if (period < totals_.size()) totals_[period] += amount;
}

void PeriodTotals::integrate_anywhere(Days from, Days to, double level) noexcept {
  follow(to);
  const Days end_of_all = origin_ + length_ * static_cast<Days>(totals_.size());
  from = std::max(from, origin_);
  to = std::min(to, end_of_all);
  auto period = static_cast<std::size_t>((from - origin_) / length_);
  while (from < to && period < totals_.size()) {
    const Days period_end = std::min(to, origin_ + length_ * static_cast<Days>(period + 1));
    // Rounding can put `from` on or just past the computed boundary; then the
    // interval belongs to the next period.
    if (period_end > from) {
      totals_[period] += level * (period_end - from);
      from = period_end;
    }
    ++period;
  }
}

}  // namespace hcsim::sim
