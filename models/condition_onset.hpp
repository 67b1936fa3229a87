#pragma once
// Onset rates of the tracked long-term conditions, by age and sex.
//
// Two sources, chosen by conditions.onset:
//
// stationary (the default): the rates implied by the prevalence by age band
//   the population is drawn from (conditions.<name>.prevalence), so that the
//   prevalence at each age holds over a run for a closed cohort ageing
//   through the bands. The prevalence is a step function of age, so within a
//   band nobody new needs the condition and at a band's lower bound B its
//   prevalence steps from the band below's p_below to p. The step is taken
//   over the year after B, by the rate
//     ln((1 - p_below) / (1 - p))   (zero where prevalence falls with age),
//   under which the share without the condition falls from 1 - p_below to
//   1 - p in that year. Only the first year of each band then differs from
//   the published prevalence, by half the step on average, and a band's
//   share stays within a twentieth of its step of the published value for
//   ten-year bands. Spreading the step over the whole band (a smooth curve
//   through the band midpoints, as frailty's stationary progression does)
//   would leave the people drawn below the curve there for good: within ten
//   years diabetes at 65-74 would fall from 16% to 12.5% and dementia at 85+
//   from 22% to 19%.
// published: each condition's onset_rate_per_person_year as given, for
//   studying conditions becoming more or less common. The default rates are
//   assumptions that do not hold the prevalence by age at old ages.
//
// When death depends on conditions (mortality.by_frailty_and_conditions),
// people with a condition die faster than those without and its prevalence
// among the living would fall with age; onset then also replaces those
// extra deaths, in both modes. With prevalence p at an age, hazard ratio HR
// and N = 1 - p + p HR its mean ratio at synthesis (person_risk.hpp), people
// with the condition die at mu HR / N and everyone on average at mu, so
// keeping p needs p mu (HR / N - 1) more onsets a year, which among the
// 1 - p without it is a rate of
//   p mu (HR - 1) / N
// added to the rate above. It rises with the Gompertz hazard mu of the sex,
// so is given by sex and in one-year steps where p > 0.
#include <array>

#include "models/age_schedule.hpp"
#include "models/parameters.hpp"
#include "models/person_risk.hpp"
#include "models/person_table.hpp"

namespace hcsim::models {

class ConditionOnset {
 public:
  // population.oldest_age closes the last (open) age band; `risk` says
  // whether death depends on conditions.
  ConditionOnset(const Parameters& parameters, const PersonRisk& risk);

  // Onsets per person-year without the condition; empty values when the
  // condition has no onset rate.
  [[nodiscard]] const AgeSchedule& rate(Condition condition, Sex sex) const noexcept {
    return rates_[static_cast<std::size_t>(sex)][static_cast<std::size_t>(condition)];
  }

 private:
  std::array<std::array<AgeSchedule, tracked_conditions>, 2> rates_;  // by sex, by condition
};

}  // namespace hcsim::models
