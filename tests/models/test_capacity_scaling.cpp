// Capacities at reduced population scale (models/capacity_scaling.hpp):
// square-root scaling keeps the spare capacity of P1-P3 and home care at the
// square root of the scale, leaves beds and care-home places proportional,
// and is the identity at full scale.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "models/capacity_scaling.hpp"
#include "models/care_area.hpp"
#include "models/input_error.hpp"
#include "models/scenario.hpp"

using namespace hcsim;
using models::CapacityScaling;

TEST_CASE("the capacity scale factor follows square-root staffing", "[capacity_scaling]") {
  // rho + (1 - rho) / sqrt(s): at s = 0.25 and rho = 0.8, 0.8 + 0.2 / 0.5.
  CHECK(models::capacity_scale_factor(CapacityScaling::square_root, 0.25, 0.8) ==
        Approx(1.2).epsilon(1e-12));
  // A pool run full at full scale has no spare capacity to keep.
  CHECK(models::capacity_scale_factor(CapacityScaling::square_root, 0.01, 1.0) == 1.0);
  // Exactly the identity at full scale, whatever the utilisation.
  CHECK(models::capacity_scale_factor(CapacityScaling::square_root, 1.0, 0.37) == 1.0);
  CHECK(models::capacity_scale_factor(CapacityScaling::proportional, 0.05, 0.5) == 1.0);
  // Smaller runs keep relatively more spare capacity.
  CHECK(models::capacity_scale_factor(CapacityScaling::square_root, 0.01, 0.9) >
        models::capacity_scale_factor(CapacityScaling::square_root, 0.05, 0.9));
  // The spare capacity itself scales with the square root: 40 full-scale
  // units at rho 0.75 have 10 spare; at s = 0.04, 40 * 0.04 * 0.75 = 1.2 in
  // use and 10 * 0.2 = 2 spare.
  CHECK(models::scaled_capacity(40.0, 0.04, CapacityScaling::square_root, 0.75) ==
        std::llround(1.2 + 2.0));
  CHECK(models::scaled_capacity(40.0, 0.04, CapacityScaling::proportional, 0.75) ==
        std::llround(1.6));
}

namespace {

std::unique_ptr<models::CareArea> area_at(double scale, const std::string& scaling) {
  const std::string text = R"(name: scaled
seed: 5
replications: 1
population_scale: )" + std::to_string(scale) + R"(
horizon_years: 1
parameters:
  scaling: {capacity: )" + scaling + R"(}
  discharge:
    reablement: {capacity_per_1000: 0.5, reference_utilisation: 0.8}
    rehabilitation: {capacity_per_1000: 0.4, reference_utilisation: 0.9}
    assessment: {capacity_per_1000: 0.2, reference_utilisation: 0.6}
  social_care:
    home_care: {reference_utilisation: 0.95}
areas:
  - name: A
    population: 500000
)";
  const auto scenario = models::parse_scenario(text, "scaled.yaml", {});
  models::MeasurementPlan plan;
  plan.end_days = 365.25;
  const sim::RandomStreams streams(scenario.seed, 0);
  return std::make_unique<models::CareArea>(scenario.areas[0], 0u, scenario.population_scale,
                                            plan, streams);
}

}  // namespace

TEST_CASE("square-root scaling enlarges discharge services and home care only",
          "[capacity_scaling]") {
  const double scale = 0.04;  // 20,000 people; sqrt(scale) = 0.2
  const auto proportional = area_at(scale, "proportional");
  const auto square_root = area_at(scale, "square_root");
  // 500,000 * 0.5 / 1,000 = 250 full-scale P1 slots: 10 at 4%, or
  // 250 * (0.04 * 0.8 + 0.2 * 0.2) = 18 keeping the spare capacity's queue.
  CHECK(proportional->discharge_service_capacity(models::Setting::reablement) == 10);
  CHECK(square_root->discharge_service_capacity(models::Setting::reablement) == 18);
  // 200 P2 beds: 8, or 200 * (0.036 + 0.02) = 11.2.
  CHECK(proportional->discharge_service_capacity(models::Setting::rehabilitation) == 8);
  CHECK(square_root->discharge_service_capacity(models::Setting::rehabilitation) == 11);
  // 100 P3 beds: 4, or 100 * (0.024 + 0.08) = 10.4.
  CHECK(proportional->discharge_service_capacity(models::Setting::assessment) == 4);
  CHECK(square_root->discharge_service_capacity(models::Setting::assessment) == 10);
  // Home-care hours: 0.95 + 0.05 / 0.2 = 1.2 times, to the hour.
  CHECK(square_root->home_care_hours_capacity() ==
        Approx(proportional->home_care_hours_capacity() * 1.2).margin(1.0));
  // Beds and care-home places follow the population under both rules.
  CHECK(square_root->hospital_beds() == proportional->hospital_beds());
  CHECK(square_root->care_home_places() == proportional->care_home_places());
}

TEST_CASE("at full scale both capacity rules give the same area", "[capacity_scaling]") {
  const auto proportional = area_at(1.0, "proportional");
  const auto square_root = area_at(1.0, "square_root");
  for (const auto setting : {models::Setting::reablement, models::Setting::rehabilitation,
                             models::Setting::assessment}) {
    CHECK(square_root->discharge_service_capacity(setting) ==
          proportional->discharge_service_capacity(setting));
  }
  CHECK(proportional->discharge_service_capacity(models::Setting::reablement) == 250);
  CHECK(square_root->home_care_hours_capacity() == proportional->home_care_hours_capacity());
}

TEST_CASE("bad capacity scaling is an input error naming the key",
          "[capacity_scaling][bad_input]") {
  const std::string base = R"(name: t
seed: 1
replications: 1
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
)";
  for (const auto& [bad, key] :
       {std::pair{std::string("  scaling: {capacity: cubic}\n"), std::string("scaling.capacity")},
        std::pair{std::string("  discharge: {reablement: {reference_utilisation: 0}}\n"),
                  std::string("reference_utilisation")},
        std::pair{std::string("  social_care: {home_care: {reference_utilisation: 1.5}}\n"),
                  std::string("reference_utilisation")},
        std::pair{std::string("  scaling: {capacity: square_root, spare: 2}\n"),
                  std::string("spare")}}) {
    INFO(bad);
    try {
      (void)models::parse_scenario(base + bad, "bad.yaml", {});
      FAIL("accepted " << bad);
    } catch (const models::InputError& error) {
      const std::string what = error.what();
      CHECK_THAT(what, Catch::Contains("bad.yaml:10"));
      CHECK_THAT(what, Catch::Contains(key));
    }
  }
}
