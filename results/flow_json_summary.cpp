#include "results/flow_json_summary.hpp"

#include "sim/json_text.hpp"

namespace hcsim::results {
namespace {

using sim::json_number;
using sim::json_quoted;

std::string summary_object(const sim::Summary& summary) {
  return "{\"mean\": " + json_number(summary.mean) + ", \"ci95\": [" +
         (summary.ci95_low ? json_number(*summary.ci95_low) : "null") + ", " +
         (summary.ci95_high ? json_number(*summary.ci95_high) : "null") + "]}";
}

std::string number_list(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + json_number(values[i]);
  }
  return out + "]";
}

std::string band_object(const models::DailyBand& band) {
  return "{\"mean\": " + number_list(band.mean) + ", \"q05\": " + number_list(band.q05) +
         ", \"q50\": " + number_list(band.q50) + ", \"q95\": " + number_list(band.q95) + "}";
}

std::string service_object(const models::FlowServiceSpec& service,
                           const models::FlowServiceSummary& summary) {
  std::string out = "{\"name\": " + json_quoted(service.name) +
                    ", \"arrivals_source\": " + json_quoted(service.arrivals_source);
  out += ", \"totals\": {\"mean_occupancy\": " + summary_object(summary.mean_occupancy) +
         ", \"mean_waiting\": " + summary_object(summary.mean_waiting) +
         ", \"waiting_days\": " + summary_object(summary.waiting_days) +
         ", \"arrivals\": " + summary_object(summary.arrivals) +
         ", \"admissions_waited\": " + summary_object(summary.admissions_waited) +
         ", \"total_cost\": " + summary_object(summary.total_cost) + "}";
  out += ", \"daily\": {\"occupancy\": " + band_object(summary.occupancy) +
         ", \"waiting\": " + band_object(summary.waiting) +
         ", \"cost\": " + band_object(summary.cost) + "}}";
  return out;
}

}  // namespace

std::string flow_json_summary(const models::FlowScenario& scenario,
                              const models::FlowScenarioResult& result, double wall_seconds) {
  std::string out = "{\"scenario\": " + json_quoted(scenario.name);
  out += ", \"mode\": " + json_quoted(models::flow_only_mode);
  out += ", \"replications\": " + std::to_string(scenario.replications);
  out += ", \"seed\": " + std::to_string(scenario.seed);
  out += ", \"days\": " + std::to_string(scenario.days);
  out += ", \"services\": [";
  for (std::size_t s = 0; s < scenario.services.size(); ++s) {
    out += (s ? ", " : "") + service_object(scenario.services[s], result.summaries[s]);
  }
  out += "], \"events\": " + std::to_string(result.events);
  out += ", \"wall_seconds\": " + json_number(wall_seconds) + "}";
  return out;
}

}  // namespace hcsim::results
