// Mortality by frailty and long-term conditions (models/person_risk.hpp):
// the frail die faster by the published hazard ratio, the population's
// mortality by age stays the Gompertz law (life expectancy at 65), and
// stationary frailty progression holds the prevalence by age.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/care_area.hpp"
#include "models/condition_onset.hpp"
#include "models/input_error.hpp"
#include "models/person_risk.hpp"
#include "models/scenario.hpp"
#include "tests/support/direct_run.hpp"

using namespace hcsim;

namespace {
constexpr double days_per_year = 365.25;

using test::DirectRun;

DirectRun run_area(const models::Scenario& scenario, double years) {
  return test::build_area(scenario, years);
}

// A closed population with no care homes, so every death is from the hazard
// outside care homes.
std::string without_care_homes(const std::string& population, const std::string& extra,
                               int people) {
  return R"(
name: mortality_by_health
seed: 11
replications: 1
population_scale: 1
horizon_years: 10
parameters:
  population:
    entries: {enabled: false}
)" + population + R"(
  discharge:
    care_home_age_band_lower_bounds: [0]
    care_home_probability: [0]
  care_home:
    initial_resident_age_band_lower_bounds: [0]
    initial_resident_share: [0]
)" + extra + R"(
areas:
  - name: A
    population: )" + std::to_string(people) + R"(
    care_home_places: 0
)";
}

}  // namespace

TEST_CASE("the frail die faster by the published hazard ratio", "[mortality][frailty]") {
  // People aged 75-80, frailty held fixed (no progression), conditions off:
  // the normaliser is one number, so the ratio of death rates between
  // levels is the hazard ratio itself.
  const auto scenario = models::parse_scenario(
      without_care_homes(R"(    age_band_lower_bounds: [0, 75]
    oldest_age: 80
    age_counts: [0, 1]
    female_share: [0.5, 0.5]
)",
                         R"(  conditions: {enabled: false}
  frailty:
    progression: published_onset
    onset_rate_per_person_year: [0, 0, 0, 0, 0]
)",
                         100000),
      "<frailty hazard ratio>", {});
  const auto& ratios = scenario.areas[0].parameters.frailty.mortality_hazard_ratio;
  const double years = 3.0;
  auto run = run_area(scenario, years);
  run.area->advance_to(years * days_per_year);
  const auto& people = run.area->person_table();
  std::array<double, 4> deaths{}, person_years{};
  for (std::uint32_t i = 0; i < people.size(); ++i) {
    const auto level = static_cast<std::size_t>(people.frailty[i]);
    const bool died = people.setting[i] == models::Setting::dead;
    person_years[level] += died ? people.death_time[i] / days_per_year : years;
    if (died) deaths[level] += 1.0;
  }
  for (std::size_t level = 1; level < 4; ++level) {
    // Rate ratio against fit, with its 99% interval on the log scale.
    const double ratio = (deaths[level] / person_years[level]) / (deaths[0] / person_years[0]);
    const double se = std::sqrt(1.0 / deaths[level] + 1.0 / deaths[0]);
    INFO("level " << level << ": " << deaths[level] << " deaths, rate ratio " << ratio
                  << " against " << ratios[level]);
    CHECK(std::abs(std::log(ratio) - std::log(ratios[level])) <= 2.576 * se);
  }
}

TEST_CASE("bad mortality hazard ratios are input errors naming the key", "[mortality][bad_input]") {
  const std::string base = R"(name: t
seed: 1
replications: 2
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
)";
  for (const std::string& bad :
       {std::string("  frailty: {mortality_hazard_ratio: [1, -1.9, 3.1, 4.5]}\n"),
        std::string("  conditions:\n    dementia: {mortality_hazard_ratio: -2}\n"),
        std::string("  mortality: {by_frailty_and_conditions: maybe}\n")}) {
    INFO(bad);
    try {
      (void)models::parse_scenario(base + bad, "bad.yaml", {});
      FAIL("accepted " << bad);
    } catch (const models::InputError& error) {
      const std::string what = error.what();
      // The line of the bad value (10 or 11) and the key path.
      CHECK_THAT(what, Catch::Contains("bad.yaml:1"));
      CHECK_THAT(what, Catch::Contains("parameters."));
      CHECK_THAT(what, Catch::Contains("mortality_hazard_ratio") ||
                           Catch::Contains("by_frailty_and_conditions"));
    }
  }
}

