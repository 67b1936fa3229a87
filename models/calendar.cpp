#include "models/calendar.hpp"

#include <cstdio>

namespace hcsim::models {
namespace {

// Shifting the year to start on 1 March puts the leap day last, so a day's
// position in the shifted year does not depend on whether the year is leap.
// Eras are 400-year cycles of exactly 146,097 days; 719,468 is the day of
// 1970-01-01 counted from 0000-03-01.
constexpr int days_per_era = 146097;
constexpr int epoch_offset = 719468;

// The value of `count` digits at `text[first]`, or -1 when any is not a digit.
int digits(std::string_view text, std::size_t first, std::size_t count) noexcept {
  int value = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

int day_number(const CivilDate& date) noexcept {
  const int year = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);  // [0, 399]
  const unsigned shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;  // March = 0
  const unsigned day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;        // [0, 365]
  const unsigned day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * days_per_era + static_cast<int>(day_of_era) - epoch_offset;
}

CivilDate civil_date(int day_number) noexcept {
  const int shifted = day_number + epoch_offset;
  const int era = (shifted >= 0 ? shifted : shifted - (days_per_era - 1)) / days_per_era;
  const auto day_of_era = static_cast<unsigned>(shifted - era * days_per_era);  // [0, 146096]
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;               // March = 0
  CivilDate date;
  date.day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  date.month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  date.year = static_cast<int>(year_of_era) + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

std::optional<int> parse_iso_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = digits(text, 0, 4);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  if (year < 0 || month < 1 || day < 1) return std::nullopt;
  const auto month_number = static_cast<unsigned>(month);
  const auto day_of_month = static_cast<unsigned>(day);
  if (day_of_month > days_in_month(year, month_number)) return std::nullopt;  // also month > 12
  return day_number({year, month_number, day_of_month});
}

std::string format_iso_date(int day_number) {
  const CivilDate date = civil_date(day_number);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", date.year, date.month, date.day);
  return text;
}

std::optional<int> days_between(std::string_view from, std::string_view to) noexcept {
  const auto first = parse_iso_date(from);
  const auto second = parse_iso_date(to);
  if (!first || !second) return std::nullopt;
  return *second - *first;
}

}  // namespace hcsim::models
