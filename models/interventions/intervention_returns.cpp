#include "models/interventions/intervention_returns.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "models/simulation.hpp"

namespace hcsim::models {
namespace {

// Outcomes reported as the amount the intervention avoided.
constexpr std::array<std::pair<const char*, Metric>, 3> avoided_outcomes{{
    {"admissions_avoided", Metric::emergency_admissions},
    {"bed_days_saved", Metric::bed_days},
    {"delayed_discharge_days_avoided", Metric::delayed_discharge_days},
}};

double spend(const ReplicationResult& run, std::size_t area, std::size_t year, std::size_t payer,
             std::size_t service) {
  const std::size_t at =
      ((area * run.years + year) * payer_count + payer) * care_service_count + service;
  return run.cost_by_payer_service[at];
}

// The payers whose budgets fund interventions: the return is on public money.
// People's own spending and carers' time are reported but not counted in it,
// since an intervention that keeps people alive and at home longer adds to
// both, which is a benefit, not a loss of the investment.
bool is_public(Payer payer) {
  return payer == Payer::nhs || payer == Payer::local_authority || payer == Payer::pooled_fund ||
         payer == Payer::dwp;
}

}  // namespace

std::vector<std::string> intervention_return_fields() {
  std::vector<std::string> fields{"cost"};
  for (const auto payer : payer_names) fields.push_back("savings_" + std::string(payer));
  fields.emplace_back("savings");
  fields.emplace_back("savings_public");
  for (const auto& [name, metric] : avoided_outcomes) fields.emplace_back(name);
  fields.emplace_back("roi");
  return fields;
}

std::string intervention_metric_name(const std::string& field, const std::string& name) {
  // "cost" alone would read as a cost metric of the whole run.
  return (field == "cost" ? "intervention_cost" : field) + "_" + name;
}

std::string intervention_return_units(const std::string& field) {
  if (field == "roi") return "GBP per GBP invested, net";
  if (field == "admissions_avoided") return "admissions";
  if (field == "bed_days_saved" || field == "delayed_discharge_days_avoided") return "bed-days";
  return "GBP";
}

bool wants_intervention_returns(const Scenario& scenario) {
  return scenario.intervention_returns && !scenario.interventions.empty();
}

Scenario without_intervention(const Scenario& scenario, std::size_t index) {
  Scenario counterfactual = scenario;
  counterfactual.interventions.erase(counterfactual.interventions.begin() +
                                     static_cast<std::ptrdiff_t>(index));
  for (auto& area : counterfactual.areas) {
    area.interventions = InterventionSet(counterfactual.interventions, area.name);
  }
  return counterfactual;
}

std::vector<char> areas_covered(const Scenario& scenario, std::size_t index) {
  std::vector<char> covered;
  for (const auto& area : scenario.areas) {
    covered.push_back(scenario.interventions.at(index).covers(area.name) ? 1 : 0);
  }
  return covered;
}

void append_intervention_return(const ReplicationResult& with, const ReplicationResult& without,
                                const std::vector<char>& covered, std::vector<double>& out) {
  const std::size_t own = index_of(CareService::intervention);
  double cost = 0.0;
  std::array<double, payer_count> savings{};
  std::array<double, avoided_outcomes.size()> avoided{};
  for (std::size_t area = 0; area < with.areas; ++area) {
    if (!covered[area]) continue;
    for (std::size_t year = 0; year < with.years; ++year) {
      for (std::size_t payer = 0; payer < payer_count; ++payer) {
        // The other interventions run in both, so the difference in
        // intervention spend is this one's cost.
        cost += spend(with, area, year, payer, own) - spend(without, area, year, payer, own);
        for (std::size_t service = 0; service < care_service_count; ++service) {
          if (service == own) continue;
          savings[payer] +=
              spend(without, area, year, payer, service) - spend(with, area, year, payer, service);
        }
      }
      for (std::size_t k = 0; k < avoided_outcomes.size(); ++k) {
        const Metric metric = avoided_outcomes[k].second;
        avoided[k] += without.value(area, metric, year) - with.value(area, metric, year);
      }
    }
  }
  double total = 0.0;
  double public_purse = 0.0;
  out.push_back(cost);
  for (std::size_t payer = 0; payer < payer_count; ++payer) {
    out.push_back(savings[payer]);
    total += savings[payer];
    if (is_public(static_cast<Payer>(payer))) public_purse += savings[payer];
  }
  out.push_back(total);
  out.push_back(public_purse);
  out.insert(out.end(), avoided.begin(), avoided.end());
  out.push_back(cost > 0.0 ? (public_purse - cost) / cost
                           : std::numeric_limits<double>::quiet_NaN());
}

}  // namespace hcsim::models
