#pragma once
// Onset rates of the tracked long-term conditions, by age and sex.
//
// The published onset rates (conditions.<name>.onset_rate_per_person_year)
// were set to roughly hold each condition's prevalence by age. When death
// depends on conditions (mortality.by_frailty_and_conditions), people with a
// condition die faster than those without and its prevalence among the
// living would fall with age; onset then also replaces those extra deaths.
// With prevalence p at an age, hazard ratio HR and N = 1 - p + p HR, people
// with the condition die at mu HR / N and everyone on average at mu, so
// keeping p needs p mu (HR / N - 1) more onsets a year, which among the
// 1 - p without it is a rate of
//   p mu (HR - 1) / N
// added to the published one. It rises with the Gompertz hazard mu of the
// sex, so is given by sex and in one-year steps where p > 0.
#include <array>

#include "models/age_schedule.hpp"
#include "models/parameters.hpp"
#include "models/person_risk.hpp"
#include "models/person_table.hpp"

namespace hcsim::models {

class ConditionOnset {
 public:
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
