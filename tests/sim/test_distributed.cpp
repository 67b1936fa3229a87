#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "sim/distributed.hpp"

using hcsim::sim::partition_in_order;

namespace {

std::vector<double> load_of_parts(const std::vector<double>& weights, const std::vector<int>& owner,
                                  int parts) {
  std::vector<double> load(static_cast<std::size_t>(parts), 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    load.at(static_cast<std::size_t>(owner[i])) += weights[i];
  }
  return load;
}

}  // namespace

TEST_CASE("a partition in order gives each part consecutive items", "[distributed]") {
  const std::vector<double> weights{5, 1, 8, 2, 2, 9, 3, 3, 1, 7, 4, 6};
  for (int parts = 1; parts <= 5; ++parts) {
    const auto owner = partition_in_order(weights, parts);
    REQUIRE(owner.size() == weights.size());
    CHECK(owner.front() == 0);
    CHECK(owner.back() == parts - 1);
    for (std::size_t i = 1; i < owner.size(); ++i) {
      INFO("parts " << parts << ", item " << i);
      CHECK((owner[i] == owner[i - 1] || owner[i] == owner[i - 1] + 1));
    }
  }
}

TEST_CASE("a partition in order is within the heaviest item of an even share", "[distributed]") {
  // Uneven weights like areas of different sizes, several runs of them.
  std::vector<double> weights;
  for (int run = 0; run < 3; ++run) {
    for (const double people : {5300.0, 900.0, 2100.0, 4000.0, 1200.0, 3100.0, 700.0}) {
      weights.push_back(people);
    }
  }
  const double heaviest = *std::max_element(weights.begin(), weights.end());
  double total = 0.0;
  for (const double weight : weights) total += weight;
  for (const int parts : {2, 3, 4, 7}) {
    const auto load = load_of_parts(weights, partition_in_order(weights, parts), parts);
    for (const double part : load) {
      INFO("parts " << parts);
      CHECK(std::abs(part - total / parts) <= heaviest);
      CHECK(part > 0.0);
    }
  }
}

TEST_CASE("equal items split into equal parts at item boundaries", "[distributed]") {
  // A plan of 32 equal runs of 4 equal areas over 2 ranks: 16 runs each.
  const std::vector<double> weights(128, 1000.0);
  const auto owner = partition_in_order(weights, 2);
  CHECK(std::count(owner.begin(), owner.end(), 0) == 64);
  CHECK(owner[63] == 0);
  CHECK(owner[64] == 1);
}

TEST_CASE("a partition of weightless items goes by count", "[distributed]") {
  const auto owner = partition_in_order(std::vector<double>(6, 0.0), 3);
  CHECK(owner == std::vector<int>{0, 0, 1, 1, 2, 2});
  CHECK(partition_in_order({}, 3).empty());
  // More parts than items: some parts get nothing, nothing is lost.
  const auto few = partition_in_order({1.0, 1.0}, 4);
  CHECK(few == std::vector<int>{1, 3});
}

TEST_CASE("on_every_rank rethrows a failure after its clean-up, and runs none without",
          "[distributed]") {
  const auto& world = hcsim::sim::Distributed::current();
  int cleaned = 0;
  int worked = 0;
  world.on_every_rank([&] { ++worked; }, [&] { ++cleaned; });
  CHECK(worked == 1);
  CHECK(cleaned == 0);
  CHECK_THROWS_WITH(world.on_every_rank([] { throw std::runtime_error("bad area"); },
                                        [&] { ++cleaned; }),
                    "bad area");
  CHECK(cleaned == 1);
}
