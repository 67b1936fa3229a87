#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/period_totals.hpp"

using hcsim::sim::IntegratedLevel;
using hcsim::sim::PeriodTotals;

TEST_CASE("instant amounts land in their period, warm-up and run-out are dropped",
          "[period_totals]") {
  PeriodTotals totals(10.0, 100.0, 2);
  totals.add_at(5.0, 1.0);    // warm-up
  totals.add_at(10.0, 2.0);   // first instant of period 0
  totals.add_at(109.9, 3.0);  // period 0
  totals.add_at(110.0, 4.0);  // period 1
  totals.add_at(210.0, 5.0);  // after the last period
  CHECK(totals.total(0) == 5.0);
  CHECK(totals.total(1) == 4.0);
}

TEST_CASE("integration splits intervals across period boundaries", "[period_totals]") {
  PeriodTotals totals(0.0, 10.0, 3);
  totals.integrate(5.0, 25.0, 2.0);  // 5 days in p0, 10 in p1, 5 in p2
  CHECK(totals.total(0) == Approx(10.0));
  CHECK(totals.total(1) == Approx(20.0));
  CHECK(totals.total(2) == Approx(10.0));
  totals.integrate(-5.0, 2.0, 1.0);  // only [0, 2) counts
  CHECK(totals.total(0) == Approx(12.0));
  totals.integrate(28.0, 100.0, 1.0);  // only [28, 30) counts
  CHECK(totals.total(2) == Approx(12.0));
}

TEST_CASE("an integrated level accumulates level times duration", "[period_totals]") {
  IntegratedLevel beds(0.0, 365.25, 1);
  beds.change(0.0, 3.0);   // 3 beds from day 0
  beds.change(10.0, -1.0); // 2 beds from day 10
  beds.flush(20.0);
  CHECK(beds.level() == 2.0);
  CHECK(beds.totals().total(0) == Approx(3.0 * 10 + 2.0 * 10));
}

namespace {

// The periods' arithmetic with no shortcut: the division and the walk over
// periods for every call. PeriodTotals keeps the clock's period to skip
// them, and must land every amount in the same period with the same bits.
struct DirectTotals {
  double origin;
  double length;
  std::vector<double> totals;

  void add_at(double time, double amount) {
    if (time < origin) return;
    const auto period = static_cast<std::size_t>((time - origin) / length);
    if (period < totals.size()) totals[period] += amount;
  }
  void integrate(double from, double to, double level) {
    if (level == 0.0 || !(to > from)) return;
    const double end_of_all = origin + length * static_cast<double>(totals.size());
    from = std::max(from, origin);
    to = std::min(to, end_of_all);
    auto period = static_cast<std::size_t>((from - origin) / length);
    while (from < to && period < totals.size()) {
      const double period_end = std::min(to, origin + length * static_cast<double>(period + 1));
      if (period_end > from) {
        totals[period] += level * (period_end - from);
        from = period_end;
      }
      ++period;
    }
  }
};

}  // namespace

TEST_CASE("the kept period gives the same bits as dividing every time, at the bounds too",
          "[period_totals]") {
  // A model's year: periods of 365.25 days from a warm-up's end, and times
  // that step forward mostly by small amounts, land exactly on period
  // bounds, and within a few ulps either side of them.
  const double origin = 365.25 * 0.5;
  const double length = 365.25;
  const std::size_t periods = 6;
  PeriodTotals fast(origin, length, periods);
  DirectTotals direct{origin, length, std::vector<double>(periods, 0.0)};
  std::vector<double> times;
  for (std::size_t k = 0; k <= periods + 1; ++k) {
    const double bound = origin + length * static_cast<double>(k);
    double below = bound;
    double above = bound;
    for (int ulp = 0; ulp < 4; ++ulp) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, 1e9);
      times.push_back(below);
      times.push_back(above);
    }
    times.push_back(bound);
    for (int step = 1; step < 50; ++step) times.push_back(bound + step * 7.3);
    times.push_back(bound - length * 1e-9);
    times.push_back(bound + length * 1e-9);
  }
  times.push_back(0.0);
  std::sort(times.begin(), times.end());
  double previous = 0.0;
  double level = 1.0;
  for (const double time : times) {
    fast.add_at(time, 1.0 / 3.0);
    direct.add_at(time, 1.0 / 3.0);
    fast.integrate(previous, time, level);
    direct.integrate(previous, time, level);
    previous = time;
    level += 0.7;
  }
  for (std::size_t period = 0; period < periods; ++period) {
    INFO("period " << period);
    CHECK(fast.total(period) == direct.totals[period]);  // the same bits
    CHECK(fast.total(period) > 0.0);
  }
}
