#pragma once
// How frailty, long-term conditions and unmet care need scale a person's
// hazards of emergency admission and death.
//
// The published age-specific admission rates and the life table describe
// whole age groups, frail and fit together. So that they still hold, the
// hazard ratios are divided by their mean over the starting population at
// each age: a person's admission hazard is rate(age) / mean_ratio(age) x
// ratio(person). As frailty spreads over a run, admissions rise with it.
#include <cstdint>

#include "models/age_schedule.hpp"
#include "models/parameters.hpp"
#include "models/person_traits.hpp"

namespace hcsim::models {

class PersonRisk {
 public:
  explicit PersonRisk(const Parameters& parameters);

  // The admission rate per person-year for a person whose ratio is 1: the
  // calibrated rate over the mean ratio at each age.
  [[nodiscard]] const AgeSchedule& admission_rate_per_unit_ratio() const noexcept {
    return admission_rate_;
  }
  [[nodiscard]] double admission_ratio(Frailty frailty, std::uint8_t conditions,
                                       bool unmet_need) const noexcept;
  // Death hazard multiplier (outside care homes), normalised over the
  // starting population aged 65+ where most deaths fall.
  [[nodiscard]] double mortality_ratio(Frailty frailty) const noexcept {
    return mortality_ratio_[static_cast<std::size_t>(frailty)];
  }

  // Shares of each frailty level at `age` at the start.
  [[nodiscard]] std::array<double, frailty_levels> initial_frailty_shares(double age) const;

 private:
  const Parameters* parameters_;
  AgeSchedule admission_rate_;
  std::array<double, frailty_levels> mortality_ratio_{1.0, 1.0, 1.0, 1.0};
};

// Care need from frailty and dementia: the frailty level, one higher with
// dementia, at most high.
[[nodiscard]] constexpr CareNeed care_need_of(Frailty frailty, std::uint8_t conditions) noexcept {
  unsigned level = static_cast<unsigned>(frailty);
  if ((conditions & condition_bit(Condition::dementia)) != 0 && level < 3) ++level;
  return static_cast<CareNeed>(level);
}

}  // namespace hcsim::models
