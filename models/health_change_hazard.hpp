#pragma once
// A person's next change of health, the earliest of a frailty step and the
// onset of each tracked condition they do not have, drawn as one event.
//
// These are competing hazards of age alone (given sex, frailty level and the
// conditions held). The first of them comes at the time the summed hazard
// spends one Exp(1) budget, and it is hazard i with probability h_i / sum h
// at that age: the same law as drawing each hazard's own time and keeping
// the earliest, for one budget walked along one schedule instead of five.
// The summed schedule of every combination is built once per area, on the
// union of the components' age bounds, so each of its bands lies inside one
// band of every component.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/age_schedule.hpp"
#include "models/condition_onset.hpp"
#include "models/frailty_progression.hpp"
#include "models/person_table.hpp"
#include "models/person_traits.hpp"

namespace hcsim::models {

class HealthChangeHazard {
 public:
  // Components left out: frailty steps when `frailty` is false, onsets when
  // `conditions` is false, and any component whose schedule is empty.
  HealthChangeHazard(const FrailtyProgression& progression, const ConditionOnset& onset,
                     bool frailty, bool conditions);

  // The summed hazard of someone of `sex` at `level` holding the conditions
  // whose bits are set in `held` (condition_bit); empty values when nothing
  // can change.
  [[nodiscard]] const AgeSchedule& total(Sex sex, Frailty level,
                                         std::uint8_t held) const noexcept {
    return totals_[index(sex, level, held)];
  }

  // Which change comes, given that it comes in band `band` of total(sex,
  // level, held) at or after `age`, and a uniform draw `u` in [0, 1): 0 for
  // a frailty step, c + 1 for the onset of condition c (the event payload of
  // CareArea::health_change).
  [[nodiscard]] std::uint32_t which(Sex sex, Frailty level, std::uint8_t held, std::size_t band,
                                    double age, double u) const noexcept;

 private:
  static constexpr std::size_t combinations = 2 * 4 * (1u << tracked_conditions);
  [[nodiscard]] static std::size_t index(Sex sex, Frailty level, std::uint8_t held) noexcept {
    return (static_cast<std::size_t>(sex) * 4 + static_cast<std::size_t>(level)) *
               (1u << tracked_conditions) +
           (held & ((1u << tracked_conditions) - 1));
  }
  // The components of a combination, in the order `which` numbers them:
  // the frailty step first (payload 0), then each condition (payload c + 1);
  // nullptr for one that cannot happen.
  [[nodiscard]] std::array<const AgeSchedule*, 1 + tracked_conditions> components(
      Sex sex, Frailty level, std::uint8_t held) const noexcept;

  const FrailtyProgression* progression_;
  const ConditionOnset* onset_;
  bool frailty_;
  bool conditions_;
  std::vector<AgeSchedule> totals_;  // by index()
};

}  // namespace hcsim::models
