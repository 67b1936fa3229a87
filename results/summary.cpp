#include "results/summary.hpp"

#include <cmath>
#include <string>

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

}  // namespace hcsim::results
