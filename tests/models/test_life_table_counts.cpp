// An area's deaths and person-years at risk from 65 (models/life_table_counts.hpp),
// and the simulated life expectancy at 65 built from them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/life_table.hpp"
#include "models/life_table_counts.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::life_table_age_groups;
using hcsim::models::LifeTableColumn;
using hcsim::models::Metric;
using hcsim::models::Sex;

namespace {

constexpr double days_per_year = 365.25;

}  // namespace

TEST_CASE("time at risk is split at birthdays and year ends", "[life_table]") {
  // Two reporting years from day 100. A man aged 64.5 at time 0 is at risk
  // at 65 from his birthday (day 182.625) to his 66th (day 547.875), and at
  // 66 from then until day 700; the year end at day 465.25 splits his 65th
  // year.
  hcsim::models::LifeTableCounts counts(100.0, days_per_year, 2);
  counts.add_time_at_risk(Sex::male, 64.5, 0.0, 700.0, 1.0);
  CHECK(counts.exposure(Sex::male, 0, 0) == Approx((465.25 - 182.625) / days_per_year));
  CHECK(counts.exposure(Sex::male, 0, 1) == Approx((547.875 - 465.25) / days_per_year));
  CHECK(counts.exposure(Sex::male, 1, 1) == Approx((700.0 - 547.875) / days_per_year));
  CHECK(counts.exposure(Sex::female, 0, 0) == 0.0);
  // Taking off what lies before day 300 (an entry then) leaves the rest.
  counts.add_time_at_risk(Sex::male, 64.5, 0.0, 300.0, -1.0);
  CHECK(counts.exposure(Sex::male, 0, 0) == Approx((465.25 - 300.0) / days_per_year));
  // Past 100 everything is in the open group, and nothing after the last
  // year counts.
  counts.add_time_at_risk(Sex::female, 99.0, 0.0, 5000.0, 1.0);
  CHECK(counts.exposure(Sex::female, life_table_age_groups - 2, 0) ==
        Approx((365.25 - 100.0) / days_per_year));
  CHECK(counts.exposure(Sex::female, life_table_age_groups - 1, 0) ==
        Approx((465.25 - 365.25) / days_per_year));
  CHECK(counts.exposure(Sex::female, life_table_age_groups - 1, 1) == Approx(1.0));
  // Deaths in the age group of their whole age, in the year they fall in;
  // none under 65 or before the measured period.
  counts.count_death(Sex::female, 103.2, 500.0);
  counts.count_death(Sex::female, 64.9, 500.0);
  counts.count_death(Sex::female, 70.0, 50.0);
  counts.count_death(Sex::male, 65.0, 200.0);
  CHECK(counts.deaths(Sex::female, life_table_age_groups - 1, 1) == 1.0);
  CHECK(counts.deaths(Sex::male, 0, 0) == 1.0);
  double all = 0.0;
  for (const Sex sex : {Sex::male, Sex::female}) {
    for (std::size_t group = 0; group < life_table_age_groups; ++group) {
      for (std::size_t year = 0; year < 2; ++year) all += counts.deaths(sex, group, year);
    }
  }
  CHECK(all == 2.0);
}

