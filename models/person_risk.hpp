#pragma once
// How frailty, long-term conditions and unmet care need scale a person's
// hazards of emergency admission and death.
//
// The published age-specific admission rates and the life table describe
// whole age groups, frail and fit together. So that they still hold, the
// hazard ratios are divided by their mean over the starting population at
// each age: a person's admission hazard is rate(age) / mean_ratio(age) x
// ratio(person). As frailty spreads over a run, admissions rise with it.
//
// Death outside care homes likewise: Gompertz(age, sex) x mortality_ratio
// (frailty x conditions) / its mean at that age, the mean taken over the
// prevalence of frailty and of each condition by age that the population is
// synthesised from, with frailty and conditions independent. The mean rises
// steeply with age (1.15 at 50-64 to 1.9 at 85+ for frailty alone), so it
// must be taken age by age: one mean over everyone 65+ leaves the young old
// dying too slowly and the oldest too fast. Because stationary frailty
// progression and condition onset replace the extra deaths of the frail and
// the ill (frailty_progression.hpp, condition_onset.hpp), the prevalence and
// so the mean hold over a run, and the mortality of each age is the Gompertz
// law fitted to life expectancy at 65.
#include <array>
#include <cstddef>
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
  // A person's relative hazard of admission: the frailty level's hazard
  // ratio times that of each condition they have, times unmet need's.
  [[nodiscard]] double admission_ratio(Frailty frailty, std::uint8_t conditions,
                                       bool unmet_need) const noexcept {
    return admission_ratios_[2 * ratio_index(frailty, conditions) + (unmet_need ? 1 : 0)];
  }
  // Whether death outside care homes depends on frailty and conditions
  // (mortality.by_frailty_and_conditions, with mortality on).
  [[nodiscard]] bool mortality_by_health() const noexcept { return mortality_by_health_; }
  // A person's relative hazard of death: the frailty level's hazard ratio
  // times that of each condition they have (1 when mortality_by_health is off).
  [[nodiscard]] double mortality_ratio(Frailty frailty, std::uint8_t conditions) const noexcept {
    return mortality_ratios_[ratio_index(frailty, conditions)];
  }
  // 1 / (mean mortality_ratio at each age), by age band: the union of the
  // frailty and condition prevalence bands, within which the mean is constant.
  [[nodiscard]] const AgeSchedule& mortality_scale_by_age() const noexcept {
    return mortality_scale_;
  }
  // The mean relative hazard of death at `age` over the synthesis prevalence.
  [[nodiscard]] double mean_mortality_ratio(double age) const;

  // Shares of each frailty level at `age` at the start.
  [[nodiscard]] std::array<double, frailty_levels> initial_frailty_shares(double age) const;

 private:
  // The ratios from the parameters, multiplied in the order the tables keep.
  [[nodiscard]] double admission_ratio_of(Frailty frailty, std::uint8_t conditions,
                                          bool unmet_need) const noexcept;
  [[nodiscard]] double mortality_ratio_of(Frailty frailty, std::uint8_t conditions) const noexcept;
  static constexpr std::size_t condition_sets = std::size_t{1} << tracked_conditions;
  [[nodiscard]] static std::size_t ratio_index(Frailty frailty, std::uint8_t conditions) noexcept {
    return static_cast<std::size_t>(frailty) * condition_sets + (conditions & (condition_sets - 1));
  }

  const Parameters* parameters_;
  // Both ratios for every frailty level and set of conditions (and need),
  // worked out once: they are read at every admission and death drawn.
  std::array<double, 2 * frailty_levels * condition_sets> admission_ratios_{};
  std::array<double, frailty_levels * condition_sets> mortality_ratios_{};
  AgeSchedule admission_rate_;
  bool mortality_by_health_ = false;
  AgeSchedule mortality_scale_;
};

// Care need from frailty and dementia: the frailty level, one higher with
// dementia, at most high.
[[nodiscard]] constexpr CareNeed care_need_of(Frailty frailty, std::uint8_t conditions) noexcept {
  unsigned level = static_cast<unsigned>(frailty);
  if ((conditions & condition_bit(Condition::dementia)) != 0 && level < 3) ++level;
  return static_cast<CareNeed>(level);
}

}  // namespace hcsim::models