namespace {
// Share frail (mild or worse) among the living in the bands 50-64, 65-74,
// 75-84 and 85+ after `years`.
std::array<double, 4> frail_share_after(const std::string& extra, double years) {
  const auto scenario =
      models::parse_scenario(without_care_homes("", extra, 300000), "<population>", {});
  auto run = run_area(scenario, years);
  run.area->advance_to(years * days_per_year);
  const auto& people = run.area->person_table();
  const double bands[] = {50, 65, 75, 85, 1000};
  std::array<double, 4> alive{}, frail{};
  for (std::uint32_t i = 0; i < people.size(); ++i) {
    if (people.setting[i] == models::Setting::dead) continue;
    const double age = static_cast<double>(people.age_at_start[i]) + years;
    for (std::size_t b = 0; b < 4; ++b) {
      if (age >= bands[b] && age < bands[b + 1]) {
        alive[b] += 1.0;
        if (people.frailty[i] != models::Frailty::fit) frail[b] += 1.0;
      }
    }
  }
  for (std::size_t b = 0; b < 4; ++b) frail[b] /= alive[b];
  return frail;
}
}  // namespace

TEST_CASE("stationary progression holds frailty prevalence by age when the frail die faster",
          "[mortality][frailty]") {
  // England's age structure, 300,000 people, closed, no care homes, ten
  // years. With one hazard for everyone, the stationary rates already move
  // the band shares a few points (people are drawn with each band's share,
  // the rates follow the curve through the band midpoints: 65-74 goes from
  // 0.34 to about 0.27). With the frail dying faster the rates also replace
  // their extra deaths, so the shares must move no further than that.
  // Tolerance 0.03: at 300,000 people the 85+ share has a sampling error of
  // about 0.006, and the rates take the mean share over each band.
  const double years = 10.0;
  const auto with_health = frail_share_after("", years);
  const auto one_hazard =
      frail_share_after("  mortality: {by_frailty_and_conditions: false}\n", years);
  const char* names[] = {"50-64", "65-74", "75-84", "85+"};
  for (std::size_t b = 0; b < 4; ++b) {
    INFO(names[b] << ": " << with_health[b] << " with mortality by frailty, " << one_hazard[b]
                  << " without");
    CHECK(std::abs(with_health[b] - one_hazard[b]) <= 0.03);
  }
}

namespace {
// Prevalence of each tracked condition among the living, in the bands of
// conditions.age_band_lower_bounds, after `years`, with the number alive.
struct ConditionShares {
  std::vector<double> alive;
  std::array<std::vector<double>, models::tracked_conditions> share;
};

ConditionShares condition_shares_after(const models::Scenario& scenario, double years) {
  auto run = run_area(scenario, years);
  run.area->advance_to(years * days_per_year);
  const auto& bounds = scenario.areas[0].parameters.conditions.tracked[0].prevalence.lower_bounds;
  const models::AgeSchedule bands{bounds, std::vector<double>(bounds.size(), 0.0)};
  ConditionShares result;
  result.alive.assign(bounds.size(), 0.0);
  for (auto& share : result.share) share.assign(bounds.size(), 0.0);
  const auto& people = run.area->person_table();
  for (std::uint32_t i = 0; i < people.size(); ++i) {
    if (people.setting[i] == models::Setting::dead) continue;
    const std::size_t band = bands.band_of(static_cast<double>(people.age_at_start[i]) + years);
    result.alive[band] += 1.0;
    for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
      if (people.has(i, static_cast<models::Condition>(c))) result.share[c][band] += 1.0;
    }
  }
  for (auto& share : result.share) {
    for (std::size_t band = 0; band < share.size(); ++band) share[band] /= result.alive[band];
  }
  return result;
}
}  // namespace

