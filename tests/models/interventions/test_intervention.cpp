#include <catch2/catch.hpp>

#include "models/interventions/intervention.hpp"

using hcsim::models::CapacityChange;
using hcsim::models::CareNeed;
using hcsim::models::CommissionedService;
using hcsim::models::condition_bit;
using hcsim::models::Condition;
using hcsim::models::EffectKind;
using hcsim::models::Frailty;
using hcsim::models::frailty_bit;
using hcsim::models::Intervention;
using hcsim::models::InterventionType;
using hcsim::models::Setting;
using hcsim::models::setting_bit;
using hcsim::models::TargetGroup;

namespace {

// Starts on day 100, full effect from day 150, ends on day 300.
Intervention ramped(double ratio) {
  Intervention intervention;
  intervention.start_days = 100.0;
  intervention.ramp_up_days = 50.0;
  intervention.end_days = 300.0;
  intervention.effect.admission_hazard_ratio = ratio;
  intervention.effect.length_of_stay_ratio = ratio;
  intervention.effect.discharge_delay_ratio = ratio;
  return intervention;
}

}  // namespace

TEST_CASE("the ramp rises linearly from the start and drops at the end", "[interventions]") {
  const Intervention intervention = ramped(0.77);
  CHECK(intervention.ramp(-10.0) == 0.0);
  CHECK(intervention.ramp(99.9) == 0.0);
  CHECK(intervention.ramp(100.0) == 0.0);
  CHECK(intervention.ramp(110.0) == Approx(0.2));
  CHECK(intervention.ramp(125.0) == Approx(0.5));
  CHECK(intervention.ramp(150.0) == 1.0);
  CHECK(intervention.ramp(299.9) == 1.0);
  CHECK(intervention.ramp(300.0) == 0.0);  // the end day is no longer covered
  CHECK(intervention.ramp(1000.0) == 0.0);
}

TEST_CASE("no ramp-up means full effect from the start day", "[interventions]") {
  Intervention intervention;
  intervention.start_days = 30.0;
  CHECK(intervention.ramp(29.99) == 0.0);
  CHECK(intervention.ramp(30.0) == 1.0);
  CHECK(intervention.ramp(1e6) == 1.0);  // no end: runs to the horizon
}

TEST_CASE("ratios ramp from 1 to their full value, capacity from 0", "[interventions]") {
  Intervention intervention = ramped(0.77);
  CHECK(intervention.admission_hazard_multiplier(50.0) == 1.0);
  CHECK(intervention.admission_hazard_multiplier(125.0) == Approx(1.0 - 0.23 * 0.5));
  CHECK(intervention.admission_hazard_multiplier(200.0) == Approx(0.77));
  CHECK(intervention.length_of_stay_multiplier(110.0) == Approx(1.0 - 0.23 * 0.2));
  CHECK(intervention.discharge_delay_multiplier(400.0) == 1.0);

  const Intervention lengthening = ramped(2.0);
  CHECK(lengthening.length_of_stay_multiplier(125.0) == Approx(1.5));

  intervention.effect.capacity_change = CapacityChange{CommissionedService::home_care, 0.28};
  CHECK(intervention.capacity_change(CommissionedService::home_care, 125.0) == Approx(0.14));
  CHECK(intervention.capacity_change(CommissionedService::home_care, 200.0) == Approx(0.28));
  CHECK(intervention.capacity_change(CommissionedService::reablement, 200.0) == 0.0);
  CHECK(intervention.capacity_change(CommissionedService::home_care, 300.0) == 0.0);
}

TEST_CASE("a discharge delay ratio of 0 removes the waits once ramped up", "[interventions]") {
  const Intervention intervention = ramped(0.0);
  CHECK(intervention.discharge_delay_multiplier(125.0) == Approx(0.5));
  CHECK(intervention.discharge_delay_multiplier(150.0) == 0.0);
}

TEST_CASE("an intervention with neutral values has no effect", "[interventions]") {
  Intervention intervention;
  CHECK_FALSE(intervention.has_effect());
  intervention.effect.capacity_change = CapacityChange{CommissionedService::reablement, 0.0};
  CHECK_FALSE(intervention.has_effect());
  intervention.effect.capacity_change->relative = 0.1;
  CHECK(intervention.has_effect());
}

TEST_CASE("areas covered: the named ones, or all when none are named", "[interventions]") {
  Intervention intervention;
  CHECK(intervention.covers("anywhere"));
  intervention.areas = {"Bristol", "Leeds"};
  CHECK(intervention.covers("Leeds"));
  CHECK_FALSE(intervention.covers("York"));
}

