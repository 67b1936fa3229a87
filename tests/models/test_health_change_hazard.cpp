// The next change of health as one draw (models/health_change_hazard.hpp):
// the summed hazard is the sum of its parts at every age, the change is
// chosen by the parts' shares, and one budget with a share gives the same
// law as drawing every part's own time and keeping the earliest.
#include <catch2/catch.hpp>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "models/condition_onset.hpp"
#include "models/frailty_progression.hpp"
#include "models/hazard_timing.hpp"
#include "models/health_change_hazard.hpp"
#include "models/person_risk.hpp"
#include "models/scenario.hpp"
#include "sim/random_stream.hpp"

using namespace hcsim;
using models::AgeSchedule;
using models::Frailty;
using models::Sex;

namespace {

// Published onset rates: every condition can start at every adult age, so
// the parts overlap and each combination has several.
models::Parameters parameters_with(const std::string& extra) {
  const std::string text = R"(name: t
seed: 1
replications: 1
population_scale: 0.05
horizon_years: 1
areas:
  - name: A
    population: 1000000
parameters:
  conditions: {onset: published}
)" + extra;
  return models::parse_scenario(text, "<health change>", {}).areas[0].parameters;
}

struct Hazards {
  explicit Hazards(const models::Parameters& p)
      : parameters(p),
        risk(parameters),
        progression(parameters, risk),
        onset(parameters, risk),
        hazard(progression, onset, parameters.frailty.enabled, parameters.conditions.enabled) {}
  // Each part's rate at `age`: the frailty step first, then each condition
  // not held (0 for a part that cannot happen).
  std::array<double, 1 + models::tracked_conditions> parts(Sex sex, Frailty level,
                                                           std::uint8_t held, double age) const {
    std::array<double, 1 + models::tracked_conditions> rates{};
    if (parameters.frailty.enabled && level != Frailty::severe) {
      rates[0] = progression.step_rate(level, sex).at(age);
    }
    for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
      const auto condition = static_cast<models::Condition>(c);
      if ((held & models::condition_bit(condition)) == 0 && parameters.conditions.enabled) {
        rates[c + 1] = onset.rate(condition, sex).at(age);
      }
    }
    return rates;
  }
  models::Parameters parameters;
  models::PersonRisk risk;
  models::FrailtyProgression progression;
  models::ConditionOnset onset;
  models::HealthChangeHazard hazard;
};

}  // namespace

TEST_CASE("health change: the summed hazard is the sum of its parts at every age",
          "[health_change]") {
  for (const std::string& extra :
       {std::string(), std::string("  frailty: {enabled: false}\n")}) {
    const Hazards h(parameters_with(extra));
    for (const Sex sex : {Sex::male, Sex::female}) {
      for (std::uint8_t level = 0; level < 4; ++level) {
        for (std::uint8_t held = 0; held < 16; ++held) {
          const AgeSchedule& total = h.hazard.total(sex, static_cast<Frailty>(level), held);
          for (double age = 0.25; age < 110.0; age += 0.5) {
            const auto parts = h.parts(sex, static_cast<Frailty>(level), held, age);
            double sum = 0.0;
            for (const double part : parts) sum += part;
            INFO("sex " << int(sex) << " level " << int(level) << " held " << int(held)
                        << " age " << age << extra);
            if (total.values.empty()) {
              CHECK(sum == 0.0);
            } else {
              CHECK(total.at(age) == Approx(sum).margin(1e-15));
            }
          }
        }
      }
    }
  }
  SECTION("severe frailty with every condition: nothing can change") {
    const Hazards h(parameters_with(""));
    CHECK(h.hazard.total(Sex::female, Frailty::severe, 15).values.empty());
  }
}

