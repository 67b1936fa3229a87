#pragma once
// One area of a scenario built by hand from day 0 (no warm-up, no window
// runner), so a test can run it and inspect its people and measures.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "models/care_area.hpp"
#include "models/scenario.hpp"
#include "sim/random_stream.hpp"

namespace hcsim::test {

struct DirectRun {
  models::MeasurementPlan plan;
  std::unique_ptr<models::CareArea> area;
};

// Area `area_index` of `scenario`, measured for `years` from day 0; built
// (its population drawn) but not yet run.
inline DirectRun build_area(const models::Scenario& scenario, double years,
                            std::size_t area_index = 0) {
  DirectRun run;
  run.plan.origin_days = 0.0;
  run.plan.end_days = years * 365.25;
  run.plan.years = static_cast<std::size_t>(std::ceil(years));
  const sim::RandomStreams streams(scenario.seed, 0);
  run.area = std::make_unique<models::CareArea>(scenario.areas[area_index],
                                                static_cast<std::uint32_t>(area_index),
                                                scenario.population_scale, run.plan, streams);
  return run;
}

// The same, run to the end and finished (the last year-end snapshot taken).
inline DirectRun run_area_to_end(const models::Scenario& scenario, double years,
                                 std::size_t area_index = 0) {
  DirectRun run = build_area(scenario, years, area_index);
  run.area->advance_to(run.plan.end_days);
  run.area->finish(run.plan.end_days);
  return run;
}

}  // namespace hcsim::test
