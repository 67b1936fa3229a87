// Bad parameter values (models/parameters.cpp): each refused with the file,
// line and column of the value, its key path and what was expected.
#include <catch2/catch.hpp>

#include <string>

#include "models/input_error.hpp"
#include "models/scenario.hpp"

using hcsim::models::InputError;
using hcsim::models::parse_scenario;

namespace {

// Eight lines; parameters added after it start on line 9.
const std::string valid = R"(name: test
seed: 3
replications: 2
population_scale: 0.01
horizon_years: 1
areas:
  - name: A
    population: 1000000
)";

std::string errors_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "params.yaml", {});
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("an age-band list with a gap is refused", "[parameters][bad_input]") {
  // Bands starting at 5 leave ages 0-4 in no band.
  const auto from_five = errors_of(valid + R"(parameters:
  discharge:
    care_home_age_band_lower_bounds: [5, 65, 85]
)");
  CHECK_THAT(from_five, Catch::Contains("params.yaml:11:38: parameters.discharge."
                                        "care_home_age_band_lower_bounds: the first age band "
                                        "must start at 0"));
  // A repeated bound is an empty band, and bands out of order overlap.
  const auto repeated = errors_of(valid + R"(parameters:
  emergency_admission:
    age_band_lower_bounds: [0, 20, 40, 40, 75, 85]
)");
  CHECK_THAT(repeated, Catch::Contains("params.yaml:11:28: parameters.emergency_admission."
                                       "age_band_lower_bounds: age band lower bounds must be "
                                       "strictly ascending (band 3 does not start after band 2)"));
}

TEST_CASE("frailty shares that do not sum to 1 are refused", "[parameters][bad_input]") {
  const auto errors = errors_of(valid + R"(parameters:
  frailty:
    split_of_frail: [0.6, 0.3, 0.2]
)");
  CHECK_THAT(errors, Catch::Contains("params.yaml:11:21: parameters.frailty.split_of_frail: the "
                                     "mild, moderate and severe shares must sum to 1 (they sum "
                                     "to 1.1"));
}

TEST_CASE("capital shares above 1 are refused", "[parameters][bad_input]") {
  // The shares between the limits and above the upper one leave the rest
  // below the lower limit, so together they may not pass 1.
  const auto errors = errors_of(valid + R"(parameters:
  social_care:
    capital:
      age_band_lower_bounds: [0, 65]
      between_share: [0.10, 0.50]
      above_upper_share: [0.20, 0.60]
)");
  CHECK_THAT(errors, Catch::Contains("params.yaml:14:26: parameters.social_care.capital."
                                     "above_upper_share: between_share + above_upper_share "
                                     "exceeds 1 in age band 1"));
}

TEST_CASE("age counts that are all zero are refused", "[parameters][bad_input]") {
  const auto errors = errors_of(valid + R"(parameters:
  population:
    age_band_lower_bounds: [0, 65]
    age_counts: [0, 0]
    female_share: [0.5, 0.55]
)");
  CHECK_THAT(errors, Catch::Contains("params.yaml:12:17: parameters.population.age_counts: every "
                                     "age count is 0"));
}
