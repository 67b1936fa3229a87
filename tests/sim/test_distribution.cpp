#include <catch2/catch.hpp>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <array>
#include <stdexcept>
#include <vector>

#include "sim/distribution.hpp"

using hcsim::sim::Distribution;
using hcsim::sim::RandomStreams;

namespace {

// Three draws from a fixed stream: any change in the generator, the stream
// addressing or the Boost version's algorithm shows up here.
template <class Dist>
std::vector<double> three(Dist distribution) {
  auto stream = RandomStreams(42, 7).stream(11, 22, 33);
  std::vector<double> out;
  for (int i = 0; i < 3; ++i) out.push_back(static_cast<double>(distribution(stream)));
  return out;
}

void check_exact(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == want[i]);
}

double sample_mean(const Distribution& distribution, int n) {
  RandomStreams streams(3, 0);
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    auto stream = streams.stream(static_cast<std::uint64_t>(i), 1, 0);
    sum += distribution.sample(stream);
  }
  return sum / n;
}

}  // namespace

TEST_CASE("Boost.Random distributions over Philox give pinned values", "[distribution][golden]") {
  check_exact(three(boost::random::exponential_distribution<double>(0.5)),
              {0.40402241052712173, 1.624972332820517, 1.8799520261255174});
  check_exact(three(boost::random::gamma_distribution<double>(2.5, 3.0)),
              {7.432543774414734, 9.612633086263326, 5.5775539971508916});
  check_exact(three(boost::random::lognormal_distribution<double>(1.0, 0.75)),
              {2.2259410513756706, 5.3301122748867105, 1.4004296907376321});
  check_exact(three(boost::random::weibull_distribution<double>(1.5, 10.0)),
              {5.0783538312044723, 28.990737307502393, 12.215592948203508});
  check_exact(three(boost::random::normal_distribution<double>(5.0, 2.0)),
              {4.4671460550424511, 6.7956594737669214, 3.2314109639620172});
  check_exact(three(boost::random::bernoulli_distribution<double>(0.3)), {0, 0, 0});
  check_exact(three(boost::random::poisson_distribution<int, double>(4.2)), {3, 10, 5});
  const std::vector<double> weights{1, 2, 3, 4};
  check_exact(three(boost::random::discrete_distribution<int, double>(weights.begin(),
                                                                      weights.end())),
              {3, 3, 3});
}

TEST_CASE("configurable distributions have the means they promise", "[distribution]") {
  // 40,000 draws; tolerances are about 5 standard errors of the sample mean.
  const int n = 40000;
  CHECK(sample_mean(Distribution::exponential(8.0), n) == Approx(8.0).epsilon(0.03));
  CHECK(sample_mean(Distribution::gamma(2.0, 4.0), n) == Approx(8.0).epsilon(0.02));
  CHECK(sample_mean(Distribution::lognormal(8.7, 10.0), n) == Approx(8.7).epsilon(0.04));
  const auto weibull = Distribution::weibull(1.5, 10.0);
  CHECK(sample_mean(weibull, n) == Approx(weibull.mean()).epsilon(0.02));
  const auto normal = Distribution::normal(10.0, 5.0);
  CHECK(sample_mean(normal, n) == Approx(normal.mean()).epsilon(0.02));
  CHECK(normal.mean() > 10.0);  // truncation at zero moves the mean up
  CHECK(sample_mean(Distribution::fixed(3.5), 10) == 3.5);
  const auto empirical = Distribution::empirical({1.0, 5.0, 20.0}, {0.5, 0.3, 0.2});
  CHECK(empirical.mean() == Approx(0.5 + 1.5 + 4.0));
  CHECK(sample_mean(empirical, n) == Approx(empirical.mean()).epsilon(0.03));
  CHECK(Distribution::empirical({2.0, 4.0}).mean() == Approx(3.0));
}

TEST_CASE("an empirical distribution draws only its values, at their frequencies",
          "[distribution]") {
  const auto empirical = Distribution::empirical({1.0, 5.0, 20.0}, {0.5, 0.3, 0.2});
  const RandomStreams streams(3, 0);
  std::array<int, 3> counts{};
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    auto stream = streams.stream(static_cast<std::uint64_t>(i), 2, 0);
    const double value = empirical.sample(stream);
    if (value == 1.0) ++counts[0];
    else if (value == 5.0) ++counts[1];
    else if (value == 20.0) ++counts[2];
    else FAIL("drew " << value << ", not one of the values");
  }
  // About 5 standard errors of a share out of 20,000.
  CHECK(counts[0] / double(n) == Approx(0.5).margin(0.018));
  CHECK(counts[1] / double(n) == Approx(0.3).margin(0.017));
  CHECK(counts[2] / double(n) == Approx(0.2).margin(0.015));
}

TEST_CASE("distributions refuse impossible parameters", "[distribution]") {
  CHECK_THROWS_AS(Distribution::exponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal(-1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::gamma(1.0, -2.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::normal(1.0, 5.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::fixed(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0, 2.0}, {0.5, 0.4}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0, 2.0}, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({-1.0}), std::invalid_argument);
}

TEST_CASE("family names round-trip", "[distribution]") {
  hcsim::sim::DistributionFamily family{};
  for (const char* name : {"fixed", "exponential", "gamma", "lognormal", "weibull", "normal",
                           "empirical"}) {
    REQUIRE(hcsim::sim::parse_family(name, family));
    CHECK(hcsim::sim::family_name(family) == name);
  }
  CHECK_FALSE(hcsim::sim::parse_family("lognormall", family));
}
