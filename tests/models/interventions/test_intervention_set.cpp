#include <catch2/catch.hpp>

#include <vector>

#include "models/interventions/intervention_set.hpp"

using hcsim::models::CapacityChange;
using hcsim::models::CareNeed;
using hcsim::models::CommissionedService;
using hcsim::models::Frailty;
using hcsim::models::Intervention;
using hcsim::models::InterventionSet;
using hcsim::models::Setting;
using hcsim::models::setting_bit;

namespace {

Intervention admission_avoidance(double ratio, std::vector<std::string> areas = {}) {
  Intervention intervention;
  intervention.effect.admission_hazard_ratio = ratio;
  intervention.areas = std::move(areas);
  return intervention;
}

Intervention capacity(CommissionedService service, double relative, double start = 0.0) {
  Intervention intervention;
  intervention.start_days = start;
  intervention.effect.capacity_change = CapacityChange{service, relative};
  return intervention;
}

}  // namespace

TEST_CASE("a set holds the interventions covering its area", "[interventions]") {
  const std::vector<Intervention> all{admission_avoidance(0.9, {"A"}),
                                      admission_avoidance(0.8, {"B"}), admission_avoidance(0.5)};
  const InterventionSet a(all, "A");
  REQUIRE(a.size() == 2);
  CHECK(a.interventions()[0].effect.admission_hazard_ratio == 0.9);
  CHECK(a.interventions()[1].effect.admission_hazard_ratio == 0.5);
  const InterventionSet c(all, "C");
  CHECK(c.size() == 1);
  CHECK(InterventionSet().empty());
}

TEST_CASE("admission and length-of-stay multipliers multiply over matching interventions",
          "[interventions]") {
  Intervention care_homes = admission_avoidance(0.77);
  care_homes.target.setting_mask = setting_bit(Setting::care_home);
  care_homes.effect.length_of_stay_ratio = 0.9;
  Intervention over_75s = admission_avoidance(0.8);
  over_75s.target.min_age = 75.0;
  over_75s.start_days = 100.0;
  over_75s.ramp_up_days = 100.0;
  const InterventionSet set({care_homes, over_75s}, "A");

  const auto admission = [&](double age, Setting residence, double t) {
    return set.admission_hazard_multiplier(age, Frailty::mild, 0, CareNeed::low, residence, t);
  };
  CHECK(admission(80.0, Setting::care_home, 500.0) == Approx(0.77 * 0.8));
  CHECK(admission(80.0, Setting::home, 500.0) == Approx(0.8));
  CHECK(admission(60.0, Setting::care_home, 500.0) == Approx(0.77));
  CHECK(admission(60.0, Setting::home, 500.0) == 1.0);
  // Half-way through the second one's ramp-up: 1 - 0.2 * 0.5.
  CHECK(admission(80.0, Setting::care_home, 150.0) == Approx(0.77 * 0.9));
  CHECK(set.length_of_stay_multiplier(80.0, Frailty::mild, 0, CareNeed::low, Setting::care_home,
                                      500.0) == Approx(0.9));
  CHECK(set.length_of_stay_multiplier(80.0, Frailty::mild, 0, CareNeed::low, Setting::home,
                                      500.0) == 1.0);
}

TEST_CASE("discharge delay multipliers multiply over the area", "[interventions]") {
  Intervention faster = admission_avoidance(1.0);
  faster.effect.discharge_delay_ratio = 0.5;
  Intervention also_faster = faster;
  also_faster.effect.discharge_delay_ratio = 0.6;
  also_faster.start_days = 10.0;
  const InterventionSet set({faster, also_faster}, "A");
  CHECK(set.discharge_delay_multiplier(5.0) == Approx(0.5));
  CHECK(set.discharge_delay_multiplier(10.0) == Approx(0.3));
}

TEST_CASE("capacity changes add up per service and floor at zero", "[interventions]") {
  const InterventionSet set({capacity(CommissionedService::home_care, 0.28),
                             capacity(CommissionedService::home_care, 0.1),
                             capacity(CommissionedService::reablement, -0.9),
                             capacity(CommissionedService::reablement, -0.5, 50.0)},
                            "A");
  CHECK(set.capacity_multiplier(CommissionedService::home_care, 0.0) == Approx(1.38));
  CHECK(set.capacity_multiplier(CommissionedService::rehabilitation, 0.0) == 1.0);
  CHECK(set.capacity_multiplier(CommissionedService::reablement, 0.0) == Approx(0.1));
  // -0.9 - 0.5 would be -40% of capacity: floored at none.
  CHECK(set.capacity_multiplier(CommissionedService::reablement, 50.0) == 0.0);
}

TEST_CASE("effects change only while an effective intervention ramps, starts or ends",
          "[interventions]") {
  Intervention ramping = admission_avoidance(0.8);
  ramping.start_days = 100.0;
  ramping.ramp_up_days = 60.0;
  ramping.end_days = 400.0;
  Intervention neutral = admission_avoidance(1.0);  // moves nothing, whatever its dates
  neutral.start_days = 20.0;
  const InterventionSet set({ramping, neutral}, "A");
  CHECK_FALSE(set.effects_change_between(0.0, 30.0));
  CHECK(set.effects_change_between(90.0, 120.0));   // starts
  CHECK(set.effects_change_between(120.0, 150.0));  // ramps
  CHECK_FALSE(set.effects_change_between(200.0, 300.0));
  CHECK(set.effects_change_between(390.0, 420.0));  // ends
  CHECK_FALSE(set.effects_change_between(420.0, 500.0));
}

TEST_CASE("a set reports each intervention's running cost", "[interventions][cost]") {
  Intervention first = admission_avoidance(0.9);
  first.cost.per_year = 365.25;
  Intervention second = admission_avoidance(0.9);
  second.cost.per_person_per_year = 365.25;
  second.start_days = 5.0;
  const InterventionSet set({first, second}, "A");
  CHECK(set.running_cost(0, 0.0, 10.0, 0.0, 0.5) == Approx(5.0));
  CHECK(set.running_cost(1, 0.0, 10.0, 4.0, 0.5) == Approx(20.0));
}
