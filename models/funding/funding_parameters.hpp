#pragma once
// The funding block of the parameters: which regime areas follow, how their
// budgets are set, the means test and each regime's rule parameters. Read
// from YAML with file:line diagnostics, onto existing values, so the embedded
// defaults, a scenario and each area can layer their overrides.
#include <memory>
#include <string>
#include <string_view>

#include "models/funding/budget_ledger.hpp"
#include "models/funding/funding_regime.hpp"
#include "models/funding/integrated_regime.hpp"
#include "models/funding/means_test.hpp"
#include "models/funding/pooled_regime.hpp"
#include "models/funding/split_regime.hpp"
#include "models/yaml_reader.hpp"

namespace hcsim::models {

struct FundingParameters {
  // A registered regime name: split | pooled | integrated, or one added with
  // register_funding_regime. Default split: separate NHS and local authority
  // budgets are the usual English arrangement outside pooled funds.
  std::string regime = "split";
  BudgetSettings budgets;
  MeansTestParameters means_test;
  SplitParameters split;
  PooledParameters pooled;
  IntegratedParameters integrated;

  bool operator==(const FundingParameters&) const = default;
};

// Applies the keys present in `reader` (the `funding` mapping) onto
// `parameters`, then checks the result as a whole (capital limits ordered,
// the regime known, per_person budgets given). Absent keys leave values as
// they are, so it may be applied repeatedly. Problems go to the reader's
// diagnostics; the caller calls reader.finish(), as for the other blocks.
void apply_funding_parameters(MapReader& reader, FundingParameters& parameters);

// The default `funding:` block, with the source or assumption of every value,
// for models/defaults/england.yaml. Applying it to FundingParameters{} leaves
// them unchanged (tested).
[[nodiscard]] std::string_view funding_defaults_yaml();

}  // namespace hcsim::models
