// The default England scenario against the published figures it was
// calibrated to (docs/calibration.md): each lands within 10%.
//
// The run is the default scenario as shipped (5% of England, two measured
// years) with five replications. Queues with few servers wait longer, so
// delayed discharge and occupancy depend on the population scale: at 1% the
// delayed beds a day scaled to England are about twice those at 5%, while
// 5% and 10% agree within their intervals. The test therefore runs at the
// scale the calibration was done at, not a smaller one.
//
// Tolerance: the mean over five replications (the number docs/calibration.md
// and docs/validation.md report) must lie within 10% of each published
// figure, the calibration target, with nothing added for sampling noise.
// The seed is fixed, so the run is deterministic: nothing varies between two
// runs of one build, and a change that moves a figure beyond 10% is a
// change of calibration that must be looked at, whether it came from the
// model or from which draws a person makes. 10% is also about the spread of
// the published figures themselves between the years they come from
// (2016/17 to 2019/20; delayed beds a day, for one, fell from 6,455 in
// October 2016 to 5,487 a year later). Widening the band by the 95%
// interval, as before, let delayed beds a day pass anywhere within about
// 36% (its interval over three replications is about +-26%).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "validation/national.hpp"

using namespace hcsim;

TEST_CASE("the default scenario lands within 10% of every figure it was calibrated to",
          "[validation][calibration]") {
  validation::NationalOptions options;
  options.replications = 5;
  options.threads = 2;
  options.version = "test";
  options.date = "2000-01-01";
  const models::Scenario scenario = validation::national_scenario(options);
  REQUIRE(scenario.population_scale == 0.05);
  const auto experiment = models::run_experiment(scenario, options.threads);
  const auto report =
      validation::compare_national(validation::national_rows(), scenario, experiment);

  std::size_t calibrated = 0;
  for (const auto& result : report.rows) {
    if (!result.row.calibrated) continue;
    ++calibrated;
    const double published = result.row.published.value;
    INFO(result.row.what << ": simulated " << result.mean << " against published "
                         << published);
    CHECK(std::abs(result.mean - published) <= 0.10 * std::abs(published));
  }
  // Admissions, length of stay, occupancy, delayed discharge, life
  // expectancy at 65 for men and women, and the population.
  CHECK(calibrated >= 7);
}
