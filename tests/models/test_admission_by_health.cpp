// Emergency admission by frailty and long-term conditions
// (models/person_risk.hpp): a person's hazard is the calibrated rate of
// their age over the mean ratio at that age, times their own frailty and
// condition hazard ratios. Because the mean multiplier at every age is 1,
// age-specific admission rates (what calibration sees) do not show whether
// the ratios are applied at all; these tests look within an age band.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "models/care_area.hpp"
#include "models/parameters.hpp"
#include "models/person_risk.hpp"
#include "models/scenario.hpp"
#include "tests/support/direct_run.hpp"

using namespace hcsim;

namespace {
constexpr double days_per_year = 365.25;
// Two-sided 99.9% normal quantile: with a fixed seed a correct model passes
// or fails for good, so the tolerance is set where a change of random
// numbers alone fails one comparison in a thousand.
constexpr double z_999 = 3.29;

std::uint8_t bits_of(std::initializer_list<models::Condition> conditions) {
  std::uint8_t bits = 0;
  for (const auto condition : conditions) bits |= models::condition_bit(condition);
  return bits;
}

}  // namespace

TEST_CASE("a person's admission ratio is their frailty ratio times each condition's",
          "[admissions][frailty][conditions]") {
  const auto parameters = models::default_parameters();
  const models::PersonRisk risk(parameters);
  const auto& frailty = parameters.frailty.admission_hazard_ratio;
  const auto& tracked = parameters.conditions.tracked;
  const auto dementia = static_cast<std::size_t>(models::Condition::dementia);
  const auto heart_failure = static_cast<std::size_t>(models::Condition::heart_failure);
  // The defaults must spread risk, or the products below prove nothing.
  REQUIRE(frailty[3] > 1.0);
  REQUIRE(tracked[dementia].admission_hazard_ratio > 1.0);

  CHECK(risk.admission_ratio(models::Frailty::fit, 0, false) == 1.0);
  for (std::size_t level = 0; level < models::frailty_levels; ++level) {
    CHECK(risk.admission_ratio(static_cast<models::Frailty>(level), 0, false) == frailty[level]);
  }
  const auto both = bits_of({models::Condition::dementia, models::Condition::heart_failure});
  CHECK(risk.admission_ratio(models::Frailty::severe, both, false) ==
        Approx(frailty[3] * tracked[dementia].admission_hazard_ratio *
               tracked[heart_failure].admission_hazard_ratio));
  // Unmet care need multiplies on top.
  CHECK(risk.admission_ratio(models::Frailty::moderate, 0, true) ==
        Approx(frailty[2] * parameters.social_care.unmet_need_admission_hazard_ratio));
}

TEST_CASE("the mean admission multiplier at each age is 1 over the starting population",
          "[admissions][frailty][conditions]") {
  // The normaliser, recomputed here by enumerating every frailty level and
  // every combination of the four conditions (independent, at their
  // prevalence by age): rate per unit ratio x mean ratio = calibrated rate.
  const auto parameters = models::default_parameters();
  const models::PersonRisk risk(parameters);
  for (const double age : {10.0, 30.0, 55.0, 70.0, 80.0, 90.0}) {
    const auto shares = risk.initial_frailty_shares(age);
    double mean = 0.0;
    for (std::size_t level = 0; level < models::frailty_levels; ++level) {
      for (std::uint8_t bits = 0; bits < (1u << models::tracked_conditions); ++bits) {
        double probability = shares[level];
        for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
          const double prevalence = parameters.conditions.tracked[c].prevalence.at(age);
          probability *= (bits & (1u << c)) != 0 ? prevalence : 1.0 - prevalence;
        }
        mean += probability *
                risk.admission_ratio(static_cast<models::Frailty>(level), bits, false);
      }
    }
    INFO("age " << age << ": mean ratio " << mean);
    CHECK(mean > 1.0);  // the ratios raise risk for some, so the unit rate is lower
    CHECK(risk.admission_rate_per_unit_ratio().at(age) * mean ==
          Approx(parameters.emergency_admission.rate_per_person_year.at(age)));
  }

  // With every ratio 1 the multiplier is 1 for everyone.
  auto flat = parameters;
  flat.frailty.admission_hazard_ratio = {1.0, 1.0, 1.0, 1.0};
  for (auto& condition : flat.conditions.tracked) condition.admission_hazard_ratio = 1.0;
  const models::PersonRisk flat_risk(flat);
  const auto all = bits_of({models::Condition::diabetes, models::Condition::copd,
                            models::Condition::heart_failure, models::Condition::dementia});
  CHECK(flat_risk.admission_ratio(models::Frailty::severe, all, false) == 1.0);
  for (const double age : {30.0, 80.0, 90.0}) {
    CHECK(flat_risk.admission_rate_per_unit_ratio().at(age) ==
          Approx(parameters.emergency_admission.rate_per_person_year.at(age)));
  }
}