TEST_CASE("a target group filters by age, frailty, conditions, setting and care need",
          "[interventions]") {
  TargetGroup everyone;
  CHECK(everyone.matches(30.0, Frailty::fit, 0, CareNeed::none, Setting::home));
  CHECK(everyone.matches(99.0, Frailty::severe, 0xF, CareNeed::high, Setting::in_hospital));

  TargetGroup group;
  group.min_age = 65.0;
  group.max_age = 75.0;
  group.frailty_mask = static_cast<std::uint8_t>(frailty_bit(Frailty::moderate) |
                                                  frailty_bit(Frailty::severe));
  group.condition_mask = static_cast<std::uint8_t>(condition_bit(Condition::copd) |
                                                    condition_bit(Condition::heart_failure));
  group.setting_mask = setting_bit(Setting::home);
  group.min_care_need = CareNeed::low;
  const auto copd = condition_bit(Condition::copd);
  const auto copd_and_diabetes =
      static_cast<std::uint8_t>(copd | condition_bit(Condition::diabetes));

  CHECK(group.matches(70.0, Frailty::moderate, copd, CareNeed::low, Setting::home));
  CHECK(group.matches(65.0, Frailty::severe, copd_and_diabetes, CareNeed::high, Setting::home));
  // Age is half-open: 74.99 is in, 75 is out, 64.99 is out.
  CHECK(group.matches(74.99, Frailty::moderate, copd, CareNeed::low, Setting::home));
  CHECK_FALSE(group.matches(75.0, Frailty::moderate, copd, CareNeed::low, Setting::home));
  CHECK_FALSE(group.matches(64.99, Frailty::moderate, copd, CareNeed::low, Setting::home));
  // Each filter on its own.
  CHECK_FALSE(group.matches(70.0, Frailty::mild, copd, CareNeed::low, Setting::home));
  CHECK_FALSE(group.matches(70.0, Frailty::moderate, condition_bit(Condition::diabetes),
                            CareNeed::low, Setting::home));
  CHECK_FALSE(group.matches(70.0, Frailty::moderate, 0, CareNeed::low, Setting::home));
  CHECK_FALSE(group.matches(70.0, Frailty::moderate, copd, CareNeed::none, Setting::home));
  CHECK_FALSE(group.matches(70.0, Frailty::moderate, copd, CareNeed::low, Setting::care_home));
  CHECK_FALSE(group.matches(70.0, Frailty::moderate, copd, CareNeed::low, Setting::in_hospital));
}

TEST_CASE("which effects each type may carry", "[interventions]") {
  using hcsim::models::may_carry;
  CHECK(may_carry(InterventionType::admission_avoidance, EffectKind::admission_hazard_ratio));
  CHECK(may_carry(InterventionType::self_care, EffectKind::length_of_stay_ratio));
  CHECK_FALSE(may_carry(InterventionType::self_care, EffectKind::capacity_change));
  CHECK(may_carry(InterventionType::discharge_to_assess, EffectKind::discharge_delay_ratio));
  CHECK(may_carry(InterventionType::discharge_to_assess, EffectKind::capacity_change));
  CHECK_FALSE(may_carry(InterventionType::discharge_to_assess,
                        EffectKind::admission_hazard_ratio));
  CHECK_FALSE(may_carry(InterventionType::reablement_capacity,
                        EffectKind::discharge_delay_ratio));
  CHECK(hcsim::models::fixed_capacity_service(InterventionType::community_productivity) ==
        CommissionedService::home_care);
}

TEST_CASE("running costs: full from the start by default", "[interventions][cost]") {
  Intervention intervention;
  intervention.start_days = 0.0;
  intervention.ramp_up_days = 10.0;
  intervention.cost.per_year = 365.25;  // one pound a day at full scale
  CHECK(intervention.running_cost(0.0, 10.0, 0.0, 1.0) == Approx(10.0));
  CHECK(intervention.running_cost(-5.0, 5.0, 0.0, 1.0) == Approx(5.0));  // nothing before start
  CHECK(intervention.running_cost(5.0, 5.0, 0.0, 1.0) == 0.0);
  intervention.end_days = 12.0;
  CHECK(intervention.running_cost(5.0, 15.0, 0.0, 1.0) == Approx(7.0));  // stops at the end
  CHECK(intervention.running_cost(12.0, 40.0, 0.0, 1.0) == 0.0);
}

TEST_CASE("running costs across a ramp-up, when cost follows it", "[interventions][cost]") {
  Intervention intervention;
  intervention.start_days = 0.0;
  intervention.ramp_up_days = 10.0;
  intervention.cost.per_year = 365.25;
  intervention.cost.follows_ramp_up = true;
  // Integral of t/10 over [0, 10) is 5; over [5, 15) it is 3.75 + 5.
  CHECK(intervention.cost_days(0.0, 10.0) == Approx(5.0));
  CHECK(intervention.running_cost(5.0, 15.0, 0.0, 1.0) == Approx(8.75));
  CHECK(intervention.running_cost(-20.0, 0.0, 0.0, 1.0) == 0.0);
  intervention.end_days = 12.0;
  CHECK(intervention.running_cost(5.0, 15.0, 0.0, 1.0) == Approx(3.75 + 2.0));
  // An end inside the ramp-up: integral of t/10 over [0, 4) is 0.8.
  intervention.end_days = 4.0;
  CHECK(intervention.running_cost(0.0, 30.0, 0.0, 1.0) == Approx(0.8));
}

TEST_CASE("per-area costs scale with the population, per-person costs with the people",
          "[interventions][cost]") {
  Intervention intervention;
  intervention.cost.per_year = 2.0 * 365.25;             // £2 a day at full scale
  intervention.cost.per_person_per_year = 365.25;        // £1 a day a person
  // At a 1% scale, 30 simulated people in the target group, over 10 days:
  // 10 * (2 * 0.01 + 30 * 1).
  CHECK(intervention.running_cost(0.0, 10.0, 30.0, 0.01) == Approx(10.0 * (0.02 + 30.0)));
}
