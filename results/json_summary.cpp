#include "results/json_summary.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "results/summary.hpp"

namespace hcsim::results {

namespace {

std::string summary_object(const sim::Summary& summary) {
  std::string out = "{\"mean\": " + json_number(summary.mean) + ", \"ci95\": [";
  out += summary.ci95_low ? json_number(*summary.ci95_low) : "null";
  out += ", ";
  out += summary.ci95_high ? json_number(*summary.ci95_high) : "null";
  return out + "]}";
}

std::string metrics_object(const models::RunPlan& plan, const models::ExperimentResult& result,
                           std::size_t point) {
  std::string out = "{";
  bool first = true;
  for (const auto& [metric, summary] : summarise_metrics(result, point)) {
    if (!first) out += ", ";
    first = false;
    out += "\"" + std::string(models::metric_info[models::index_of(metric)].name) + "\": ";
    out += summary_object(summary);
  }
  // Interventions' returns follow, named after them; an undefined one (an
  // intervention that cost nothing has no return per pound) is null.
  for (const auto& named : summarise_intervention_returns(plan, result, point)) {
    out += ", \"" + json_escape(named.name) + "\": ";
    out += named.summary ? summary_object(*named.summary)
                         : std::string("{\"mean\": null, \"ci95\": [null, null]}");
  }
  return out + "}";
}

std::string sweep_object(const models::RunPlan& plan, const models::SweepPoint& point) {
  std::string out = "{";
  for (std::size_t k = 0; k < plan.sweep_keys.size(); ++k) {
    const std::string& assignment = point.assignments[k];
    const std::string value = assignment.substr(assignment.find('=') + 1);
    out += std::string(k ? ", " : "") + "\"" + json_escape(plan.sweep_keys[k]) + "\": ";
    out += std::isfinite(point.values[k]) ? json_number(point.values[k])
                                          : "\"" + json_escape(value) + "\"";
  }
  return out + "}";
}

}  // namespace

std::string json_summary(const models::RunPlan& plan, const models::ExperimentResult& result,
                         double wall_seconds) {
  const models::Scenario& scenario = plan.points.front().scenario;
  std::string out = "{\"scenario\": \"" + json_escape(scenario.name) + "\"";
  out += ", \"replications\": " + std::to_string(plan.replications);
  out += ", \"seed\": " + std::to_string(plan.seed);
  out += ", \"metrics\": " + metrics_object(plan, result, 0);
  out += ", \"events\": " + std::to_string(result.events);
  out += ", \"wall_seconds\": " + json_number(wall_seconds);
  out += ", \"horizon_years\": " + json_number(scenario.horizon_years);
  if (plan.points.size() > 1) {
    out += ", \"sweep_method\": \"" + plan.sweep_method + "\", \"points\": [";
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      out += std::string(p ? ", " : "") + "{\"point\": " + std::to_string(p) +
             ", \"sweep\": " + sweep_object(plan, plan.points[p]) +
             ", \"metrics\": " + metrics_object(plan, result, p) + "}";
    }
    out += "]";
  }
  out += "}";
  return out;
}

std::string json_summary(const models::Scenario& scenario, const models::ExperimentResult& result,
                         double wall_seconds) {
  return json_summary(models::single_point_plan(scenario), result, wall_seconds);
}

}  // namespace hcsim::results
