#pragma once
// How fast people move up the frailty levels (fit -> mild -> moderate ->
// severe), by age.
//
// Two readings of the evidence, chosen by frailty.progression:
//
// stationary (the default): the rates implied by the starting prevalence by
//   age, so that the share at each level at each age holds over a run (a
//   population with no calendar trend in frailty). Cohort studies of the
//   electronic Frailty Index report onset rates several times higher than
//   the cross-sectional age gradient allows (Walsh et al. 2023: 130 per
//   1,000 a year at 65-74, while prevalence rises by about 16 points from
//   65-74 to 75-84), because coded deficits accumulate in records over
//   follow-up as well as in people. Taken at face value they drive frailty
//   prevalence up by about a tenth a year and, with it, admissions and care
//   demand without limit; the cross-section is the better anchor for a
//   baseline that should reproduce today's activity.
// published_onset: onset_rate_per_person_year for fit -> mild, times
//   step_rate_multiplier for each step: the cohort rates as published, for
//   studying a population growing frailer.
//
// The stationary rates follow from the prevalence curve P(a) (the share
// mild or worse, interpolated linearly between band midpoints) and the
// split s = (mild, moderate, severe) of the frail, held at every age: the
// share at or above level k is P(a) c_k with c = (1, s2 + s3, s3), and with
// no difference in mortality between levels (frailty.mortality_hazard_ratio
// all 1) the flow from level k-1 to k must supply its growth with age:
//   rate_k(a) = c_k P'(a) / share_{k-1}(a),
// share_0 = 1 - P, share_1 = s1 P, share_2 = s2 P; each band takes the mean
// slope and mean prevalence over its ages.
//
// When death depends on frailty (mortality.by_frailty_and_conditions), the
// frail die faster than the fit and the shares above level k lose
//   sum_{j>=k} share_j (h_j(a) - m(a))
// a year to deaths beyond the average, with h_j = mu(a) HR_j / N(a) the
// hazard of level j (mu the Gompertz hazard of the sex, N the mean ratio at
// that age over the synthesis prevalence, person_risk.hpp) and m(a) the mean
// hazard, sum_j share_j h_j. The flow up into level k must replace them too,
// so the rate gets that term over share_{k-1}: it rises with mu, and so is
// given by sex and in one-year steps within each band where anyone is frail.
#include <array>

#include "models/age_schedule.hpp"
#include "models/parameters.hpp"
#include "models/person_risk.hpp"
#include "models/person_table.hpp"

namespace hcsim::models {

class FrailtyProgression {
 public:
  // population.oldest_age closes the last (open) age band; `risk` gives the
  // mortality hazard ratios and their mean by age when death depends on
  // frailty.
  FrailtyProgression(const Parameters& parameters, const PersonRisk& risk);

  // Rate per person-year of the step up from `level` (fit, mild or
  // moderate) by age for `sex`; empty values when frailty is off.
  [[nodiscard]] const AgeSchedule& step_rate(Frailty level, Sex sex) const noexcept {
    return rates_[static_cast<std::size_t>(sex)][static_cast<std::size_t>(level)];
  }

 private:
  std::array<std::array<AgeSchedule, 3>, 2> rates_;  // by sex, by step
};

}  // namespace hcsim::models
