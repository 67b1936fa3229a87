#pragma once
// A configurable probability distribution for durations and counts, sampled
// with Boost.Random over a RandomStream. Scenarios name a family and give its
// parameters in the user's terms (for example a lognormal by mean and standard
// deviation, as published length-of-stay figures are), and every family can
// stand in for another so a model reduces to textbook cases for validation.
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/random_stream.hpp"

namespace hcsim::sim {

enum class DistributionFamily { fixed, exponential, gamma, lognormal, weibull, normal, empirical };

[[nodiscard]] std::string_view family_name(DistributionFamily family) noexcept;

// Returns false when `name` is not a family; `family` is then unchanged.
bool parse_family(std::string_view name, DistributionFamily& family) noexcept;

class Distribution {
 public:
  // Constructors validate their parameters and throw std::invalid_argument
  // with a message in the user's terms.
  static Distribution fixed(double value);
  static Distribution exponential(double mean);
  static Distribution gamma(double shape, double scale);
  static Distribution lognormal(double mean, double standard_deviation);
  // A lognormal given by the parameters of its logarithm (mu, sigma), as
  // length-of-stay models publish them: median exp(mu), mean
  // exp(mu + sigma^2 / 2).
  static Distribution lognormal_from_log_parameters(double mu, double sigma);
  static Distribution weibull(double shape, double scale);
  // Normal truncated at zero by rejection (durations cannot be negative).
  static Distribution normal(double mean, double standard_deviation);
  // Observed values, each drawn with its probability (equal when none are
  // given): a published or locally measured distribution of stays taken as
  // it is, with no family fitted to it.
  static Distribution empirical(std::vector<double> values, std::vector<double> probabilities = {});

  [[nodiscard]] DistributionFamily family() const noexcept { return family_; }
  [[nodiscard]] double mean() const noexcept { return mean_; }
  [[nodiscard]] std::string describe() const;

  [[nodiscard]] double sample(RandomStream& stream) const;

 private:
  // Values and their cumulative probabilities, shared between copies.
  struct EmpiricalTable {
    std::shared_ptr<const std::vector<double>> values;
    std::shared_ptr<const std::vector<double>> cumulative;
  };
  using Sampler =
      std::variant<double, EmpiricalTable, boost::random::exponential_distribution<double>,
                   boost::random::gamma_distribution<double>,
                   boost::random::lognormal_distribution<double>,
                   boost::random::weibull_distribution<double>,
                   boost::random::normal_distribution<double>>;

  Distribution(DistributionFamily family, double mean, Sampler sampler)
      : family_(family), mean_(mean), sampler_(sampler) {}

  DistributionFamily family_;
  double mean_;
  Sampler sampler_;
};

}  // namespace hcsim::sim
