#include "models/distribution_reader.hpp"

#include "models/input_error.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace hcsim::models {

void read_distribution(MapReader& parent, const std::string& key,
                       sim::Distribution& distribution, const Limits& mean_limits) {
  if (!parent.has(key)) {
    parent.accept(key);
    return;
  }
  if (parent.is_list(key)) {
    parent.error(key, "expected a number of days (a fixed duration) or a distribution, such "
                      "as {distribution: gamma, shape: 2, scale: 7}; got a list");
    return;
  }
  if (!parent.is_mapping(key)) {
    // A bare number is a fixed duration, as keys that took only a number did.
    double value = std::nan("");
    parent.number(key, value, mean_limits);
    if (!std::isnan(value)) distribution = sim::Distribution::fixed(value);
    return;
  }
  MapReader reader = parent.map(key);
  std::string family_text(sim::family_name(distribution.family()));
  reader.text("distribution", family_text);
  sim::DistributionFamily family{};
  if (!sim::parse_family(family_text, family)) {
    reader.error("distribution", "expected one of fixed, exponential, gamma, lognormal, "
                                 "weibull, normal, empirical; got '" + family_text + "'");
    // Which parameters belong is unknown without a family: say only that.
    for (const char* name :
         {"value", "mean", "sd", "shape", "scale", "mu", "sigma", "values", "probabilities"}) {
      reader.accept(name);
    }
    reader.finish();
    return;
  }
  const double nan = std::nan("");
  double mean = nan, sd = nan, shape = nan, scale = nan, value = nan, mu = nan, sigma = nan;
  // A parameter given but out of range has been reported where it is; one
  // missing is reported here. A distribution is replaced whole, so an
  // override of one parameter (--set ...sd=5) must give the others too.
  auto require = [&](const char* name, double number) {
    if (std::isnan(number) && !reader.has(name)) {
      reader.error("", std::string("a ") + family_text + " distribution needs '" + name +
                           "' (a distribution is given whole: every parameter of its family)");
    }
    return !std::isnan(number);
  };
  try {
    switch (family) {
      case sim::DistributionFamily::fixed:
        reader.number("value", value, Limits::non_negative("days"));
        if (require("value", value)) distribution = sim::Distribution::fixed(value);
        break;
      case sim::DistributionFamily::exponential:
        reader.number("mean", mean, Limits::positive("days"));
        if (require("mean", mean)) distribution = sim::Distribution::exponential(mean);
        break;
      case sim::DistributionFamily::gamma:
      case sim::DistributionFamily::weibull:
        reader.number("shape", shape, Limits::positive(""));
        reader.number("scale", scale, Limits::positive("days"));
        if (require("shape", shape) && require("scale", scale)) {
          distribution = family == sim::DistributionFamily::gamma
                             ? sim::Distribution::gamma(shape, scale)
                             : sim::Distribution::weibull(shape, scale);
        }
        break;
      case sim::DistributionFamily::lognormal:
        if (reader.has("mu") || reader.has("sigma")) {
          // Both ways at once would leave it unclear which the user meant.
          if (reader.has("mean") || reader.has("sd")) {
            reader.error("", "give a lognormal either by mean and sd or by mu and sigma (of "
                             "its logarithm), not both");
            for (const char* name : {"mean", "sd", "mu", "sigma"}) reader.accept(name);
            break;
          }
          reader.number("mu", mu, Limits::between(-50.0, 50.0, "log days"));
          reader.number("sigma", sigma, {0.0, 20.0, true, "log days"});
          if (require("mu", mu) && require("sigma", sigma)) {
            distribution = sim::Distribution::lognormal_from_log_parameters(mu, sigma);
          }
          break;
        }
        [[fallthrough]];
      case sim::DistributionFamily::normal:
        reader.number("mean", mean, Limits::positive("days"));
        reader.number("sd", sd, Limits::positive("days"));
        if (require("mean", mean) && require("sd", sd)) {
          distribution = family == sim::DistributionFamily::lognormal
                             ? sim::Distribution::lognormal(mean, sd)
                             : sim::Distribution::normal(mean, sd);
        }
        break;
      case sim::DistributionFamily::empirical: {
        std::vector<double> values, probabilities;
        reader.numbers("values", values, Limits::non_negative("days"));
        reader.numbers("probabilities", probabilities, Limits::probability());
        if (values.empty()) {
          reader.error("", "an empirical distribution needs 'values' (a list of durations, "
                           "and optionally 'probabilities', one per value, summing to 1)");
        } else {
          distribution = sim::Distribution::empirical(values, probabilities);
        }
        break;
      }
    }
  } catch (const std::invalid_argument& problem) {
    reader.error("", problem.what());
  }
  if (!mean_limits.allows(distribution.mean())) {
    reader.error("", "its mean (" + format_number(distribution.mean()) + ") must be " +
                         mean_limits.describe());
  }
  reader.finish();
}

}  // namespace hcsim::models
