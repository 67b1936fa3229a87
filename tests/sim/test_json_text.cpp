#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "sim/json_text.hpp"

using hcsim::sim::json_escape;
using hcsim::sim::json_number;

TEST_CASE("JSON strings escape quotes, backslashes and control characters", "[json]") {
  CHECK(json_escape("a\"b\\c\nd\te\r") == "a\\\"b\\\\c\\nd\\te\\r");
  CHECK(json_escape(std::string("x\x01y\x1f", 4)) == "x\\u0001y\\u001f");
  CHECK(json_escape(std::string("nul\0here", 8)) == "nul\\u0000here");
}

TEST_CASE("well-formed UTF-8 passes through, other bytes become U+FFFD", "[json]") {
  // Names from files: "Bristol, North Somerset and South Gloucestershire",
  // "Hywel Dda", "Ynys Môn" (two bytes), the euro sign (three), an emoji (four).
  CHECK(json_escape("Ynys M\xc3\xb4n") == "Ynys M\xc3\xb4n");
  CHECK(json_escape("\xe2\x82\xac 5") == "\xe2\x82\xac 5");
  CHECK(json_escape("\xf0\x9f\x8f\xa5") == "\xf0\x9f\x8f\xa5");
  // Latin-1 "Môn", a lone continuation byte, a sequence cut short at the end.
  CHECK(json_escape("M\xf4n") == "M\\ufffdn");
  CHECK(json_escape("a\x80z") == "a\\ufffdz");
  CHECK(json_escape("end \xe2\x82") == "end \\ufffd\\ufffd");
  // Overlong forms, surrogates and code points beyond U+10FFFF.
  CHECK(json_escape("\xc0\xaf") == "\\ufffd\\ufffd");
  CHECK(json_escape("\xe0\x80\xaf") == "\\ufffd\\ufffd\\ufffd");
  CHECK(json_escape("\xed\xa0\x80") == "\\ufffd\\ufffd\\ufffd");
  CHECK(json_escape("\xf4\x90\x80\x80") == "\\ufffd\\ufffd\\ufffd\\ufffd");
}

TEST_CASE("JSON numbers read back exactly, non-finite ones are null", "[json]") {
  CHECK(json_number(0.1) == "0.1");
  CHECK(json_number(1e-05) == "1e-05");
  CHECK(std::stod(json_number(2.0 / 3.0)) == 2.0 / 3.0);
  CHECK(json_number(std::nan("")) == "null");
  CHECK(json_number(std::numeric_limits<double>::infinity()) == "null");
}
