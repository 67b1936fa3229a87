#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "models/input_error.hpp"

using hcsim::models::closest_match;
using hcsim::models::Diagnostic;
using hcsim::models::format_number;

TEST_CASE("numbers in messages read as a person would write them", "[input_error]") {
  // Whole numbers in full, however large: pounds of capital, days, beds.
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(23250.0) == "23250");
  CHECK(format_number(1000000.0) == "1000000");
  CHECK(format_number(-7.0) == "-7");
  // Others to six significant figures, without std::to_string's padding.
  CHECK(format_number(0.001) == "0.001");
  CHECK(format_number(1e-05) == "1e-05");
  CHECK(format_number(3296.641318) == "3296.64");
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(1.3) == "1.3");
  CHECK(format_number(730.5) == "730.5");
  // Beyond 1e15 a whole number is no longer printed digit by digit.
  CHECK(format_number(1e20) == "1e+20");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(format_number(std::nan("")) == "nan");
}

TEST_CASE("a diagnostic names file, line, column and key", "[input_error]") {
  Diagnostic diagnostic;
  diagnostic.file = "scenario.yaml";
  diagnostic.line = 12;
  diagnostic.column = 5;
  diagnostic.key_path = "parameters.gp.capacity_per_1000_per_week";
  diagnostic.message = "expected a number >= 0";
  const std::string text = diagnostic.format();
  CHECK_THAT(text, Catch::StartsWith("scenario.yaml:12:5"));
  CHECK_THAT(text, Catch::Contains("parameters.gp.capacity_per_1000_per_week"));
  CHECK_THAT(text, Catch::Contains("expected a number >= 0"));
}

TEST_CASE("a misspelt key is matched to the nearest known one", "[input_error]") {
  CHECK(closest_match("horizon_yeras", {"seed", "horizon_years", "replications"}) ==
        "horizon_years");
  CHECK(closest_match("something_else_entirely", {"seed", "horizon_years"}).empty());
}
