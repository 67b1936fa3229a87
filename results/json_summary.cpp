#include "results/json_summary.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "results/summary.hpp"

namespace hcsim::results {

std::string json_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char character : text) {
    const auto c = static_cast<unsigned char>(character);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += character;
        }
    }
  }
  return out;
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string json_summary(const models::Scenario& scenario, const models::ExperimentResult& result,
                         double wall_seconds) {
  std::string out = "{\"scenario\": \"" + json_escape(scenario.name) + "\"";
  out += ", \"replications\": " + std::to_string(scenario.replications);
  out += ", \"seed\": " + std::to_string(scenario.seed);
  out += ", \"metrics\": {";
  bool first = true;
  for (const auto& [metric, summary] : summarise_metrics(result)) {
    if (!first) out += ", ";
    first = false;
    out += "\"" + std::string(models::metric_info[models::index_of(metric)].name) + "\": ";
    out += "{\"mean\": " + json_number(summary.mean) + ", \"ci95\": [";
    out += summary.ci95_low ? json_number(*summary.ci95_low) : "null";
    out += ", ";
    out += summary.ci95_high ? json_number(*summary.ci95_high) : "null";
    out += "]}";
  }
  out += "}";
  out += ", \"events\": " + std::to_string(result.events);
  out += ", \"wall_seconds\": " + json_number(wall_seconds);
  out += ", \"horizon_years\": " + json_number(scenario.horizon_years);
  out += "}";
  return out;
}

}  // namespace hcsim::results
