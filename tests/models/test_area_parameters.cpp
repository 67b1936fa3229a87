// An area's own `parameters:` change that area alone. Areas share nothing
// mutable inside a window, each draws its random numbers keyed by its own
// index, and budgets (split, pooled or integrated) are per area
// (models/simulation.cpp), so an override in one area must leave every
// result of the other the same to the bit.
#include <catch2/catch.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/budget_record.hpp"
#include "models/life_table_counts.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::Metric;
using hcsim::models::ReplicationResult;

namespace {

// Two areas as in tests/data/tiny.yaml, with a warm-up of three budget
// cycles so that budgets are set from spend and their rules run.
std::string two_areas(const std::string& regime, const std::string& northtown,
                      const std::string& southville) {
  return R"(name: area_override
seed: 7
replications: 1
population_scale: 0.1
warmup_days: 92
horizon_years: 1
parameters:
  funding: {regime: )" + regime + R"(}
areas:
  - name: Northtown
    population: 200000
)" + northtown + R"(  - name: Southville
    population: 100000
    care_home_places: 2500
)" + southville;
}

ReplicationResult run(const std::string& text) {
  return hcsim::models::run_replication(
      hcsim::models::parse_scenario(text, "<area override>", {}), 0);
}

// Area `area`'s part of a result laid out [area][...], `per_area` values each.
std::vector<double> slice(const std::vector<double>& values, std::size_t area,
                          std::size_t per_area) {
  REQUIRE(values.size() >= (area + 1) * per_area);
  const auto begin = values.begin() + static_cast<std::ptrdiff_t>(area * per_area);
  return {begin, begin + static_cast<std::ptrdiff_t>(per_area)};
}

// Equal bit for bit (so a NaN equals itself and 0.0 differs from -0.0).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
  }
  return true;
}

// Every result of area `area` in `changed` is the bits of `base`'s.
void check_area_unchanged(const ReplicationResult& base, const ReplicationResult& changed,
                          std::size_t area) {
  namespace m = hcsim::models;
  const std::size_t years = base.years;
  REQUIRE(changed.years == years);
  REQUIRE(changed.cycles == base.cycles);
  CHECK(same_bits(slice(base.values, area, m::metric_count * years),
                  slice(changed.values, area, m::metric_count * years)));
  CHECK(same_bits(
      slice(base.values_by_age_band, area, m::age_band_count * m::age_band_metric_count * years),
      slice(changed.values_by_age_band, area,
            m::age_band_count * m::age_band_metric_count * years)));
  const std::size_t costs = years * m::payer_count * m::care_service_count;
  CHECK(same_bits(slice(base.cost_by_payer_service, area, costs),
                  slice(changed.cost_by_payer_service, area, costs)));
  const std::size_t budget = base.cycles * m::budget_history_fields().size();
  CHECK(same_bits(slice(base.budget_history, area, budget),
                  slice(changed.budget_history, area, budget)));
  const std::size_t life_table = years * m::life_table_sexes * m::life_table_age_groups;
  CHECK(same_bits(slice(base.life_table_deaths, area, life_table),
                  slice(changed.life_table_deaths, area, life_table)));
  CHECK(same_bits(slice(base.life_table_exposure, area, life_table),
                  slice(changed.life_table_exposure, area, life_table)));
  CHECK(changed.facts[area].people == base.facts[area].people);
  CHECK(changed.facts[area].hospital_beds == base.facts[area].hospital_beds);
  CHECK(changed.facts[area].care_home_places == base.facts[area].care_home_places);
  // Not a vacuous match: the area was simulated.
  CHECK(base.value(area, Metric::emergency_admissions, 0) > 0.0);
}

}  // namespace

TEST_CASE("an area's parameter override changes that area and leaves the other's results bit "
          "for bit",
          "[simulation][areas][parameters]") {
  // The budget regimes are where areas might have shared money, so each is
  // tried: under all three the budgets are the area's own.
  for (const std::string regime : {"split", "pooled", "integrated"}) {
    INFO("funding regime " << regime);
    const auto base = run(two_areas(regime, "", ""));

    {
      // Southville admits at 1.5 times England's rate by age: the default rates (models/defaults/england.yaml) times 1.5.
      const auto higher = run(two_areas(regime, "", R"(    parameters:
      emergency_admission:
        rate_per_person_year: [0.0744, 0.07155, 0.1002, 0.2433, 0.3837, 0.6081]
)"));
      check_area_unchanged(base, higher, 0);
      // The same people on the same random numbers: admissions rise by about
      // the factor (readmissions follow the admissions; a stay's time out of
      // risk takes a little off).
      const double before = base.value(1, Metric::emergency_admissions, 0);
      const double after = higher.value(1, Metric::emergency_admissions, 0);
      INFO("Southville admissions " << before << " -> " << after);
      CHECK(after > 1.3 * before);
      CHECK(after < 1.7 * before);
      CHECK(higher.value(1, Metric::bed_days, 0) > base.value(1, Metric::bed_days, 0));
    }

    {
      // Northtown has half England's beds per head: fewer beds, longer waits
      // for one.
      const auto fewer = run(two_areas(regime, R"(    parameters:
      hospital: {beds_per_1000: 0.9038}
)",
                                       ""));
      check_area_unchanged(base, fewer, 1);
      INFO("Northtown beds " << base.facts[0].hospital_beds << " -> "
                             << fewer.facts[0].hospital_beds);
      CHECK(fewer.facts[0].hospital_beds * 2 <= base.facts[0].hospital_beds + 1);
      CHECK(fewer.facts[0].hospital_beds * 2 >= base.facts[0].hospital_beds - 1);
      CHECK(fewer.value(0, Metric::bed_wait_days, 0) > base.value(0, Metric::bed_wait_days, 0));
      CHECK(fewer.value(0, Metric::escalation_bed_days, 0) >
            base.value(0, Metric::escalation_bed_days, 0));
    }
  }
}
