// The period life table from 65 (models/life_table.hpp) against cases worked
// by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/life_table.hpp"
#include "models/mortality.hpp"
#include "models/parameters.hpp"

using hcsim::models::LifeTableColumn;
using hcsim::models::life_table_age_groups;
using hcsim::models::period_life_expectancy;

TEST_CASE("a constant death rate gives a life expectancy of its inverse", "[life_table]") {
  // With m_x = mu at every age, q = mu / (1 + mu/2), so each closed year has
  // L_x = l_x / (1 + mu/2) and l_{x+1} = r l_x with r = (1 - mu/2) / (1 + mu/2).
  // The 35 closed years sum to (1 - r^35) / mu (a geometric series, since
  // 1 - r = mu / (1 + mu/2)), and the open group lives l_100 / mu = r^35 / mu:
  // in all exactly 1 / mu, whatever the person-years at each age.
  for (const double mu : {0.05, 0.2, 1.0}) {
    LifeTableColumn deaths{}, exposure{};
    double at_risk = 5000.0;
    for (std::size_t group = 0; group < life_table_age_groups; ++group) {
      exposure[group] = at_risk;
      deaths[group] = mu * at_risk;
      at_risk *= 0.93;  // an ageing population thins out
    }
    INFO("mu = " << mu);
    CHECK(period_life_expectancy(deaths, exposure) == Approx(1.0 / mu).epsilon(1e-12));
  }
}

TEST_CASE("a short table worked by hand", "[life_table]") {
  // Age 65: 1 death in 10 person-years, m = 1/10, q = (1/10) / (1 + 1/20) = 2/21,
  // L_65 = 1 - 1/21 = 20/21, l_66 = 19/21.
  // Age 66: 2 deaths in 8 person-years, m = 1/4, q = (1/4) / (1 + 1/8) = 2/9,
  // L_66 = 19/21 x (1 - 1/9) = 152/189.
  // Nobody at risk at 67: the table ends there. e65 = 180/189 + 152/189.
  LifeTableColumn deaths{}, exposure{};
  deaths[0] = 1.0;
  exposure[0] = 10.0;
  deaths[1] = 2.0;
  exposure[1] = 8.0;
  CHECK(period_life_expectancy(deaths, exposure) == Approx(332.0 / 189.0).epsilon(1e-12));

  // People at risk beyond the gap do not count: the table stops at the
  // first year of age nobody was observed at.
  deaths[5] = 1.0;
  exposure[5] = 100.0;
  CHECK(period_life_expectancy(deaths, exposure) == Approx(332.0 / 189.0).epsilon(1e-12));
}

TEST_CASE("life-table edge cases give finite numbers", "[life_table]") {
  LifeTableColumn deaths{}, exposure{};
  // Nobody at risk at 65: nothing observed.
  CHECK(period_life_expectancy(deaths, exposure) == 0.0);

  // A death rate above 2 makes q_65 = 1 (capped): half a year lived at 65.
  deaths[0] = 3.0;
  exposure[0] = 1.0;
  for (std::size_t group = 1; group < life_table_age_groups; ++group) exposure[group] = 1.0;
  CHECK(period_life_expectancy(deaths, exposure) == Approx(0.5));

  // Nobody dies before 100 and nobody dies in the open group: 35 whole years,
  // and the open group, with no rate to give its stay, adds nothing.
  deaths.fill(0.0);
  CHECK(period_life_expectancy(deaths, exposure) == Approx(35.0));
  // One death in the open group's 4 person-years: it adds 4 years.
  deaths[life_table_age_groups - 1] = 1.0;
  exposure[life_table_age_groups - 1] = 4.0;
  CHECK(period_life_expectancy(deaths, exposure) == Approx(39.0));
}

TEST_CASE("the life table of a stationary Gompertz population recovers its e65",
          "[life_table][mortality]") {
  // Deaths and person-years of a stationary population under the default
  // laws (exactly l_x - l_{x+1} and the integral of l over the year of age):
  // what the table gives then differs from the law's own e65 only through
  // a_x = 1/2, which a hazard rising 10% a year makes slightly wrong. That
  // difference (about 0.001 years) is the table's bias in the simulation
  // tests, far below their sampling error.
  const auto parameters = hcsim::models::default_parameters();
  for (const double modal_age :
       {parameters.mortality.modal_age_male, parameters.mortality.modal_age_female}) {
    const hcsim::models::Gompertz law{parameters.mortality.gompertz_slope, modal_age};
    auto survival = [&](double age) { return std::exp(-(law.g(age) - law.g(65.0))); };
    auto person_years = [&](double from, double to) {
      const int steps = 2000;
      const double step = (to - from) / steps;
      double total = 0.0;
      for (int i = 0; i < steps; ++i) total += survival(from + (i + 0.5) * step) * step;
      return total;
    };
    LifeTableColumn deaths{}, exposure{};
    for (std::size_t group = 0; group + 1 < life_table_age_groups; ++group) {
      const double age = 65.0 + static_cast<double>(group);
      deaths[group] = survival(age) - survival(age + 1.0);
      exposure[group] = person_years(age, age + 1.0);
    }
    deaths[life_table_age_groups - 1] = survival(100.0);
    exposure[life_table_age_groups - 1] = person_years(100.0, 160.0);
    INFO("modal age " << modal_age);
    CHECK(std::abs(period_life_expectancy(deaths, exposure) - law.life_expectancy(65.0)) < 0.005);
  }
}
