#include "results/summary.hpp"

#include <cmath>
#include <string>

#include "models/interventions/intervention_returns.hpp"
#include "sim/run_control.hpp"

namespace hcsim::results {

std::vector<MetricSummary> summarise_metrics(const models::ExperimentResult& result,
                                            std::size_t point) {
  std::vector<MetricSummary> summaries;
  const auto runs = result.runs_of(point);
  std::vector<double> totals(runs.size());
  for (std::size_t m = 0; m < models::metric_count; ++m) {
    const auto metric = static_cast<models::Metric>(m);
    for (std::size_t r = 0; r < runs.size(); ++r) totals[r] = runs[r]->total(metric);
    const sim::Summary summary = sim::summarise(totals);
    const bool finite = std::isfinite(summary.mean) && std::isfinite(summary.standard_deviation) &&
                        std::isfinite(summary.ci95_low.value_or(0.0)) &&
                        std::isfinite(summary.ci95_high.value_or(0.0));
    if (!finite) {
      throw sim::NumericalError(std::string("the summary of ") +
                                std::string(models::metric_info[m].name) + " over the runs of point " +
                                std::to_string(point) + " is not a finite number");
    }
    summaries.push_back({metric, summary});
  }
  return summaries;
}

std::vector<NamedSummary> summarise_intervention_returns(const models::RunPlan& plan,
                                                         const models::ExperimentResult& result,
                                                         std::size_t point) {
  std::vector<NamedSummary> summaries;
  const models::Scenario& scenario = plan.points.at(point).scenario;
  if (!models::wants_intervention_returns(scenario)) return summaries;
  const auto fields = models::intervention_return_fields();
  const auto runs = result.runs_of(point);
  for (std::size_t i = 0; i < scenario.interventions.size(); ++i) {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      std::vector<double> values;
      bool defined = true;
      for (const auto* run : runs) {
        const std::size_t at = i * fields.size() + f;
        const double value =
            at < run->intervention_returns.size() ? run->intervention_returns[at] : std::nan("");
        defined = defined && std::isfinite(value);
        values.push_back(value);
      }
      NamedSummary named{models::intervention_metric_name(fields[f], scenario.interventions[i].name),
                         models::intervention_return_units(fields[f]), std::nullopt};
      if (defined && !values.empty()) named.summary = sim::summarise(values);
      summaries.push_back(std::move(named));
    }
  }
  return summaries;
}

}  // namespace hcsim::results
