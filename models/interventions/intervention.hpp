#pragma once
// A vanguard-style intervention as data: what kind it is, whom it reaches,
// which areas it covers, when it starts, how fast it ramps up, its effect and
// what it costs whom. The care model asks the interventions covering an area
// (InterventionSet) for the effects in force at each budget-cycle boundary
// and holds them constant through the cycle, so a ramp-up takes effect in
// monthly steps rather than continuously.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/funding/levers.hpp"
#include "models/funding/payer.hpp"
#include "models/interventions/target_group.hpp"

namespace hcsim::models {

// The care models of the 2015-18 new care models programme (vanguards) and
// the older programmes they built on.
enum class InterventionType : std::uint8_t {
  admission_avoidance,            // multispecialty community providers, integrated
                                  // primary and acute care systems
  enhanced_health_in_care_homes,  // in-reach primary care and nursing for residents
  discharge_to_assess,            // assess for long-term care at home, not in a bed
  reablement_capacity,            // more P1 reablement at home after a stay
  self_care,                      // supported self-management of long-term conditions
  community_productivity,         // more visits from the same community staff
};
inline constexpr std::size_t intervention_type_count = 6;
inline constexpr std::array<std::string_view, intervention_type_count> intervention_type_names{
    "admission_avoidance", "enhanced_health_in_care_homes", "discharge_to_assess",
    "reablement_capacity", "self_care", "community_productivity"};

// The levers an intervention can pull, named as in YAML under `effect:`.
enum class EffectKind : std::uint8_t {
  admission_hazard_ratio,  // multiplies the emergency admission hazard of the target group
  length_of_stay_ratio,    // multiplies the hospital length of stay of the target group
  discharge_delay_ratio,   // multiplies waits for assessment and funding decisions
  capacity_change,         // changes a commissioned service's capacity
};
inline constexpr std::size_t effect_kind_count = 4;
inline constexpr std::array<std::string_view, effect_kind_count> effect_kind_names{
    "admission_hazard_ratio", "length_of_stay_ratio", "discharge_delay_ratio", "capacity_change"};

// Which effects each type may carry: a type's mechanism decides which levers
// it can plausibly move, so a scenario cannot, say, give self-care a bed
// capacity change by a slip of the pen.
[[nodiscard]] constexpr bool may_carry(InterventionType type, EffectKind effect) noexcept {
  switch (type) {
    case InterventionType::admission_avoidance:
    case InterventionType::enhanced_health_in_care_homes:
    case InterventionType::self_care:
      return effect == EffectKind::admission_hazard_ratio ||
             effect == EffectKind::length_of_stay_ratio;
    case InterventionType::discharge_to_assess:
      return effect == EffectKind::discharge_delay_ratio || effect == EffectKind::capacity_change;
    case InterventionType::reablement_capacity:
    case InterventionType::community_productivity:
      return effect == EffectKind::capacity_change;
  }
  return false;
}

// The effect a type must carry to do anything at all, when there is exactly
// one such; discharge_to_assess needs either of its two and has none here.
[[nodiscard]] constexpr std::optional<EffectKind> required_effect(InterventionType type) noexcept {
  switch (type) {
    case InterventionType::admission_avoidance:
    case InterventionType::enhanced_health_in_care_homes:
    case InterventionType::self_care:
      return EffectKind::admission_hazard_ratio;
    case InterventionType::reablement_capacity:
    case InterventionType::community_productivity:
      return EffectKind::capacity_change;
    case InterventionType::discharge_to_assess:
      return std::nullopt;
  }
  return std::nullopt;
}

// The one service a capacity-changing type acts on, when it is tied to one.
[[nodiscard]] constexpr std::optional<CommissionedService> fixed_capacity_service(
    InterventionType type) noexcept {
  if (type == InterventionType::reablement_capacity) return CommissionedService::reablement;
  if (type == InterventionType::community_productivity) return CommissionedService::home_care;
  return std::nullopt;
}

struct CapacityChange {
  CommissionedService service = CommissionedService::reablement;
  double relative = 0.0;  // -0.9 .. +10: +0.28 is 28% more capacity
};

// Full effects, reached at the end of the ramp-up. 1 (or no capacity change)
// means the lever is left alone.
struct InterventionEffect {
  double admission_hazard_ratio = 1.0;  // (0, 10]
  double length_of_stay_ratio = 1.0;    // (0, 10]
  double discharge_delay_ratio = 1.0;   // [0, 10]; 0 removes the waits
  std::optional<CapacityChange> capacity_change;
};

struct InterventionCost {
  // Pounds a year for each area covered, at full population scale.
  double per_year = 0.0;
  // Pounds a year for each person in the target group.
  double per_person_per_year = 0.0;
  Payer payer = Payer::nhs;
  // Whether spending grows with the ramp-up. By default it does not: staff
  // are hired and paid before the benefits show, the cautious reading for a
  // return on investment.
  bool follows_ramp_up = false;
};

inline constexpr double days_per_year = 365.25;

struct Intervention {
  std::string name;  // [a-z0-9_]+; results report it as roi_<name>
  InterventionType type = InterventionType::admission_avoidance;
  TargetGroup target;
  std::vector<std::string> areas;  // names of the areas covered; empty = every area
  double start_days = 0.0;         // days from the run start; negative = began before it
  double ramp_up_days = 0.0;       // linear from no effect to full effect; 0 = immediate
  std::optional<double> end_days;  // days from the run start; none = runs to the horizon
  InterventionEffect effect;
  InterventionCost cost;
  std::string source;  // where the effect sizes come from, as the user cites it

  [[nodiscard]] bool covers(std::string_view area) const;

  // Share of the full effect in force at `t` (days from the run start): 0
  // before the start, rising linearly over the ramp-up, 1 after it, 0 again
  // from the end on.
  [[nodiscard]] double ramp(double t) const noexcept;

  // Ramped multipliers, 1 + (ratio - 1) * ramp(t), for a person in the
  // target group (matching is the caller's business, see InterventionSet).
  [[nodiscard]] double admission_hazard_multiplier(double t) const noexcept;
  [[nodiscard]] double length_of_stay_multiplier(double t) const noexcept;
  [[nodiscard]] double discharge_delay_multiplier(double t) const noexcept;
  // Ramped relative change of `service`'s capacity, relative * ramp(t); 0
  // when this intervention does not change that service.
  [[nodiscard]] double capacity_change(CommissionedService service, double t) const noexcept;

  // Whether the intervention moves any lever at all once ramped up.
  [[nodiscard]] bool has_effect() const noexcept;

  // Days of spending over [t0, t1): the days the intervention runs, or, when
  // its cost follows the ramp-up, the integral of ramp(t) over the interval.
  [[nodiscard]] double cost_days(double t0, double t1) const noexcept;
  // Pounds spent over [t0, t1) in one area, given the people in the target
  // group there (counted at the simulated scale) and the population scale
  // that the per-area cost is scaled by.
  [[nodiscard]] double running_cost(double t0, double t1, double targeted_people,
                                    double population_scale) const noexcept;
};

}  // namespace hcsim::models
