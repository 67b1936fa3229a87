#include "models/funding/funding_regime.hpp"

#include <map>
#include <mutex>

#include "models/funding/funding_parameters.hpp"
#include "models/funding/integrated_regime.hpp"
#include "models/funding/pooled_regime.hpp"
#include "models/funding/split_regime.hpp"

namespace hcsim::models {
namespace {

// The built-in regimes, listed explicitly: hcsim_models is a static library,
// and objects that register themselves during static initialisation are
// dropped by the linker when nothing else refers to their file.
struct BuiltIn {
  const char* name;
  std::unique_ptr<FundingRegime> (*make)(const FundingParameters&);
};
constexpr BuiltIn built_in_regimes[] = {
    {"split", make_split_regime},
    {"pooled", make_pooled_regime},
    {"integrated", make_integrated_regime},
};

struct Registry {
  std::mutex mutex;
  std::map<std::string, FundingRegimeFactory, std::less<>> factories;

  Registry() {
    for (const auto& regime : built_in_regimes) factories.emplace(regime.name, regime.make);
  }
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

void register_funding_regime(const std::string& name, FundingRegimeFactory factory) {
  if (name.empty() || !factory) {
    throw std::invalid_argument("a funding regime needs a name and a factory");
  }
  Registry& known = registry();
  const std::lock_guard lock(known.mutex);
  if (!known.factories.emplace(name, std::move(factory)).second) {
    throw std::invalid_argument("a funding regime named '" + name + "' is already registered");
  }
}

std::vector<std::string> funding_regime_names() {
  Registry& known = registry();
  const std::lock_guard lock(known.mutex);
  std::vector<std::string> names;
  for (const auto& entry : known.factories) names.push_back(entry.first);
  return names;
}

bool is_funding_regime(const std::string& name) {
  Registry& known = registry();
  const std::lock_guard lock(known.mutex);
  return known.factories.find(name) != known.factories.end();
}

std::string known_funding_regimes() {
  std::string text;
  for (const auto& name : funding_regime_names()) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::unique_ptr<FundingRegime> make_funding_regime(const FundingParameters& parameters) {
  FundingRegimeFactory factory;
  {
    Registry& known = registry();
    const std::lock_guard lock(known.mutex);
    const auto found = known.factories.find(parameters.regime);
    if (found != known.factories.end()) factory = found->second;
  }
  if (!factory) {
    throw UnknownFundingRegime("unknown funding regime '" + parameters.regime +
                               "'; known regimes: " + known_funding_regimes());
  }
  return factory(parameters);
}

}  // namespace hcsim::models
