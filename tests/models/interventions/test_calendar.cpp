#include <catch2/catch.hpp>

#include "models/calendar.hpp"

using hcsim::models::CivilDate;
using hcsim::models::civil_date;
using hcsim::models::day_number;
using hcsim::models::days_between;
using hcsim::models::format_iso_date;
using hcsim::models::parse_iso_date;

TEST_CASE("day numbers count from 1970-01-01", "[interventions][calendar]") {
  CHECK(day_number({1970, 1, 1}) == 0);
  CHECK(day_number({1970, 1, 2}) == 1);
  CHECK(day_number({1969, 12, 31}) == -1);
  // 30 years of which 7 leap (1972 .. 1996): 30 * 365 + 7.
  CHECK(day_number({2000, 1, 1}) == 10957);
  CHECK(day_number({2016, 4, 1}) == 16892);
  CHECK(day_number({1900, 1, 1}) == -25567);
}

TEST_CASE("leap years: every fourth, not centuries, but every fourth century",
          "[interventions][calendar]") {
  CHECK(hcsim::models::is_leap_year(2024));
  CHECK_FALSE(hcsim::models::is_leap_year(2023));
  CHECK(hcsim::models::is_leap_year(2000));
  CHECK_FALSE(hcsim::models::is_leap_year(1900));
  CHECK(*days_between("2000-02-28", "2000-03-01") == 2);
  CHECK(*days_between("1900-02-28", "1900-03-01") == 1);
  CHECK(*days_between("2015-04-01", "2016-04-01") == 366);  // spans 29 February 2016
  CHECK(*days_between("2016-04-01", "2017-04-01") == 365);
  CHECK(*days_between("2017-04-01", "2016-04-01") == -365);
  CHECK(*days_between("2000-01-01", "2100-01-01") == 36525);  // 2000 leap, 2100 not
  CHECK(parse_iso_date("2000-02-29").has_value());
  CHECK(parse_iso_date("2024-02-29").has_value());
  CHECK_FALSE(parse_iso_date("1900-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
}

TEST_CASE("day numbers and dates convert both ways", "[interventions][calendar]") {
  // Every day from 1600 to 2400: consecutive, and back to the same number.
  const int first = day_number({1600, 1, 1});
  const int last = day_number({2400, 12, 31});
  CivilDate previous = civil_date(first - 1);
  for (int day = first; day <= last; ++day) {
    const CivilDate date = civil_date(day);
    REQUIRE(day_number(date) == day);
    const bool next_day_in_month = date.year == previous.year &&
                                   date.month == previous.month && date.day == previous.day + 1;
    const bool new_year = date.month == 1 && previous.month == 12 && date.year == previous.year + 1;
    const bool first_of_next_month =
        date.day == 1 && (date.month == previous.month + 1 || new_year);
    REQUIRE((next_day_in_month || first_of_next_month));
    REQUIRE(date.day <= hcsim::models::days_in_month(date.year, date.month));
    previous = date;
  }
  CHECK(civil_date(-1) == CivilDate{1969, 12, 31});
  CHECK(format_iso_date(16892) == "2016-04-01");
  CHECK(format_iso_date(day_number({812, 3, 5})) == "0812-03-05");
}

TEST_CASE("ISO dates are parsed strictly", "[interventions][calendar]") {
  CHECK(parse_iso_date("2016-04-01") == 16892);
  for (const char* bad :
       {"2026-02-30", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31", "2025-1-01",
        "2025-01-1", "2025/01/01", "20250101", "2025-01-01x", " 2025-01-01", "2025-01-01 ",
        "abcd-ef-gh", "2025-0a-01", "+025-01-01", "-025-01-01", "", "2025-01-01T00:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_date(bad).has_value());
  }
  CHECK_FALSE(days_between("2025-01-01", "2025-02-30").has_value());
  CHECK_FALSE(days_between("junk", "2025-01-01").has_value());
}
