#pragma once
// Totals per reporting period (a year, usually) of quantities that are either
// counted at an instant (admissions) or integrated over time (an occupancy
// level integrated gives bed days). Integration splits an interval across
// period boundaries exactly, so a stay that crosses the new year contributes
// to both years.
#include <cstddef>
#include <vector>

#include "sim/time.hpp"

namespace hcsim::sim {

class PeriodTotals {
 public:
  // Periods are [origin + k * length, origin + (k + 1) * length), k < count.
  // Anything before origin or after the last period is not recorded (warm-up
  // and run-out).
  PeriodTotals(Days origin, Days length, std::size_t count);

  void add_at(Days time, double amount) noexcept {
    if (time >= inside_from_ && time < inside_to_) {
      totals_[current_] += amount;
      return;
    }
    if (time < origin_) return;  // warm-up
    add_at_anywhere(time, amount);
  }
  // Adds level * (overlap of [from, to) with each period).
  void integrate(Days from, Days to, double level) noexcept {
    if (level == 0.0 || !(to > from)) return;
    if (from >= inside_from_ && from < inside_to_ && to <= current_end_) {
      totals_[current_] += level * (to - from);
      return;
    }
    if (to <= origin_) return;  // warm-up
    integrate_anywhere(from, to, level);
  }

  [[nodiscard]] std::size_t period_count() const noexcept { return totals_.size(); }
  [[nodiscard]] double total(std::size_t period) const noexcept { return totals_[period]; }
  [[nodiscard]] const std::vector<double>& totals() const noexcept { return totals_; }

 private:
  void add_at_anywhere(Days time, double amount) noexcept;
  void integrate_anywhere(Days from, Days to, double level) noexcept;
  // Makes the period holding `time` the current one, if there is one.
  void follow(Days time) noexcept;

  Days origin_;
  Days length_;
  std::vector<double> totals_;
  // Nearly every call falls in the period the clock is in, so it is kept
  // with its bounds and such calls skip the division and the loop. Times in
  // [inside_from_, inside_to_) are those the division puts in period
  // current_ for certain: the period shrunk by a billionth of its length at
  // each end, where rounding could put a time in the period beside it.
  // Calls near the bounds take the general path, so results are the same
  // bits either way. current_end_ is the period's end exactly as the general
  // path computes it. An empty range (no periods) sends every call there.
  std::size_t current_ = 0;
  Days inside_from_ = 0.0;
  Days inside_to_ = 0.0;
  Days current_end_ = 0.0;
};

// A level that changes at events (patients in beds, people waiting), kept
// integrated over time into PeriodTotals.
class IntegratedLevel {
 public:
  IntegratedLevel(Days origin, Days length, std::size_t count) : totals_(origin, length, count) {}
  // A level with no reporting periods (to be assigned a real one).
  IntegratedLevel() : totals_(0.0, 1.0, 0) {}

  [[nodiscard]] double level() const noexcept { return level_; }
  void change(Days now, double delta) noexcept {
    totals_.integrate(since_, now, level_);
    cumulative_ += level_ * (now - since_);
    since_ = now;
    level_ += delta;
  }
  // The integral from time 0 to `now` (warm-up included), without changing
  // anything: budget cycles read spend to date from it.
  [[nodiscard]] double cumulative_to(Days now) const noexcept {
    return cumulative_ + level_ * (now - since_);
  }
  // Brings the integral up to `now` without changing the level.
  void flush(Days now) noexcept { change(now, 0.0); }
  [[nodiscard]] const PeriodTotals& totals() const noexcept { return totals_; }

 private:
  PeriodTotals totals_;
  double level_ = 0.0;
  double cumulative_ = 0.0;
  Days since_ = 0.0;
};

}  // namespace hcsim::sim