TEST_CASE("stationary onset holds each condition's prevalence by age when the ill die faster",
          "[mortality][conditions]") {
  // England's age structure, 300,000 people, closed, no care homes, ten
  // years, the published mortality hazard ratios of frailty and conditions.
  // Tolerance, three parts:
  // - 0.01 at every age: stationary onset takes each rise in prevalence at
  //   a band's lower bound in the band's first year, so a band's share sits
  //   below the published one by half a tenth of its step (at most 0.004,
  //   heart failure at 85+); diabetes falls from 16% to 15% at 85, which
  //   only the extra deaths of people with diabetes bring about (onset
  //   cannot remove it). A deterministic integration of these rates over
  //   England's ages leaves every band within 0.01 of the published value.
  // - 0.02 more at 85+: the replacement term assumes each condition is
  //   independent of frailty and of the other conditions among the living.
  //   Deaths take first those with several, so those left with a condition
  //   have fewer others and die a little slower than the term assumes; at
  //   85+ over ten years the shares end 0.008 (dementia) to 0.026
  //   (diabetes) above the published ones, 0.018 for diabetes with
  //   frailty's ratios at 1.
  // - 3.3 standard errors of a share p among n alive, sqrt(p (1 - p) / n):
  //   a 0.1% chance per band of a false failure.
  // The assumed onset rates (onset: published) fail it by far: dementia at
  // 85+ ends above 0.3.
  const double years = 10.0;
  auto check_stationary = [&](const std::string& extra, bool expect_stationary) {
    const auto scenario =
        models::parse_scenario(without_care_homes("", extra, 300000), "<population>", {});
    const auto& conditions = scenario.areas[0].parameters.conditions;
    REQUIRE(conditions.tracked[3].mortality_hazard_ratio > 1.0);
    const auto result = condition_shares_after(scenario, years);
    bool all_within = true;
    for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
      const auto& published = conditions.tracked[c].prevalence;
      for (std::size_t band = 0; band < published.values.size(); ++band) {
        const double p = published.values[band];
        const double n = result.alive[band];
        const double tolerance = 0.01 + (published.lower_bounds[band] >= 85.0 ? 0.02 : 0.0) +
                                 3.3 * std::sqrt(p * (1.0 - p) / n);
        const bool within = std::abs(result.share[c][band] - p) <= tolerance;
        all_within = all_within && within;
        if (expect_stationary) {
          INFO(models::condition_names[c] << " from age " << published.lower_bounds[band] << ": "
                                          << result.share[c][band] << " after ten years, published "
                                          << p << ", " << n << " alive, tolerance " << tolerance);
          CHECK(within);
        }
      }
    }
    return all_within;
  };
  SECTION("stationary onset, the default") {
    CHECK(check_stationary("", true));
  }
  SECTION("the assumed onset rates do not hold it") {
    CHECK_FALSE(check_stationary("  conditions: {onset: published}\n", false));
  }
}

TEST_CASE("condition onset: stationary rates step at band bounds, published rates as given",
          "[mortality][conditions]") {
  const std::string base = R"(name: t
seed: 1
replications: 1
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
  mortality: {by_frailty_and_conditions: false}
)";
  SECTION("stationary: the step into a band in its first year, nothing else") {
    const auto scenario = models::parse_scenario(base, "<stationary>", {});
    const auto& parameters = scenario.areas[0].parameters;
    const models::PersonRisk risk(parameters);
    const models::ConditionOnset onset(parameters, risk);
    const auto& dementia = onset.rate(models::Condition::dementia, models::Sex::female);
    // Prevalence 0.1% at 40-64, 2% at 65-74.
    CHECK(dementia.at(65.5) == Approx(std::log(0.999 / 0.98)));
    CHECK(dementia.at(66.5) == 0.0);
    CHECK(dementia.at(64.5) == 0.0);
  }
  SECTION("published: each condition's onset_rate_per_person_year") {
    const auto scenario = models::parse_scenario(
        base + "  conditions: {onset: published}\n", "<published>", {});
    const auto& parameters = scenario.areas[0].parameters;
    const models::PersonRisk risk(parameters);
    const models::ConditionOnset onset(parameters, risk);
    const auto& rate = onset.rate(models::Condition::dementia, models::Sex::male);
    const auto& given = parameters.conditions.tracked[3].onset_rate;
    CHECK(rate.values == given.values);
  }
  SECTION("anything else is an input error naming the key") {
    try {
      (void)models::parse_scenario(base + "  conditions: {onset: sometimes}\n", "bad.yaml", {});
      FAIL("accepted onset: sometimes");
    } catch (const models::InputError& error) {
      CHECK_THAT(std::string(error.what()),
                 Catch::Contains("bad.yaml:11") && Catch::Contains("conditions.onset"));
    }
  }
}