TEST_CASE("health change: the change is chosen by the parts' shares", "[health_change]") {
  const Hazards h(parameters_with(""));
  const Sex sex = Sex::female;
  const Frailty level = Frailty::mild;
  const std::uint8_t held = models::condition_bit(models::Condition::copd);
  const double age = 78.3;
  const AgeSchedule& total = h.hazard.total(sex, level, held);
  const std::size_t band = total.band_of(age);
  const auto parts = h.parts(sex, level, held, age);
  double sum = 0.0;
  for (const double part : parts) sum += part;
  REQUIRE(parts[0] > 0.0);  // a frailty step can come
  REQUIRE(parts[2] == 0.0);  // COPD is held
  constexpr int grid = 100000;
  std::array<int, 5> chosen{};
  for (int i = 0; i < grid; ++i) {
    const double u = (i + 0.5) / grid;
    ++chosen.at(h.hazard.which(sex, level, held, band, age, u));
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i);
    CHECK(chosen[i] / static_cast<double>(grid) == Approx(parts[i] / sum).margin(2.0 / grid));
  }
  SECTION("a part that cannot happen is never chosen, whatever the draw") {
    CHECK(h.hazard.which(sex, level, held, band, age, 0.0) != 2);
    CHECK(h.hazard.which(sex, level, held, band, age, std::nextafter(1.0, 0.0)) != 2);
    const Hazards no_frailty(parameters_with("  frailty: {enabled: false}\n"));
    for (int i = 0; i < 1000; ++i) {
      CHECK(no_frailty.hazard.which(sex, level, held, band, age, (i + 0.5) / 1000) != 0);
    }
  }
}

TEST_CASE("health change: one budget and a share give the law of the earliest of the parts",
          "[health_change]") {
  // From age 70, a person with no condition, moderately frail: the time of
  // the first change and which it is, drawn both ways 200,000 times.
  const Hazards h(parameters_with(""));
  const Sex sex = Sex::male;
  const Frailty level = Frailty::moderate;
  const std::uint8_t held = 0;
  const double age = 70.4;
  const AgeSchedule& total = h.hazard.total(sex, level, held);
  std::array<const AgeSchedule*, 5> schedules{&h.progression.step_rate(level, sex)};
  for (std::size_t c = 0; c < models::tracked_conditions; ++c) {
    schedules[c + 1] = &h.onset.rate(static_cast<models::Condition>(c), sex);
  }
  const sim::RandomStreams streams(20261207, 0);
  boost::random::exponential_distribution<double> exponential(1.0);
  boost::random::uniform_01<double> uniform;
  constexpr int draws = 200000;
  constexpr double horizon = 10.0;  // years: the share of changes within it
  std::array<double, 5> one_way{};
  std::array<double, 5> each_part{};
  double one_way_years = 0.0;
  double each_part_years = 0.0;
  for (int i = 0; i < draws; ++i) {
    auto one = streams.stream(static_cast<std::uint64_t>(i), 1, 0);
    std::size_t band = total.band_of(age);
    const double years = models::years_until_hazard(
        total, age, exponential(one), 1.0, std::numeric_limits<double>::infinity(), &band);
    if (years < horizon) {
      one_way[h.hazard.which(sex, level, held, band, age, uniform(one))] += 1.0;
      one_way_years += years;
    }
    double earliest = std::numeric_limits<double>::infinity();
    std::size_t first = 0;
    for (std::size_t part = 0; part < schedules.size(); ++part) {
      auto own = streams.stream(static_cast<std::uint64_t>(i), 2, part);
      const double part_years = models::years_until_hazard(*schedules[part], age, exponential(own));
      if (part_years < earliest) {
        earliest = part_years;
        first = part;
      }
    }
    if (earliest < horizon) {
      each_part[first] += 1.0;
      each_part_years += earliest;
    }
  }
  double one_way_count = 0.0;
  double each_part_count = 0.0;
  for (std::size_t part = 0; part < 5; ++part) {
    one_way_count += one_way[part];
    each_part_count += each_part[part];
  }
  REQUIRE(each_part_count > 0.2 * draws);
  // Counts agree within four binomial standard deviations of their difference.
  const auto close = [](double a, double b) {
    return std::abs(a - b) <= 4.0 * std::sqrt(a + b) + 1.0;
  };
  CHECK(close(one_way_count, each_part_count));
  for (std::size_t part = 0; part < 5; ++part) {
    INFO("part " << part << ": " << one_way[part] << " one way, " << each_part[part]
                 << " drawing each");
    CHECK(close(one_way[part], each_part[part]));
  }
  CHECK(one_way_years / one_way_count ==
        Approx(each_part_years / each_part_count).epsilon(0.01));
}
