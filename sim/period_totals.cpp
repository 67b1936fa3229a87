#include "sim/period_totals.hpp"

#include <algorithm>
#include <cmath>

namespace hcsim::sim {

PeriodTotals::PeriodTotals(Days origin, Days length, std::size_t count)
    : origin_(origin), length_(length), totals_(count, 0.0) {}

void PeriodTotals::add_at(Days time, double amount) noexcept {
  if (time < origin_) return;
  const auto period = static_cast<std::size_t>((time - origin_) / length_);
  if (period < totals_.size()) totals_[period] += amount;
}

void PeriodTotals::integrate(Days from, Days to, double level) noexcept {
  if (level == 0.0 || !(to > from)) return;
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
