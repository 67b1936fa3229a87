// Who goes without a GP appointment in a shortfall, and what it adds.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/gp_shortfall.hpp"
#include "models/parameters.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::Metric;

namespace {

hcsim::models::GpParameters two_band_gp() {
  hcsim::models::GpParameters gp;
  gp.appointments_per_person_year = {{0.0, 65.0}, {4.0, 12.0}};
  gp.unmet_admission_hazard_ratio = 1.2;
  return gp;
}

hcsim::models::Scenario load(const std::vector<std::string>& set = {}) {
  hcsim::models::ScenarioOverrides overrides;
  overrides.set = set;
  return hcsim::models::load_scenario(std::string(HCSIM_TEST_DATA_DIR) + "/tiny.yaml", overrides);
}

double sum_by_band(const hcsim::models::ReplicationResult& run, std::size_t band, Metric metric) {
  double total = 0.0;
  for (std::size_t a = 0; a < run.areas; ++a) {
    for (std::size_t y = 0; y < run.years; ++y) total += run.value_by_age_band(a, band, metric, y);
  }
  return total;
}

}  // namespace

TEST_CASE("a person asks for an appointment in a cycle as a Poisson process at their age's rate",
          "[gp][shortfall]") {
  const auto gp = two_band_gp();
  const hcsim::models::GpShortfall shortfall(gp, 36.525);  // a tenth of a year
  CHECK(shortfall.asks_probability(30.0) == Approx(1.0 - std::exp(-0.4)));
  CHECK(shortfall.asks_probability(80.0) == Approx(1.0 - std::exp(-1.2)));
}

TEST_CASE("those turned away carry the practice-level excess between them", "[gp][shortfall]") {
  const auto gp = two_band_gp();
  hcsim::models::GpShortfall shortfall(gp, 36.525);
  shortfall.start_cycle(0.25);
  const double young = shortfall.asks_probability(30.0);
  const double old = shortfall.asks_probability(80.0);
  CHECK(shortfall.turned_away_probability(young) == Approx(0.25 * young));
  CHECK(shortfall.highest_turned_away_probability() == Approx(0.25 * old));
  // Nobody sampled yet: no raised hazard.
  CHECK(shortfall.extra_hazard_ratio() == 0.0);
  // Three young people of hazard 0.1 a year and one old of 0.5.
  for (int i = 0; i < 3; ++i) shortfall.add_to_sample(0.1, young);
  shortfall.add_to_sample(0.5, old);
  const double extra = shortfall.extra_hazard_ratio();
  CHECK(extra == Approx(0.2 * 0.8 / (0.3 * young + 0.5 * old)));
  // The expected excess over the sample is that of 1 + u x (HR - 1) on all.
  const double expected_excess = 0.25 * (3 * 0.1 * young + 0.5 * old) * extra;
  CHECK(expected_excess == Approx(0.25 * 0.2 * 0.8));
  // A new cycle starts a new sample.
  shortfall.start_cycle(0.0);
  CHECK(shortfall.highest_turned_away_probability() == 0.0);
  CHECK(shortfall.extra_hazard_ratio() == 0.0);
}

TEST_CASE("at default capacity no one is turned away", "[gp][shortfall]") {
  const auto run = hcsim::models::run_replication(load(), 0);
  CHECK(run.total(Metric::gp_people_turned_away) == 0.0);
  CHECK(run.total(Metric::gp_shortfall_admissions) == 0.0);
}

TEST_CASE("a shortfall falls on people who asked, most of them old, and admits some of them",
          "[gp][shortfall]") {
  const auto base = hcsim::models::run_replication(load(), 0);
  const auto cut = hcsim::models::run_replication(
      load({"parameters.gp.capacity_per_1000_per_week=60"}), 0);
  const double unmet = cut.total(Metric::gp_appointments_unmet);
  const double turned_away = cut.total(Metric::gp_people_turned_away);
  REQUIRE(unmet > 0.0);
  // A person turned away went without at least one appointment, and at the
  // default rates (at most 12.5 a year, monthly cycles) a person asking
  // wants 1 to 1.6 appointments a cycle on average.
  CHECK(turned_away < unmet);
  CHECK(turned_away > 0.55 * unmet);

  // The old ask more often, so more of them are turned away per head.
  const std::size_t oldest = hcsim::models::age_band_count - 1;
  const double old_share = sum_by_band(cut, oldest, Metric::gp_people_turned_away) /
                           sum_by_band(cut, oldest, Metric::person_years);
  const double working_age_share = sum_by_band(cut, 1, Metric::gp_people_turned_away) /
                                   sum_by_band(cut, 1, Metric::person_years);
  CHECK(old_share > 1.5 * working_age_share);

  // The admissions the shortfall added: 1 + u x (HR - 1) on the hazards of
  // people in the community. u about 0.43 here, HR 1.16: some 7% of their
  // admissions; emergency admissions also hold end-of-life admissions and
  // the readmissions of people back home during a cycle, which are not
  // raised, so a little less of the total.
  const double u = unmet / (unmet + cut.total(Metric::gp_appointments));
  const double added = cut.total(Metric::gp_shortfall_admissions);
  const double expected = u * 0.16 * base.total(Metric::emergency_admissions);
  CHECK(added > 0.7 * expected);
  CHECK(added < 1.1 * expected);
  // Every other draw is as without the shortfall, so the admissions it
  // added are the difference, give or take what they changed downstream
  // (readmissions, and councils' budgets responding to the spend).
  const double difference =
      cut.total(Metric::emergency_admissions) - base.total(Metric::emergency_admissions);
  CHECK(difference == Approx(added).epsilon(0.4));
}

TEST_CASE("going without a GP appointment can be made to matter more", "[gp][shortfall]") {
  const auto mild = hcsim::models::run_replication(
      load({"parameters.gp.capacity_per_1000_per_week=60"}), 0);
  const auto strong = hcsim::models::run_replication(
      load({"parameters.gp.capacity_per_1000_per_week=60",
            "parameters.gp.unmet_admission_hazard_ratio=2.6"}),
      0);
  // Much the same people are turned away (the draws do not depend on the
  // ratio, only on who is at home); ten times the excess adds about ten
  // times the admissions.
  CHECK(strong.total(Metric::gp_people_turned_away) ==
        Approx(mild.total(Metric::gp_people_turned_away)).epsilon(0.05));
  CHECK(strong.total(Metric::gp_shortfall_admissions) >
        7.0 * mild.total(Metric::gp_shortfall_admissions));
}

TEST_CASE("a shortfall from the very start adds admissions in the first cycle too",
          "[gp][shortfall]") {
  // One budget cycle a year, no practice capacity at all, no warm-up: the
  // first cycle is the whole run, and everyone asking is turned away. The
  // added admissions are then about u x (HR - 1) = 16% of the rest.
  const std::vector<std::string> set{"window_days=365.25", "warmup_days=0",
                                     "parameters.gp.capacity_per_1000_per_week=0"};
  const auto cut = hcsim::models::run_replication(load(set), 0);
  const double turned_away = cut.total(Metric::gp_people_turned_away);
  CHECK(turned_away > 0.9 * 30000.0);
  const double added = cut.total(Metric::gp_shortfall_admissions);
  const double others = cut.total(Metric::emergency_admissions) - added;
  CHECK(added > 0.10 * others);
  CHECK(added < 0.22 * others);
}