namespace {

// 100,000 people aged 76-81 at the start, for three years, so everyone stays
// inside the 75-84 band of every age schedule (admission rate, frailty,
// conditions) and the normaliser is one number. Nobody dies or enters, so
// everyone is exposed for the whole run; frailty and conditions never
// change (zero onset); hospital stays last about a quarter of an hour with no
// discharge service, care home or package to wait for, so time out of risk
// is negligible (at most 0.01 days a year). Readmissions and unmet need
// are at ratio 1 and GP access is off, as each would make a person's hazard
// depend on their history as well as their health.
std::string closed_band_scenario(const std::string& health) {
  return R"(
name: admission_by_health
seed: 23
replications: 1
population_scale: 1
horizon_years: 3
parameters:
  population:
    entries: {enabled: false}
    age_band_lower_bounds: [0, 76]
    oldest_age: 81
    age_counts: [0, 1]
    female_share: [0.5, 0.5]
  mortality: {enabled: false}
  emergency_admission: {readmission_hazard_ratio: 1}
  hospital:
    same_day_share: 0
    overnight_length_of_stay: {distribution: fixed, value: 0.01}
    stay_length_by_person: {enabled: false}
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
    reablement: {probability: [0, 0]}
    rehabilitation: {probability: [0, 0]}
    assessment: {enabled: false}
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
  social_care:
    assessment_days: 0
    home_care: {new_package_share: 0, unmet_need_admission_hazard_ratio: 1}
  gp: {enabled: false}
)" + health + R"(
areas:
  - name: A
    population: 100000
    care_home_places: 0
)";
}

constexpr double years = 3.0;

// Admissions and person-years of each group, a person's group being
// group_of(people, person); a value of `groups` or more leaves them out.
template <std::size_t groups, typename GroupOf>
void count_admissions(const models::Scenario& scenario, GroupOf group_of,
                      std::array<double, groups>& admissions,
                      std::array<double, groups>& person_years) {
  auto run = test::run_area_to_end(scenario, years);
  const auto& people = run.area->person_table();
  REQUIRE(people.size() == 100000);
  std::size_t dead = 0;
  for (std::uint32_t i = 0; i < people.size(); ++i) {
    if (people.setting[i] == models::Setting::dead) ++dead;
    const std::size_t group = group_of(people, i);
    if (group >= groups) continue;
    admissions[group] += people.admissions[i];
    person_years[group] += years;
  }
  REQUIRE(dead == 0);  // else some were not exposed for the whole run
}

// Whether the admission rate of group `g` over group 0 is within z_999
// standard errors of `expected`, on the log scale. Admissions are Poisson
// given the person-years, so var(log rate ratio) = 1/a_g + 1/a_0.
template <std::size_t groups>
bool rate_ratio_near(const std::array<double, groups>& admissions,
                     const std::array<double, groups>& person_years, std::size_t g,
                     double expected) {
  const double ratio =
      (admissions[g] / person_years[g]) / (admissions[0] / person_years[0]);
  const double se = std::sqrt(1.0 / admissions[g] + 1.0 / admissions[0]);
  UNSCOPED_INFO("group " << g << ": " << admissions[g] << " admissions against "
                         << admissions[0] << ", rate ratio " << ratio << " (expected "
                         << expected << ", 99.9% half-width x" << std::exp(z_999 * se) << ")");
  return std::abs(std::log(ratio) - std::log(expected)) <= z_999 * se;
}

// Frailty off; each condition at its prevalence by age, never starting,
// with `extra` keys of its own.
std::string conditions_held(const std::string& extra) {
  std::string text = "  frailty: {enabled: false}\n  conditions:\n    onset: published\n";
  for (const auto name : models::condition_names) {
    text += "    " + std::string(name) + ": {onset_rate_per_person_year: [0, 0, 0, 0, 0, 0]" +
            extra + "}\n";
  }
  return text;
}

}  // namespace