TEST_CASE("an area's deaths and person-years from 65 are those of its people",
          "[life_table][simulation]") {
  // People aged 55 to 105 with the default England model (care homes,
  // mortality by frailty and conditions, hospital stays), many migrants
  // aged 60 and over entering, a measured period starting after 100 days
  // and ending part way through its third year. Every person's deaths and
  // time at risk, worked out here from their record (and for migrants,
  // their entry in the transition log), must be what the area counted.
  const auto scenario = hcsim::models::parse_scenario(R"(
name: life_table_accounts
seed: 11
replications: 1
population_scale: 1
horizon_years: 2.5
parameters:
  population:
    age_band_lower_bounds: [0, 55]
    oldest_age: 105
    age_counts: [0, 1]
    female_share: [0.5, 0.5]
    entries:
      enabled: true
      births_per_1000: 1
      net_migration:
        age_band_lower_bounds: [0, 60]
        per_1000: [1, 60]
areas:
  - name: Accounts
    population: 4000
)",
                                                      "<life table accounts>", {});
  hcsim::models::MeasurementPlan plan;
  plan.origin_days = 100.0;
  plan.end_days = plan.origin_days + 2.5 * days_per_year;
  plan.years = 3;
  const hcsim::sim::RandomStreams streams(scenario.seed, 0);
  hcsim::models::CareArea area(scenario.areas[0], 0, scenario.population_scale, plan, streams);
  hcsim::models::TransitionLogOptions log;
  log.people_per_area = std::numeric_limits<std::uint32_t>::max();
  log.max_records_per_area = std::numeric_limits<std::size_t>::max();
  area.enable_transition_log(log);
  area.advance_to(plan.end_days);
  area.finish(plan.end_days);

  const auto& people = area.person_table();
  const std::size_t starting = area.people();
  REQUIRE(people.size() > starting + 100);  // migrants entered
  std::vector<double> entered(people.size(), 0.0);
  std::vector<char> seen(people.size(), 0);
  for (const auto& record : area.transition_log()->records()) {
    if (record.person >= starting && !seen[record.person]) {
      seen[record.person] = 1;
      entered[record.person] = record.time;  // the first record is the entry
    }
  }

  // [sex][group][year]
  std::vector<double> deaths(2 * life_table_age_groups * plan.years, 0.0);
  std::vector<double> exposure(2 * life_table_age_groups * plan.years, 0.0);
  auto cell = [&](Sex sex, int age, std::size_t year) {
    const int group = std::min(age, 100) - 65;
    return (static_cast<std::size_t>(sex) * life_table_age_groups +
            static_cast<std::size_t>(group)) * plan.years + year;
  };
  std::size_t died_measured = 0;
  for (std::uint32_t person = 0; person < people.size(); ++person) {
    const double age_at_zero = static_cast<double>(people.age_at_start[person]);
    const bool dead = people.setting[person] == hcsim::models::Setting::dead;
    const double from = std::max(entered[person], plan.origin_days);
    const double to = dead ? people.death_time[person] : plan.end_days;
    if (dead && to >= plan.origin_days) {
      const double age = age_at_zero + to / days_per_year;
      if (age >= 65.0) {
        deaths[cell(people.sex[person], static_cast<int>(std::floor(age)),
                    static_cast<std::size_t>((to - plan.origin_days) / days_per_year))] += 1.0;
        ++died_measured;
      }
    }
    // Each year of age against each reporting year.
    for (int age = 65; age <= 100; ++age) {
      const double age_from = (age - age_at_zero) * days_per_year;
      const double age_to = age == 100 ? plan.end_days : (age + 1 - age_at_zero) * days_per_year;
      for (std::size_t year = 0; year < plan.years; ++year) {
        const double year_from = plan.origin_days + static_cast<double>(year) * days_per_year;
        const double year_to = year_from + days_per_year;
        const double overlap = std::min({to, age_to, year_to}) - std::max({from, age_from, year_from});
        if (overlap > 0.0) exposure[cell(people.sex[person], age, year)] += overlap / days_per_year;
      }
    }
  }
  REQUIRE(died_measured > 500);
  const auto& counted = area.life_table();
  for (const Sex sex : {Sex::male, Sex::female}) {
    for (std::size_t group = 0; group < life_table_age_groups; ++group) {
      for (std::size_t year = 0; year < plan.years; ++year) {
        const int age = 65 + static_cast<int>(group);
        INFO("sex " << static_cast<int>(sex) << ", age group " << age << ", year " << year);
        CHECK(counted.deaths(sex, group, year) == deaths[cell(sex, age, year)]);
        CHECK(counted.exposure(sex, group, year) ==
              Approx(exposure[cell(sex, age, year)]).epsilon(1e-9).margin(1e-9));
      }
    }
  }
}
