#pragma once
// Headline statistics of an experiment: for each metric, its total over areas
// and measured years in each replication, summarised across replications.
#include <vector>

#include "models/simulation.hpp"
#include "sim/statistics.hpp"

namespace hcsim::results {

struct MetricSummary {
  models::Metric metric;
  sim::Summary summary;
};

// Throws sim::NumericalError naming the metric when a mean or interval is not
// finite, so no such number reaches the output.
// The summaries are over the runs of one sweep point.
[[nodiscard]] std::vector<MetricSummary> summarise_metrics(const models::ExperimentResult& result,
                                                           std::size_t point = 0);

}  // namespace hcsim::results
