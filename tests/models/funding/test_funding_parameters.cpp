#include <catch2/catch.hpp>

#include <string>

#include "models/funding/funding_parameters.hpp"

using namespace hcsim::models;

namespace {

// Applies a YAML document's `funding` block onto `parameters`; returns the
// diagnostics, one a line.
std::string apply_text(const std::string& text, FundingParameters& parameters) {
  Diagnostics diagnostics;
  const YAML::Node root = parse_yaml(text, "test.yaml");
  MapReader reader(root, "test.yaml", "", diagnostics);
  MapReader funding = reader.map("funding");
  apply_funding_parameters(funding, parameters);
  funding.finish();
  reader.finish();
  std::string lines;
  for (const auto& diagnostic : diagnostics.items()) lines += diagnostic.format() + "\n";
  return lines;
}

std::string errors_of(const std::string& text) {
  FundingParameters parameters;
  return apply_text(text, parameters);
}

}  // namespace

TEST_CASE("funding parameters: the default block is valid and matches the defaults",
          "[funding]") {
  FundingParameters parameters;
  parameters.regime = "pooled";
  parameters.split.tolerance = 0.3;
  CHECK(apply_text(std::string(funding_defaults_yaml()), parameters).empty());
  CHECK(parameters == FundingParameters{});
}

TEST_CASE("funding parameters: absent keys leave values as they are", "[funding]") {
  FundingParameters parameters;
  CHECK(apply_text(R"(funding:
  regime: integrated
  budgets:
    local_authority: {factor: 0.97}
  split: {tolerance: 0.05}
  means_test: {between_band_capital: 20000}
)", parameters).empty());
  CHECK(apply_text("funding:\n  pooled: {risk_share_nhs: 0.7, contributions: shares}\n", parameters)
            .empty());
  FundingParameters expected;
  expected.regime = "integrated";
  expected.budgets.payers[index_of(Payer::local_authority)].factor = 0.97;
  expected.split.tolerance = 0.05;
  expected.means_test.between_band_capital = 20000.0;
  expected.pooled.risk_share_nhs = 0.7;
  expected.pooled.contributions = PoolContributions::shares;
  CHECK(parameters == expected);
}

TEST_CASE("funding parameters: unknown keys name file, line, key path and a suggestion",
          "[funding][bad_input]") {
  const std::string errors = errors_of("funding:\n  split:\n    tolerence: 0.1\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:3:5") &&
                         Catch::Contains("funding.split.tolerence") &&
                         Catch::Contains("did you mean 'tolerance'"));
  CHECK_THAT(errors_of("funding:\n  budgets:\n    nhs: {factr: 1}\n"),
             Catch::Contains("funding.budgets.nhs.factr") && Catch::Contains("'factor'"));
}

TEST_CASE("funding parameters: shares outside [0, 1] are refused", "[funding][bad_input]") {
  const std::string errors = errors_of("funding:\n  pooled:\n    risk_share_nhs: 1.5\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:3:21") &&
                         Catch::Contains("funding.pooled.risk_share_nhs") &&
                         Catch::Contains("[0, 1]") && Catch::Contains("got 1.5"));
  CHECK_THAT(errors_of("funding:\n  split: {capacity_floor_share: -0.1}\n"),
             Catch::Contains("funding.split.capacity_floor_share"));
}

TEST_CASE("funding parameters: an unknown regime lists the known ones", "[funding][bad_input]") {
  const std::string errors = errors_of("funding:\n  regime: pooling\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:2:11") && Catch::Contains("funding.regime") &&
                         Catch::Contains("integrated, pooled, split"));
}

TEST_CASE("funding parameters: capital limits must be ordered", "[funding][bad_input]") {
  const std::string errors =
      errors_of("funding:\n  means_test:\n    lower_capital: 30000\n    upper_capital: 23250\n");
  CHECK_THAT(errors, Catch::Contains("test.yaml:4:20") &&
                         Catch::Contains("funding.means_test.upper_capital") &&
                         Catch::Contains("below upper_capital"));
  CHECK_THAT(errors_of("funding:\n  means_test: {between_band_capital: 1000}\n"),
             Catch::Contains("funding.means_test.between_band_capital"));
}

TEST_CASE("funding parameters: allocation modes and per-person budgets", "[funding][bad_input]") {
  CHECK_THAT(errors_of("funding:\n  budgets: {allocation: from_warm_up}\n"),
             Catch::Contains("funding.budgets.allocation") &&
                 Catch::Contains("expected one of from_warmup, per_person"));
  CHECK_THAT(errors_of("funding:\n  budgets:\n    allocation: per_person\n"
                       "    nhs: {per_person: 2000}\n"),
             Catch::Contains("local_authority.per_person above 0"));
  FundingParameters parameters;
  CHECK(apply_text("funding:\n  budgets:\n    allocation: per_person\n"
              "    nhs: {per_person: 2000}\n    local_authority: {per_person: 400}\n",
              parameters)
            .empty());
  CHECK(parameters.budgets.allocation == AllocationMode::per_person);
  CHECK_THAT(errors_of("funding:\n  budgets: {run_rate_cycles: 0}\n"),
             Catch::Contains("funding.budgets.run_rate_cycles"));
}
