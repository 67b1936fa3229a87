#pragma once
// A funding regime: the named rule set an area's budgets follow. It decides
// who pays for what (routing) and, at the end of each budget cycle, reads the
// cycle and the budgets and moves the levers the care model obeys next.
//
// Regimes are chosen by name (funding.regime in YAML) from a registry. The
// built-ins are listed once, in funding_regime.cpp; register_funding_regime
// adds others at run time (before scenarios are read, so their names are
// accepted). Each area makes its own regime: regimes may keep state.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/funding/budget_ledger.hpp"
#include "models/funding/levers.hpp"
#include "models/funding/payer.hpp"

namespace hcsim::models {

struct FundingParameters;

class FundingRegime {
 public:
  virtual ~FundingRegime() = default;

  [[nodiscard]] virtual std::string_view name() const = 0;
  // Who bears a cost of `service` that `statutory_payer` bears when budgets
  // are separate. Payers other than the NHS and local authority (self-funders,
  // DWP, unpaid carers, the third sector) are never rerouted.
  [[nodiscard]] virtual Payer payer_for(CareService service, Payer statutory_payer) const = 0;
  // Called at the end of every cycle of a budget year, after the ledger has
  // booked the cycle. `baseline` is the area's configured levers, the point
  // relaxation returns to.
  virtual void on_cycle(const CycleReport& report, BudgetLedger& ledger, FundingLevers& levers,
                        const FundingLevers& baseline) = 0;

 protected:
  FundingRegime() = default;
  FundingRegime(const FundingRegime&) = default;
  FundingRegime& operator=(const FundingRegime&) = default;
};

// Asked for a regime name nobody registered; the message lists the known ones.
class UnknownFundingRegime : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

using FundingRegimeFactory =
    std::function<std::unique_ptr<FundingRegime>(const FundingParameters& parameters)>;

// Adds a regime. Throws std::invalid_argument when the name is empty or taken
// (a built-in cannot be replaced by accident). Thread-safe.
void register_funding_regime(const std::string& name, FundingRegimeFactory factory);
// The registered names, sorted.
[[nodiscard]] std::vector<std::string> funding_regime_names();
[[nodiscard]] bool is_funding_regime(const std::string& name);
// "integrated, pooled, split": the names for messages.
[[nodiscard]] std::string known_funding_regimes();
// The regime `parameters.regime` names, built from `parameters`. Throws
// UnknownFundingRegime for an unregistered name.
[[nodiscard]] std::unique_ptr<FundingRegime> make_funding_regime(
    const FundingParameters& parameters);

}  // namespace hcsim::models
