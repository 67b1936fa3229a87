// The analytic formulas against textbook numbers.
#include <catch2/catch.hpp>

#include <cmath>

#include "validation/queueing.hpp"

using namespace hcsim::validation;

TEST_CASE("Erlang B and C match textbook values", "[validation][queueing]") {
  // Two servers, one Erlang: P(wait) = 1/3 exactly.
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0).epsilon(1e-12));
  // Three servers, two Erlangs: C = (8/6 x 3) / (1 + 2 + 2 + 4) = 4/9.
  CHECK(erlang_c(3, 2.0) == Approx(4.0 / 9.0).epsilon(1e-12));
  // Erlang B tables (e.g. Gross & Harris, Table; any Erlang B table): 10
  // trunks at 5 Erlangs block 1.838%, 5 trunks at 2 Erlangs 3.670%.
  CHECK(erlang_b(10, 5.0) == Approx(0.018385).epsilon(1e-4));
  CHECK(erlang_b(5, 2.0) == Approx(0.036697).epsilon(1e-4));
  // The worked call-centre example (10 Erlangs, 11 agents): P(wait) 0.6821.
  CHECK(erlang_c(11, 10.0) == Approx(0.6821).epsilon(1e-4));
  CHECK_THROWS(erlang_c(5, 5.0));  // unstable: no stationary queue
}

TEST_CASE("M/M/c mean wait and M/M/1 special case", "[validation][queueing]") {
  // M/M/1: Wq = rho / (mu - lambda).
  const MmcQueue single = mmc_queue(1, 0.5, 1.0);
  CHECK(single.wait_probability == Approx(0.5));
  CHECK(single.mean_wait == Approx(1.0));
  CHECK(single.mean_queue_length == Approx(0.5));
  // M/M/2 with a = 1: Wq = (1/3) / (2 - 1) = 1/3.
  const MmcQueue two = mmc_queue(2, 1.0, 1.0);
  CHECK(two.mean_wait == Approx(1.0 / 3.0));
  CHECK(two.mean_wait_if_delayed == Approx(1.0));
}

TEST_CASE("finite-source queue: closed forms and the infinite-source limit",
          "[validation][queueing]") {
  // As many beds as people: nobody waits, each person is in hospital with
  // probability r / (1 + r) independently (binomial).
  const double r = 0.25;
  const FiniteSourceQueue no_wait = finite_source_queue(8, 8, r, 1.0);
  CHECK(no_wait.mean_in_system == Approx(8.0 * r / (1.0 + r)));
  CHECK(no_wait.mean_queue_length == Approx(0.0).margin(1e-15));
  CHECK(no_wait.mean_wait == Approx(0.0).margin(1e-15));
  // Two people, one bed (machine repairman): p0 = 1 / (1 + 2r + 2r^2).
  const FiniteSourceQueue repairman = finite_source_queue(2, 1, r, 1.0);
  const double p0 = 1.0 / (1.0 + 2.0 * r + 2.0 * r * r);
  CHECK(repairman.distribution[0] == Approx(p0));
  CHECK(repairman.distribution[2] == Approx(2.0 * r * r * p0));
  // An arrival sees the other person only: waits with probability r/(1+r).
  CHECK(repairman.wait_probability == Approx(r / (1.0 + r)));
  // Little's law inside the model.
  CHECK(repairman.mean_time_in_system ==
        Approx(repairman.mean_in_system / repairman.arrival_rate));
  // A huge population approaches Erlang C.
  const double lambda = 1.6;
  const std::int64_t people = 10'000'000;
  const FiniteSourceQueue big =
      finite_source_queue(people, 10, lambda / static_cast<double>(people), 0.2);
  const MmcQueue mmc = mmc_queue(10, lambda, 0.2);
  CHECK(big.wait_probability == Approx(mmc.wait_probability).epsilon(1e-4));
  CHECK(big.mean_wait == Approx(mmc.mean_wait).epsilon(1e-4));
  CHECK(big.all_busy_probability == Approx(mmc.wait_probability).epsilon(1e-4));
}
