#pragma once
// A period life table from 65: remaining life expectancy computed from the
// deaths and exact person-years at risk observed at each single year of age,
// 65 to 99, and in an open group 100+, as national statistics offices build
// theirs from registered deaths and population estimates.
//
// For each closed year of age x: m_x = deaths / person-years; deaths fall on
// average half way through the year (a_x = 1/2), so q_x = m_x / (1 + m_x / 2)
// and the years lived in it are L_x = l_x (1 - q_x / 2); l_{x+1} = l_x (1 - q_x).
// The open group lives L = l / m (its mean stay is the inverse of its death
// rate). Life expectancy at 65 is the sum of the L over l_65.
#include <array>
#include <cstddef>
#include <span>

namespace hcsim::models {

inline constexpr int life_table_first_age = 65;
inline constexpr int life_table_open_age = 100;
// 65, 66, ..., 99 and 100+.
inline constexpr std::size_t life_table_age_groups =
    static_cast<std::size_t>(life_table_open_age - life_table_first_age + 1);

// The group of a whole age (years) from life_table_first_age on.
[[nodiscard]] constexpr std::size_t life_table_group(int whole_age) noexcept {
  return static_cast<std::size_t>((whole_age < life_table_open_age ? whole_age
                                                                   : life_table_open_age) -
                                  life_table_first_age);
}

using LifeTableColumn = std::array<double, life_table_age_groups>;

// Remaining life expectancy at 65 (years) from deaths and person-years at
// risk by age group.
//
// What a small population may not show is settled so the result is always a
// finite number: a year of age with nobody at risk ends the table there (no
// years are credited beyond the oldest age observed continuously from 65, so
// with nobody at risk at 65 the result is 0); an open group with no deaths
// has no rate to give its stay and adds nothing. Both only shorten the
// table, and neither happens in a population of more than a few thousand
// people aged 65 and over.
[[nodiscard]] double period_life_expectancy(std::span<const double, life_table_age_groups> deaths,
                                            std::span<const double, life_table_age_groups> exposure);

}  // namespace hcsim::models
