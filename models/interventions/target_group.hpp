#pragma once
// Who an intervention reaches: an age range, frailty levels, long-term
// conditions, where the person lives and a minimum care need. Every filter
// left empty lets everyone through, so an intervention with no target group
// reaches the whole population of the areas it covers.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

#include "models/person_table.hpp"
#include "models/person_traits.hpp"

namespace hcsim::models {

// The settings a target group may name: where a person lives. Other settings
// (hospital, reablement, ...) are stages of a stay, not a place of residence.
inline constexpr std::size_t target_setting_count = 2;
inline constexpr std::array<std::string_view, target_setting_count> target_setting_names{
    "home", "care_home"};
inline constexpr std::array<Setting, target_setting_count> target_settings{Setting::home,
                                                                           Setting::care_home};

struct TargetGroup {
  // Ages in years, half-open [min_age, max_age) because ages are continuous:
  // "65 to 74" is min_age 65, max_age 75.
  double min_age = 0.0;
  double max_age = std::numeric_limits<double>::infinity();
  // One bit per Frailty level (1 << level); 0 = any level.
  std::uint8_t frailty_mask = 0;
  // Condition bits as in PersonTable conditions; a person matches when they
  // have any of them; 0 = anyone, with or without conditions.
  std::uint8_t condition_mask = 0;
  // One bit per Setting (1 << setting); 0 = any setting.
  std::uint16_t setting_mask = 0;
  CareNeed min_care_need = CareNeed::none;

  // `residence` is where the person lives: Setting::home or
  // Setting::care_home. For a hospital patient pass the setting they were
  // admitted from (PersonTable::care_home_resident tells which); any other
  // setting matches only a group with no setting filter.
  [[nodiscard]] bool matches(double age, Frailty frailty, std::uint8_t conditions,
                             CareNeed care_need, Setting residence) const noexcept;
};

[[nodiscard]] constexpr std::uint8_t frailty_bit(Frailty frailty) noexcept {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(frailty));
}
[[nodiscard]] constexpr std::uint16_t setting_bit(Setting setting) noexcept {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(setting));
}

}  // namespace hcsim::models
