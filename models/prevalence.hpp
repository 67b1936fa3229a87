#pragma once
// Who the year-end prevalence snapshots count as frail or as living with
// multiple long-term conditions, so that the snapshots and the published
// national figures they are set against (validation/national_rows.cpp) say
// the same thing.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "models/person_traits.hpp"

namespace hcsim::models {

// Moderate or severe on the electronic frailty index: the eFI's "frail"
// categories, those whose care need calls for help with personal care.
[[nodiscard]] constexpr bool counts_as_frail(Frailty frailty) noexcept {
  return frailty >= Frailty::moderate;
}

// The bits of PersonTable::conditions that stand for tracked conditions.
inline constexpr std::uint8_t tracked_condition_bits = [] {
  std::uint8_t bits = 0;
  for (std::size_t c = 0; c < tracked_conditions; ++c) {
    bits |= condition_bit(static_cast<Condition>(c));
  }
  return bits;
}();

// Multimorbidity as it is usually published: 4 or more long-term conditions.
inline constexpr int multimorbidity_conditions = 4;

// Whether a person has 4 or more long-term conditions: the tracked ones (one
// bit each) plus the count of others (other_conditions.hpp), as the
// published figures count 4 or more of a longer list. With the count of
// others switched off (conditions.other.enabled: false) it is 0 and this
// means all four tracked conditions, a lower bound on the published figure.
[[nodiscard]] constexpr bool has_multimorbidity(std::uint8_t conditions,
                                                std::uint8_t other_conditions) noexcept {
  // Bits set in each byte, from a table: built for the baseline x86-64,
  // std::popcount is a library call, and every year end asks this of every
  // person 65 or over.
  constexpr auto bits_set = [] {
    std::array<std::uint8_t, 256> table{};
    for (unsigned byte = 0; byte < table.size(); ++byte) {
      table[byte] = static_cast<std::uint8_t>(std::popcount(byte));
    }
    return table;
  }();
  return bits_set[conditions & tracked_condition_bits] + static_cast<int>(other_conditions) >=
         multimorbidity_conditions;
}

}  // namespace hcsim::models
