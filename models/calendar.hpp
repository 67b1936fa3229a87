#pragma once
// Calendar dates as day numbers, for inputs given as dates (a scenario's start
// date, when an intervention starts and ends) while the simulation counts time
// in days from the run start. The conversion is Howard Hinnant's
// days_from_civil (proleptic Gregorian calendar), written out here so the
// result does not depend on the standard library's <chrono> calendar support
// or on any time zone.
#include <optional>
#include <string>
#include <string_view>

namespace hcsim::models {

// A date in the proleptic Gregorian calendar.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..days_in_month(year, month)

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

[[nodiscard]] constexpr bool is_leap_year(int year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
[[nodiscard]] constexpr unsigned days_in_month(int year, unsigned month) noexcept {
  constexpr unsigned lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return lengths[month - 1];
}

// Days since 1970-01-01 (negative before it). The date must be valid.
[[nodiscard]] int day_number(const CivilDate& date) noexcept;
// The date of a day number; the inverse of day_number.
[[nodiscard]] CivilDate civil_date(int day_number) noexcept;

// Parses exactly YYYY-MM-DD (four-digit year, two-digit month and day, a real
// calendar date: no 2026-02-30, no 2025-13-01, nothing before or after) into
// a day number; nullopt for anything else.
[[nodiscard]] std::optional<int> parse_iso_date(std::string_view text) noexcept;

// The day number as YYYY-MM-DD, for messages and output.
[[nodiscard]] std::string format_iso_date(int day_number);

// Days from `from` to `to` (negative when `to` is earlier); nullopt when
// either is not a valid ISO date.
[[nodiscard]] std::optional<int> days_between(std::string_view from, std::string_view to) noexcept;

}  // namespace hcsim::models
