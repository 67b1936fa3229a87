// Overnight stays by age and frailty: older and frailer patients stay longer,
// while the mean over the starting population's admissions is kept.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/person_risk.hpp"
#include "models/scenario.hpp"
#include "models/stay_length.hpp"

using namespace hcsim;
using models::Frailty;
using models::Setting;

namespace {

constexpr double days_per_year = 365.25;

models::Scenario tiny(std::vector<std::string> set = {}) {
  models::ScenarioOverrides overrides;
  overrides.set = std::move(set);
  return models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
}

struct Stays {
  double days = 0.0;
  double count = 0.0;
  [[nodiscard]] double mean() const { return count > 0.0 ? days / count : 0.0; }
};

// The clinical part of every hospital stay (from taking a bed to being fit
// to leave) that started and ended in `years` from time 0, by the patient's
// age band at admission (under 65, 65-84, 85+) and frailty at the end; stays
// cut short by death are left out. Frailty does not progress in these runs
// (onset rates 0), so the frailty at the end is the frailty at every stay.
struct StaysByPerson {
  Stays all;
  std::array<Stays, 3> by_age;
  std::array<Stays, models::frailty_levels> by_frailty;  // of patients aged 65-84
};

StaysByPerson stays_of(const models::Scenario& scenario, double years) {
  models::MeasurementPlan plan;
  plan.end_days = years * days_per_year;
  plan.years = static_cast<std::size_t>(std::ceil(years));
  const sim::RandomStreams streams(scenario.seed, 0);
  models::CareArea area(scenario.areas[0], 0, scenario.population_scale, plan, streams);
  models::TransitionLogOptions log;
  log.people_per_area = static_cast<std::uint32_t>(area.people());
  log.max_records_per_area = 10'000'000;
  area.enable_transition_log(log);
  area.advance_to(plan.end_days);
  area.finish(plan.end_days);
  REQUIRE_FALSE(area.transition_log()->truncated());

  const auto& people = area.person_table();
  StaysByPerson stays;
  std::vector<double> since(people.size(), -1.0);
  for (const auto& record : area.transition_log()->records()) {
    if (record.to == Setting::in_hospital && record.from != Setting::in_hospital) {
      since[record.person] = record.time;
    } else if (record.from == Setting::in_hospital && record.to != Setting::in_hospital &&
               since[record.person] >= 0.0) {
      const double start = since[record.person];
      since[record.person] = -1.0;
      if (record.to == Setting::dead) continue;
      const double length = record.time - start;
      const double age = people.age_at(record.person, start);
      const std::size_t band = age < 65.0 ? 0 : age < 85.0 ? 1 : 2;
      for (Stays* group : {&stays.all, &stays.by_age[band]}) {
        group->days += length;
        group->count += 1.0;
      }
      if (band == 1) {
        auto& group = stays.by_frailty[static_cast<std::size_t>(people.frailty[record.person])];
        group.days += length;
        group.count += 1.0;
      }
    }
  }
  return stays;
}

// Frailty held still and nobody placed in a care home (a placement raises
// frailty), so each patient's frailty is known at every stay.
const std::vector<std::string> frailty_held = {
    "parameters.frailty.onset_rate_per_person_year=[0, 0, 0, 0, 0]",
    "parameters.discharge.care_home_probability=[0, 0, 0]"};

}  // namespace

TEST_CASE("the multipliers rise with age and frailty and are normalised",
          "[stay_length]") {
  const auto parameters = tiny().areas[0].parameters;
  const models::PersonRisk risk(parameters);
  const models::StayLengthScale scale(parameters, risk);
  CHECK(scale.multiplier(30.0, Frailty::fit) < scale.multiplier(70.0, Frailty::fit));
  CHECK(scale.multiplier(70.0, Frailty::fit) < scale.multiplier(80.0, Frailty::fit));
  CHECK(scale.multiplier(80.0, Frailty::fit) < scale.multiplier(90.0, Frailty::fit));
  for (std::size_t level = 1; level < models::frailty_levels; ++level) {
    CHECK(scale.multiplier(80.0, static_cast<Frailty>(level - 1)) <
          scale.multiplier(80.0, static_cast<Frailty>(level)));
  }
  // The ratio between two people is the ratio of their raw multipliers.
  const auto& stay = parameters.hospital.stay_length_by_person;
  CHECK(scale.multiplier(90.0, Frailty::severe) / scale.multiplier(30.0, Frailty::fit) ==
        Approx(stay.age_multiplier.at(90.0) * stay.frailty_multiplier[3] /
               (stay.age_multiplier.at(30.0) * stay.frailty_multiplier[0])));
  // Most admissions are of older, frailer people, so the mean raw multiplier
  // is well above the youngest and fittest's 1.
  CHECK(scale.mean_over_admissions() > 1.1);

  auto off = parameters;
  off.hospital.stay_length_by_person.enabled = false;
  const models::StayLengthScale none(off, risk);
  CHECK(none.multiplier(90.0, Frailty::severe) == 1.0);
}

TEST_CASE("older and frailer patients stay longer, the mean stay is kept",
          "[stay_length][simulation]") {
  const auto by_person = stays_of(tiny(frailty_held), 2.0);
  auto off = frailty_held;
  off.push_back("parameters.hospital.stay_length_by_person.enabled=false");
  const auto same = stays_of(tiny(off), 2.0);
  INFO("mean clinical stay: " << by_person.all.mean() << " days by person, " << same.all.mean()
                              << " for everyone alike; under 65 " << by_person.by_age[0].mean()
                              << ", 65-84 " << by_person.by_age[1].mean() << ", 85+ "
                              << by_person.by_age[2].mean());
  REQUIRE(by_person.all.count > 2000.0);
  // Multipliers 1.0 / 1.2-1.4 / 1.5 by age before frailty: the 85+ stay
  // about 1.7 times as long as the under-65s, who are mostly fit.
  CHECK(by_person.by_age[2].mean() > 1.4 * by_person.by_age[0].mean());
  CHECK(by_person.by_age[1].mean() > 1.1 * by_person.by_age[0].mean());
  // Alike for everyone, age makes no such difference.
  CHECK(same.by_age[2].mean() < 1.2 * same.by_age[0].mean());
  // Among people aged 65-84, the severely frail stay longer than the fit
  // (multipliers 1.45 and 1).
  CHECK(by_person.by_frailty[3].mean() > 1.15 * by_person.by_frailty[0].mean());
  // The overall mean of the first two years, against the same draws without
  // the multipliers, within 4% (the normalisation holds it at the start;
  // the population ages a little in two years).
  CHECK(by_person.all.mean() == Approx(same.all.mean()).epsilon(0.04));
}
