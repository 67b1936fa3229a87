#include "results/summary.hpp"

namespace hcsim::results {

std::vector<MetricSummary> summarise_metrics(const models::ExperimentResult& result) {
  std::vector<MetricSummary> summaries;
  std::vector<double> totals(result.replications.size());
  for (std::size_t m = 0; m < models::metric_count; ++m) {
    const auto metric = static_cast<models::Metric>(m);
    for (std::size_t r = 0; r < result.replications.size(); ++r) {
      totals[r] = result.replications[r].total(metric);
    }
    summaries.push_back({metric, sim::summarise(totals)});
  }
  return summaries;
}

}  // namespace hcsim::results