TEST_CASE("the frail are admitted more often by the frailty hazard ratios, within an age band",
          "[admissions][frailty]") {
  // Conditions off, so frailty is the only difference between people.
  // With the defaults (3% severely frail at 75-84) the severely frail have
  // about 6,500 admissions and the fit 23,000: the 99.9% interval of each
  // rate ratio is about +-5%, and a ratio ignored (1 against 1.93 or more)
  // is over 40 standard errors away.
  const std::string frailty_fixed = R"(  conditions: {enabled: false}
  frailty:
    progression: published_onset
    onset_rate_per_person_year: [0, 0, 0, 0, 0]
)";
  const auto by_level = [](const models::PersonTable& people, std::uint32_t i) {
    return static_cast<std::size_t>(people.frailty[i]);
  };

  const auto scenario =
      models::parse_scenario(closed_band_scenario(frailty_fixed), "<frailty admissions>", {});
  const auto& ratios = scenario.areas[0].parameters.frailty.admission_hazard_ratio;
  std::array<double, 4> admissions{}, person_years{};
  count_admissions(scenario, by_level, admissions, person_years);
  for (std::size_t level = 1; level < 4; ++level) {
    CHECK(rate_ratio_near(admissions, person_years, level, ratios[level]));
  }
  // Normalised: over everyone the rate is the calibrated one for 75-84.
  double all_admissions = 0.0, all_years = 0.0;
  for (std::size_t level = 0; level < 4; ++level) {
    all_admissions += admissions[level];
    all_years += person_years[level];
  }
  const double calibrated =
      scenario.areas[0].parameters.emergency_admission.rate_per_person_year.at(78.0);
  // Standard error 0.4%: Poisson for 77,000 admissions (0.36%) and the
  // sampling of 100,000 people's levels around the shares the normaliser
  // takes (0.16%). 1.5% is 3.8 of them.
  CHECK(all_admissions / all_years == Approx(calibrated).epsilon(0.015));

  // Every ratio 1: the same people (the same random numbers) are admitted
  // alike whatever their frailty.
  const auto flat = models::parse_scenario(
      closed_band_scenario(frailty_fixed + "    admission_hazard_ratio: [1, 1, 1, 1]\n"),
      "<frailty admissions, ratios 1>", {});
  std::array<double, 4> flat_admissions{}, flat_years{};
  count_admissions(flat, by_level, flat_admissions, flat_years);
  for (std::size_t level = 1; level < 4; ++level) {
    CHECK(rate_ratio_near(flat_admissions, flat_years, level, 1.0));
  }
}

TEST_CASE("people with a long-term condition are admitted more often by its hazard ratio",
          "[admissions][conditions]") {
  // Frailty off, conditions at their 75-84 prevalence and never starting.
  // Group 0 has none of the four, group 1 + c has condition c alone, and
  // group 5 heart failure and dementia together (the ratios multiply).
  // The smallest groups (COPD or dementia alone, 5.6% of people) have about
  // 5,000 admissions against 37,000: each 99.9% interval is about +-5%.
  const std::uint8_t heart_failure_and_dementia =
      bits_of({models::Condition::heart_failure, models::Condition::dementia});
  const auto by_conditions = [&](const models::PersonTable& people, std::uint32_t i) {
    const std::uint8_t bits = people.conditions[i];
    if (bits == 0) return std::size_t{0};
    if (bits == heart_failure_and_dementia) return std::size_t{5};
    for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
      if (bits == models::condition_bit(static_cast<models::Condition>(c))) return 1 + c;
    }
    return std::size_t{6};  // other combinations: not compared
  };

  const auto scenario = models::parse_scenario(closed_band_scenario(conditions_held("")),
                                               "<condition admissions>", {});
  const auto& tracked = scenario.areas[0].parameters.conditions.tracked;
  std::array<double, 6> admissions{}, person_years{};
  count_admissions(scenario, by_conditions, admissions, person_years);
  for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
    INFO(models::condition_names[c]);
    CHECK(rate_ratio_near(admissions, person_years, 1 + c, tracked[c].admission_hazard_ratio));
  }
  const auto heart_failure = static_cast<std::size_t>(models::Condition::heart_failure);
  const auto dementia = static_cast<std::size_t>(models::Condition::dementia);
  CHECK(rate_ratio_near(admissions, person_years, 5,
                        tracked[heart_failure].admission_hazard_ratio *
                            tracked[dementia].admission_hazard_ratio));

  const auto flat =
      models::parse_scenario(closed_band_scenario(conditions_held(", admission_hazard_ratio: 1")), "<condition admissions, ratios 1>", {});
  std::array<double, 6> flat_admissions{}, flat_years{};
  count_admissions(flat, by_conditions, flat_admissions, flat_years);
  for (std::size_t group = 1; group < 6; ++group) {
    CHECK(rate_ratio_near(flat_admissions, flat_years, group, 1.0));
  }
}
