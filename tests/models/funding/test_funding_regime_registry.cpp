#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "models/funding/funding_parameters.hpp"

using namespace hcsim::models;

namespace {

// A regime that leaves everything alone, for registering.
class StandStill final : public FundingRegime {
 public:
  [[nodiscard]] std::string_view name() const override { return "stand_still"; }
  [[nodiscard]] Payer payer_for(CareService /*service*/, Payer statutory_payer) const override {
    return statutory_payer;
  }
  void on_cycle(const CycleReport& /*report*/, BudgetLedger& /*ledger*/,
                FundingLevers& /*levers*/, const FundingLevers& /*baseline*/) override {}
};

}  // namespace

TEST_CASE("registry: the built-in regimes are listed by name", "[funding]") {
  const auto names = funding_regime_names();
  for (const char* name : {"split", "pooled", "integrated"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
    FundingParameters parameters;
    parameters.regime = name;
    CHECK(make_funding_regime(parameters)->name() == name);
  }
  CHECK(std::is_sorted(names.begin(), names.end()));
}

TEST_CASE("registry: an unknown name is refused, listing the known ones", "[funding]") {
  FundingParameters parameters;
  parameters.regime = "pooling";
  CHECK_THROWS_AS(make_funding_regime(parameters), UnknownFundingRegime);
  CHECK_THROWS_WITH(make_funding_regime(parameters),
                    Catch::Contains("'pooling'") && Catch::Contains("integrated, pooled, split"));
  CHECK_FALSE(is_funding_regime("pooling"));
}

TEST_CASE("registry: regimes can be added, not replaced", "[funding]") {
  if (!is_funding_regime("stand_still")) {
    register_funding_regime("stand_still", [](const FundingParameters&) {
      return std::make_unique<StandStill>();
    });
  }
  FundingParameters parameters;
  parameters.regime = "stand_still";
  CHECK(make_funding_regime(parameters)->name() == "stand_still");
  CHECK_THROWS_AS(register_funding_regime("split", [](const FundingParameters&) {
                    return std::make_unique<StandStill>();
                  }),
                  std::invalid_argument);
  CHECK_THROWS_AS(register_funding_regime("no_factory", nullptr), std::invalid_argument);
}
