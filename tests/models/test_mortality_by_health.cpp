#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/scenario.hpp"

using namespace hcsim;

namespace {
constexpr double days_per_year = 365.25;

struct CohortRun {
  models::MeasurementPlan plan;
  std::unique_ptr<models::CareArea> area;
};

CohortRun run_cohort(const models::Scenario& scenario, double years) {
  CohortRun run;
  run.plan.origin_days = 0.0;
  run.plan.end_days = years * days_per_year;
  run.plan.years = static_cast<std::size_t>(std::ceil(years));
  const sim::RandomStreams streams(scenario.seed, 0);
  run.area = std::make_unique<models::CareArea>(scenario.areas[0], 0u, scenario.population_scale,
                                                run.plan, streams);
  return run;
}

std::string cohort_text(const std::string& extra) {
  return R"(
name: cohort
seed: 65
replications: 1
population_scale: 1
horizon_years: 35
parameters:
  population:
    entries: {enabled: false}
    age_band_lower_bounds: [0, 65]
    oldest_age: 65.01
    age_counts: [0, 1]
    female_share: [0.5, 0.5]
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
)" + extra + R"(
areas:
  - name: Cohort
    population: 20000
    care_home_places: 0
)";
}
}  // namespace

TEST_CASE("diagnostic cohort", "[.diag]") {
  for (const std::string extra : {std::string(""),
        std::string("  conditions: {enabled: false}\n"),
        std::string("  frailty: {mortality_hazard_ratio: [1,1,1,1]}\n"),
        std::string("  conditions: {enabled: false}\n  frailty: {mortality_hazard_ratio: [1,1,1,1]}\n")}) {
    const auto scenario = models::parse_scenario(cohort_text(extra), "<cohort>", {});
    const auto& mortality = scenario.areas[0].parameters.mortality;
    auto run = run_cohort(scenario, 35.0);
    const auto& people = run.area->person_table();
    std::printf("--- %s", extra.c_str());
    for (double t : {0.0, 5.0, 10.0, 15.0, 20.0, 25.0}) {
      run.area->advance_to(t * days_per_year + 1e-9);
      double expected = 0, alive = 0, frail = 0, cond[4] = {0, 0, 0, 0};
      for (std::uint32_t i = 0; i < people.size(); ++i) {
        const models::Gompertz law{mortality.gompertz_slope, people.sex[i] == models::Sex::female
                                                                 ? mortality.modal_age_female
                                                                 : mortality.modal_age_male};
        const double age = static_cast<double>(people.age_at_start[i]);
        expected += std::exp(-(law.g(age + t) - law.g(age)));
        if (people.setting[i] == models::Setting::dead) continue;
        alive += 1;
        if (people.frailty[i] != models::Frailty::fit) frail += 1;
        for (int c = 0; c < 4; ++c) cond[c] += (people.conditions[i] >> c) & 1;
      }
      std::printf("t=%4.0f S=%.4f table=%.4f frail=%.3f conds=%.3f %.3f %.3f %.3f\n", t,
                  alive / people.size(), expected / people.size(), frail / alive, cond[0] / alive,
                  cond[1] / alive, cond[2] / alive, cond[3] / alive);
    }
  }
}
