#include <catch2/catch.hpp>

#include "sim/period_totals.hpp"

using hcsim::sim::IntegratedLevel;
using hcsim::sim::PeriodTotals;

TEST_CASE("instant amounts land in their period; warm-up and run-out are dropped",
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
