#pragma once
// Headline statistics of an experiment: for each metric, its total over areas
// and measured years in each replication, summarised across replications.
#include <optional>
#include <string>
#include <vector>

#include "models/run_plan.hpp"
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

// A measure named at run time: one field of one intervention's return
// (roi_<name>, savings_nhs_<name>, ...), summarised over the runs of a point.
struct NamedSummary {
  std::string name;
  std::string unit;
  // Empty where the value is undefined in some run: the return on an
  // intervention that cost nothing.
  std::optional<sim::Summary> summary;
};

// Every intervention's return fields, intervention by intervention; empty
// when the point's scenario measured none.
[[nodiscard]] std::vector<NamedSummary> summarise_intervention_returns(
    const models::RunPlan& plan, const models::ExperimentResult& result, std::size_t point = 0);

}  // namespace hcsim::results
