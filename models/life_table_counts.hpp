#pragma once
// An area's deaths and person-years at risk by sex and age group from 65
// (single years to an open 100+, models/life_table.hpp), per reporting year
// of the measured period: what its period life tables are built from.
//
// Person-years are exact time at risk, split at birthdays and year ends. They
// are credited when a stretch of life is known to be over, at events the area
// has anyway: at a death, for the life up to it; at the end of the run, for
// everyone alive. A person who enters during the measured period has what
// lies before their entry taken off when they enter, so every life is
// credited from the same origin and no entry time need be kept per person.
// Nothing is scheduled and nothing is touched at birthdays.
#include <cstddef>
#include <vector>

#include "models/life_table.hpp"
#include "models/metrics.hpp"
#include "models/person_table.hpp"
#include "sim/period_totals.hpp"
#include "sim/time.hpp"

namespace hcsim::models {

inline constexpr std::size_t life_table_sexes = 2;

// The sex whose life expectancy a life-table metric reports.
[[nodiscard]] constexpr Sex life_table_sex(Metric metric) noexcept {
  return metric == Metric::life_expectancy_at_65_female ? Sex::female : Sex::male;
}

class LifeTableCounts {
 public:
  // Years are [origin + k * period, origin + (k + 1) * period), k < years
  // (days); nothing outside them is counted.
  LifeTableCounts(double origin, double period, std::size_t years);

  // A death at `time` (days) at `age` (years); none under 65.
  void count_death(Sex sex, double age, double time) noexcept;

  // Adds `weight` times the time at risk in [from, to) (days) of a person of
  // `sex` aged `age_at_zero` years at time 0, to the age group they were in
  // at each moment (only from their 65th birthday on).
  void add_time_at_risk(Sex sex, double age_at_zero, double from, double to,
                        double weight) noexcept;

  [[nodiscard]] double deaths(Sex sex, std::size_t group, std::size_t year) const noexcept {
    return deaths_[index(sex, group)].total(year);
  }
  // Person-years at risk.
  [[nodiscard]] double exposure(Sex sex, std::size_t group, std::size_t year) const noexcept {
    return exposure_days_[index(sex, group)].total(year) / sim::days_per_year;
  }
  // Period life expectancy at 65 of this area's `sex` in reporting year `year`.
  [[nodiscard]] double life_expectancy(Sex sex, std::size_t year) const;

 private:
  [[nodiscard]] static std::size_t index(Sex sex, std::size_t group) noexcept {
    return static_cast<std::size_t>(sex) * life_table_age_groups + group;
  }

  double origin_;
  double end_;  // of the last reporting year
  std::vector<sim::PeriodTotals> deaths_;         // [sex][group]
  std::vector<sim::PeriodTotals> exposure_days_;  // [sex][group], person-days
};

}  // namespace hcsim::models
