#include "sim/distribution.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace hcsim::sim {
namespace {

void require_positive(double value, const char* what) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    std::ostringstream message;
    message << what << " must be a positive finite number, got " << value;
    throw std::invalid_argument(message.str());
  }
}

}  // namespace

std::string_view family_name(DistributionFamily family) noexcept {
  switch (family) {
    case DistributionFamily::fixed: return "fixed";
    case DistributionFamily::exponential: return "exponential";
    case DistributionFamily::gamma: return "gamma";
    case DistributionFamily::lognormal: return "lognormal";
    case DistributionFamily::weibull: return "weibull";
    case DistributionFamily::normal: return "normal";
    case DistributionFamily::empirical: return "empirical";
  }
  return "unknown";
}

bool parse_family(std::string_view name, DistributionFamily& family) noexcept {
  for (auto candidate : {DistributionFamily::fixed, DistributionFamily::exponential,
                         DistributionFamily::gamma, DistributionFamily::lognormal,
                         DistributionFamily::weibull, DistributionFamily::normal,
                         DistributionFamily::empirical}) {
    if (family_name(candidate) == name) {
      family = candidate;
      return true;
    }
  }
  return false;
}

Distribution Distribution::fixed(double value) {
  if (!(value >= 0.0) || !std::isfinite(value)) {
    throw std::invalid_argument("a fixed value must be a non-negative finite number");
  }
  return {DistributionFamily::fixed, value, value};
}

Distribution Distribution::exponential(double mean) {
  require_positive(mean, "the exponential mean");
  return {DistributionFamily::exponential, mean,
          boost::random::exponential_distribution<double>(1.0 / mean)};
}

Distribution Distribution::gamma(double shape, double scale) {
  require_positive(shape, "the gamma shape");
  require_positive(scale, "the gamma scale");
  return {DistributionFamily::gamma, shape * scale,
          boost::random::gamma_distribution<double>(shape, scale)};
}

Distribution Distribution::lognormal(double mean, double standard_deviation) {
  require_positive(mean, "the lognormal mean");
  require_positive(standard_deviation, "the lognormal standard deviation");
  // Boost's lognormal takes (m, s) of the underlying normal.
  const double variance_ratio = 1.0 + (standard_deviation * standard_deviation) / (mean * mean);
  const double s = std::sqrt(std::log(variance_ratio));
  const double m = std::log(mean) - 0.5 * s * s;
  return {DistributionFamily::lognormal, mean,
          boost::random::lognormal_distribution<double>(m, s)};
}

Distribution Distribution::lognormal_from_log_parameters(double mu, double sigma) {
  if (!std::isfinite(mu) || !(sigma > 0.0) || !std::isfinite(sigma)) {
    throw std::invalid_argument("a lognormal needs a finite mu and a positive finite sigma");
  }
  // Through the mean and standard deviation, as every lognormal is built, so
  // a stay given either way samples the same bits.
  const double mean = std::exp(mu + 0.5 * sigma * sigma);
  const double standard_deviation = mean * std::sqrt(std::expm1(sigma * sigma));
  return lognormal(mean, standard_deviation);
}

Distribution Distribution::weibull(double shape, double scale) {
  require_positive(shape, "the weibull shape");
  require_positive(scale, "the weibull scale");
  return {DistributionFamily::weibull, scale * std::tgamma(1.0 + 1.0 / shape),
          boost::random::weibull_distribution<double>(shape, scale)};
}

Distribution Distribution::normal(double mean, double standard_deviation) {
  require_positive(mean, "the normal mean");
  require_positive(standard_deviation, "the normal standard deviation");
  if (mean < standard_deviation) {
    // Truncation at zero would then move the mean far from what was asked.
    throw std::invalid_argument(
        "the normal mean must be at least one standard deviation above zero");
  }
  // Report the mean of the truncated distribution, which is what sampling gives:
  // mean + sd * phi(a) / (1 - Phi(a)) with a = -mean / sd.
  const double a = -mean / standard_deviation;
  const double density = std::exp(-0.5 * a * a) / std::sqrt(2.0 * 3.14159265358979323846);
  const double survival = 0.5 * std::erfc(a / std::sqrt(2.0));
  return {DistributionFamily::normal, mean + standard_deviation * density / survival,
          boost::random::normal_distribution<double>(mean, standard_deviation)};
}

Distribution Distribution::empirical(std::vector<double> values,
                                     std::vector<double> probabilities) {
  if (values.empty()) throw std::invalid_argument("an empirical distribution needs values");
  for (const double value : values) {
    if (!(value >= 0.0) || !std::isfinite(value)) {
      throw std::invalid_argument("empirical values must be non-negative finite numbers");
    }
  }
  if (probabilities.empty()) probabilities.assign(values.size(), 1.0 / static_cast<double>(values.size()));
  if (probabilities.size() != values.size()) {
    throw std::invalid_argument("an empirical distribution needs one probability per value (" +
                                std::to_string(values.size()) + " values, " +
                                std::to_string(probabilities.size()) + " probabilities)");
  }
  double total = 0.0;
  double mean = 0.0;
  std::vector<double> cumulative;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(probabilities[i] >= 0.0) || !(probabilities[i] <= 1.0)) {
      throw std::invalid_argument("empirical probabilities must lie in [0, 1]");
    }
    total += probabilities[i];
    mean += probabilities[i] * values[i];
    cumulative.push_back(total);
  }
  if (std::abs(total - 1.0) > 1e-6) {
    std::ostringstream message;
    message << "empirical probabilities must sum to 1, got " << total;
    throw std::invalid_argument(message.str());
  }
  // The last step is 1 exactly, so every uniform draw finds a value.
  cumulative.back() = 1.0;
  return {DistributionFamily::empirical, mean,
          EmpiricalTable{std::make_shared<const std::vector<double>>(std::move(values)),
                         std::make_shared<const std::vector<double>>(std::move(cumulative))}};
}

std::string Distribution::describe() const {
  std::ostringstream out;
  out << family_name(family_) << "(mean " << mean_ << ")";
  return out.str();
}

double Distribution::sample(RandomStream& stream) const {
  return std::visit(
      [&stream](const auto& sampler) -> double {
        using Kind = std::decay_t<decltype(sampler)>;
        if constexpr (std::is_same_v<Kind, double>) {
          return sampler;
        } else if constexpr (std::is_same_v<Kind, EmpiricalTable>) {
          const double u = boost::random::uniform_01<double>()(stream);
          const auto& cumulative = *sampler.cumulative;
          const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u);
          const auto index = std::min<std::size_t>(
              static_cast<std::size_t>(at - cumulative.begin()), cumulative.size() - 1);
          return (*sampler.values)[index];
        } else if constexpr (std::is_same_v<Kind,
                                            boost::random::normal_distribution<double>>) {
          auto copy = sampler;
          for (;;) {
            const double value = copy(stream);
            if (value >= 0.0) return value;
          }
        } else {
          auto copy = sampler;  // Boost samplers may cache state; keep draws independent
          return copy(stream);
        }
      },
      sampler_);
}

}  // namespace hcsim::sim
