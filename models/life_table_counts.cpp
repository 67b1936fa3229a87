#include "models/life_table_counts.hpp"

#include <algorithm>
#include <cmath>

namespace hcsim::models {

LifeTableCounts::LifeTableCounts(double origin, double period, std::size_t years)
    : origin_(origin),
      end_(origin + period * static_cast<double>(years)),
      deaths_(life_table_sexes * life_table_age_groups, sim::PeriodTotals(origin, period, years)),
      exposure_days_(life_table_sexes * life_table_age_groups,
                     sim::PeriodTotals(origin, period, years)) {}

void LifeTableCounts::count_death(Sex sex, double age, double time) noexcept {
  if (age < static_cast<double>(life_table_first_age)) return;
  const int whole_age = static_cast<int>(
      std::min(std::floor(age), static_cast<double>(life_table_open_age)));
  deaths_[index(sex, life_table_group(whole_age))].add_at(time, 1.0);
}

void LifeTableCounts::add_time_at_risk(Sex sex, double age_at_zero, double from, double to,
                                       double weight) noexcept {
  // Most calls are for people under 65 or outside the measured period:
  // those return here, before any age is worked out.
  const double sixty_fifth_birthday =
      (static_cast<double>(life_table_first_age) - age_at_zero) * sim::days_per_year;
  from = std::max({from, origin_, sixty_fifth_birthday});
  to = std::min(to, end_);
  if (!(to > from)) return;
  // Ages are counted on, birthday by birthday, rather than recomputed from
  // times, so rounding at a birthday can neither skip an age nor repeat one.
  int age = std::max(life_table_first_age,
                     static_cast<int>(std::floor(age_at_zero + from / sim::days_per_year)));
  sim::PeriodTotals* row = &exposure_days_[index(sex, 0)];
  while (from < to) {
    const double next_birthday =
        age >= life_table_open_age
            ? to
            : std::min(to, (static_cast<double>(age + 1) - age_at_zero) * sim::days_per_year);
    if (next_birthday > from) {
      row[life_table_group(age)].integrate(from, next_birthday, weight);
      from = next_birthday;
    }
    ++age;
  }
}

double LifeTableCounts::life_expectancy(Sex sex, std::size_t year) const {
  LifeTableColumn deaths{}, exposure{};
  for (std::size_t group = 0; group < life_table_age_groups; ++group) {
    deaths[group] = this->deaths(sex, group, year);
    exposure[group] = this->exposure(sex, group, year);
  }
  return period_life_expectancy(deaths, exposure);
}

}  // namespace hcsim::models
