#pragma once
// What the care model knows about a person beyond age and sex: frailty,
// long-term conditions, care need, the means-test capital band and unpaid
// care. Small enums so the person table stays within its hot-state budget.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hcsim::models {

// Electronic Frailty Index categories (Clegg et al., Age and Ageing 2016).
enum class Frailty : std::uint8_t { fit = 0, mild = 1, moderate = 2, severe = 3 };
inline constexpr std::size_t frailty_levels = 4;
inline constexpr std::array<std::string_view, frailty_levels> frailty_names{"fit", "mild",
                                                                            "moderate", "severe"};

// Long-term conditions tracked one by one (bits of PersonTable::conditions);
// any other long-term conditions are only counted
// (PersonTable::other_conditions, models/other_conditions.hpp).
enum class Condition : std::uint8_t { diabetes = 0, copd = 1, heart_failure = 2, dementia = 3 };
inline constexpr std::size_t tracked_conditions = 4;
inline constexpr std::array<std::string_view, tracked_conditions> condition_names{
    "diabetes", "copd", "heart_failure", "dementia"};

[[nodiscard]] constexpr std::uint8_t condition_bit(Condition condition) noexcept {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(condition));
}

// Care need, from frailty and dementia: none; low (help with some
// instrumental activities); moderate (help with personal care: a home-care
// package); high (24-hour or nursing care).
enum class CareNeed : std::uint8_t { none = 0, low = 1, moderate = 2, high = 3 };
inline constexpr std::size_t care_need_levels = 4;
inline constexpr std::array<std::string_view, care_need_levels> care_need_names{
    "none", "low", "moderate", "high"};

// Where a person's capital sits against the Care Act means-test thresholds:
// below the lower limit the local authority pays (less assessed income);
// between the limits the person pays a tariff; above the upper limit the
// person pays in full (a self-funder).
enum class CapitalBand : std::uint8_t { below_lower = 0, between = 1, above_upper = 2 };
inline constexpr std::size_t capital_bands = 3;
inline constexpr std::array<std::string_view, capital_bands> capital_band_names{
    "below_lower", "between", "above_upper"};

template <std::size_t N>
[[nodiscard]] constexpr std::optional<std::size_t> index_of_name(
    const std::array<std::string_view, N>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace hcsim::models
