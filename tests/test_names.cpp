// The suite's own test names, as CTest sees them: catch_discover_tests
// (tests/CMakeLists.txt) turns the names into a CMake list, where a
// semicolon splits a name and an unbalanced square bracket joins every
// later name into one test, so that CTest would run a single test for the
// rest of the suite and report it passed.
#include <catch2/catch.hpp>

#include <string>

namespace {

// Whether the square brackets of `name` pair up, never closing one not opened.
bool brackets_balance(const std::string& name) {
  int open = 0;
  for (const char c : name) {
    if (c == '[') ++open;
    if (c == ']' && --open < 0) return false;
  }
  return open == 0;
}

}  // namespace

TEST_CASE("every test name can be listed by CTest", "[suite]") {
  CHECK(brackets_balance("shares outside [0, 1] are refused"));
  CHECK_FALSE(brackets_balance("a uniform in [0, 1) follows the word"));
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  REQUIRE(tests.size() > 300);
  for (const auto& test : tests) {
    INFO("test name: " << test.name);
    CHECK(brackets_balance(test.name));
    CHECK(test.name.find(';') == std::string::npos);
  }
}
