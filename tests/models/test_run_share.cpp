// A run split by area into shares, as MPI ranks compute it, and put back
// together equals the run computed whole, bit for bit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "models/interventions/intervention_returns.hpp"
#include "models/plan_partition.hpp"
#include "models/resource_estimate.hpp"
#include "models/run_plan.hpp"
#include "models/run_transfer.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::ReplicationResult;
using hcsim::models::RunShare;

namespace {

// Three areas of different sizes; two interventions with returns, covering
// different areas, so that counterfactual runs are split too.
hcsim::models::Scenario three_areas() {
  return hcsim::models::parse_scenario(R"(name: shares
seed: 11
replications: 2
population_scale: 0.05
warmup_days: 30
horizon_years: 1
areas:
  - name: Northtown
    population: 200000
  - name: Southville
    population: 100000
    care_home_places: 2000
  - name: Westford
    population: 150000
interventions:
  - name: avoid
    type: admission_avoidance
    areas: [Northtown, Westford]
    effect: {admission_hazard_ratio: 0.7}
    cost_per_year: 1000000
    payer: nhs
  - name: avoid_south
    type: admission_avoidance
    areas: [Southville]
    effect: {admission_hazard_ratio: 0.85}
    cost_per_year: 500000
    payer: local_authority
)",
                                       "shares.yaml", {});
}

void check_same(const ReplicationResult& split, const ReplicationResult& whole) {
  CHECK(split.values == whole.values);
  CHECK(split.cost_by_payer_service == whole.cost_by_payer_service);
  CHECK(split.budget_history == whole.budget_history);
  CHECK(split.cycles == whole.cycles);
  CHECK(split.values_by_age_band == whole.values_by_age_band);
  CHECK(split.life_table_deaths == whole.life_table_deaths);
  CHECK(split.life_table_exposure == whole.life_table_exposure);
  CHECK(split.events == whole.events);
  REQUIRE(split.intervention_returns.size() == whole.intervention_returns.size());
  for (std::size_t i = 0; i < whole.intervention_returns.size(); ++i) {
    // NaN (an intervention without cost) compares unequal; none here costs nothing.
    CHECK(split.intervention_returns[i] == whole.intervention_returns[i]);
  }
  REQUIRE(split.facts.size() == whole.facts.size());
  for (std::size_t a = 0; a < whole.facts.size(); ++a) {
    CHECK(split.facts[a].name == whole.facts[a].name);
    CHECK(split.facts[a].people == whole.facts[a].people);
    CHECK(split.facts[a].hospital_beds == whole.facts[a].hospital_beds);
  }
}

}  // namespace

TEST_CASE("a run split by area and merged equals the whole run", "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  const ReplicationResult whole = hcsim::models::run_replication(scenario, 1);
  REQUIRE(whole.intervention_returns.size() ==
          2 * hcsim::models::intervention_return_fields().size());

  // Each way of splitting three areas into two shares, merged either way round.
  for (const std::vector<char>& first : {std::vector<char>{1, 0, 0}, std::vector<char>{0, 1, 0},
                                         std::vector<char>{1, 0, 1}}) {
    std::vector<char> second(first.size());
    std::transform(first.begin(), first.end(), second.begin(), [](char f) { return !f; });
    RunShare a = hcsim::models::simulate_share(scenario, 1, first);
    RunShare b = hcsim::models::simulate_share(scenario, 1, second);
    a.run = b.run = 3;
    // Areas not simulated hold nothing.
    for (std::size_t area = 0; area < first.size(); ++area) {
      CHECK((a.with.facts[area].people > 0) == (first[area] != 0));
    }
    RunShare ab = a;
    hcsim::models::merge_share(ab, b);
    RunShare ba = b;
    hcsim::models::merge_share(ba, a);
    check_same(hcsim::models::complete_run(scenario, ab), whole);
    check_same(hcsim::models::complete_run(scenario, ba), whole);
  }
}

TEST_CASE("individual histories of a split run are those of the whole run",
          "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  hcsim::models::TransitionLogOptions log;
  log.people_per_area = 40;
  const ReplicationResult whole = hcsim::models::run_replication(scenario, 1, nullptr, log);
  REQUIRE(whole.transitions.size() == 3);
  REQUIRE(whole.transitions_truncated.size() == 3);
  for (const auto& area_log : whole.transitions) CHECK(!area_log.empty());

  RunShare a = hcsim::models::simulate_share(scenario, 1, {1, 0, 1}, nullptr, log);
  RunShare b = hcsim::models::simulate_share(scenario, 1, {0, 1, 0}, nullptr, log);
  // A share keeps an empty log for each area simulated elsewhere.
  REQUIRE(a.with.transitions.size() == 3);
  CHECK(a.with.transitions[1].empty());
  a.run = b.run = 0;
  a.with.point = b.with.point = 0;
  // Through the ranks' encoding, as rank 0 receives them.
  std::vector<double> buffer;
  hcsim::models::encode_share(a, buffer);
  hcsim::models::encode_share(b, buffer);
  std::vector<ReplicationResult> runs(1);
  std::vector<RunShare> shares;
  hcsim::models::decode_runs(buffer, hcsim::models::single_point_plan(scenario), runs, shares);
  REQUIRE(shares.size() == 2);
  hcsim::models::merge_share(shares[0], shares[1]);
  const ReplicationResult merged = hcsim::models::complete_run(scenario, shares[0]);
  check_same(merged, whole);
  REQUIRE(merged.transitions.size() == whole.transitions.size());
  CHECK(merged.transitions_truncated == whole.transitions_truncated);
  for (std::size_t area = 0; area < whole.transitions.size(); ++area) {
    const auto& got = merged.transitions[area];
    const auto& want = whole.transitions[area];
    REQUIRE(got.size() == want.size());
    for (std::size_t r = 0; r < want.size(); ++r) {
      CHECK(got[r].time == want[r].time);
      CHECK(got[r].person == want[r].person);
      CHECK(got[r].from == want[r].from);
      CHECK(got[r].to == want[r].to);
    }
  }
}

TEST_CASE("shares are refused when they overlap or leave an area out", "[simulation][shares]") {
  const auto scenario = three_areas();
  RunShare a = hcsim::models::simulate_share(scenario, 0, {1, 1, 0});
  const RunShare b = hcsim::models::simulate_share(scenario, 0, {0, 1, 1});
  CHECK_THROWS_WITH(hcsim::models::merge_share(a, b), Catch::Contains("area 1 is in two shares"));
  CHECK_THROWS_WITH(hcsim::models::complete_run(scenario, a),
                    Catch::Contains("lacks some of the run's areas"));
  RunShare other_run = b;
  other_run.run = 1;
  CHECK_THROWS(hcsim::models::merge_share(a, other_run));
}

TEST_CASE("a share travels between ranks unchanged", "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  RunShare share = hcsim::models::simulate_share(scenario, 1, {0, 1, 1});
  share.run = 1;
  share.with.point = 0;
  const ReplicationResult whole = hcsim::models::run_replication(scenario, 0);
  std::vector<double> buffer;
  hcsim::models::encode_run(0, whole, buffer);
  hcsim::models::encode_share(share, buffer);
  std::vector<ReplicationResult> runs(2);
  std::vector<RunShare> shares;
  hcsim::models::decode_runs(buffer, hcsim::models::single_point_plan(scenario), runs, shares);
  CHECK(runs[0].values == whole.values);
  CHECK(runs[1].values.empty());
  REQUIRE(shares.size() == 1);
  CHECK(shares[0].run == 1);
  CHECK(shares[0].areas == share.areas);
  CHECK(shares[0].with.values == share.with.values);
  CHECK(shares[0].with.budget_history == share.with.budget_history);
  REQUIRE(shares[0].without.size() == 2);
  CHECK(shares[0].without[0].cost_by_payer_service == share.without[0].cost_by_payer_service);
  CHECK(shares[0].without[1].values == share.without[1].values);
}

TEST_CASE("every area of every run to do goes to exactly one rank", "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  auto plan = hcsim::models::single_point_plan(scenario);
  plan.replications = 5;
  REQUIRE(plan.run_count() == 5);
  const std::vector<char> to_do{1, 1, 0, 1, 1};  // run 2 finished before a resume
  for (const int ranks : {1, 2, 3, 4, 16}) {
    std::vector<std::vector<int>> count(plan.run_count(), std::vector<int>(3, 0));
    for (int rank = 0; rank < ranks; ++rank) {
      const auto here = hcsim::models::areas_of_rank(plan, to_do, ranks, rank);
      REQUIRE(here.size() == plan.run_count());
      for (std::size_t run = 0; run < here.size(); ++run) {
        REQUIRE(here[run].size() == 3);
        for (std::size_t area = 0; area < 3; ++area) count[run][area] += here[run][area];
      }
    }
    for (std::size_t run = 0; run < plan.run_count(); ++run) {
      for (std::size_t area = 0; area < 3; ++area) {
        INFO(ranks << " ranks, run " << run << ", area " << area);
        CHECK(count[run][area] == (to_do[run] ? 1 : 0));
      }
    }
  }
}

TEST_CASE("a single run is split over ranks by its areas' work", "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  const auto plan = hcsim::models::single_point_plan(scenario);
  REQUIRE(plan.run_count() == 2);
  // Two runs over two ranks: one each, whole.
  CHECK(hcsim::models::areas_of_rank(plan, {1, 1}, 2, 0) ==
        std::vector<std::vector<char>>{{1, 1, 1}, {0, 0, 0}});
  // One run left over two ranks: its areas are shared out, and the counted
  // work includes each covered area's counterfactual run.
  const auto first = hcsim::models::areas_of_rank(plan, {0, 1}, 2, 0);
  const auto second = hcsim::models::areas_of_rank(plan, {0, 1}, 2, 1);
  CHECK(first[1] == std::vector<char>{1, 0, 0});
  CHECK(second[1] == std::vector<char>{0, 1, 1});
  CHECK(hcsim::models::area_work(scenario, 0) ==
        2.0 * static_cast<double>(hcsim::models::scaled_count(200000, 0.05)));
}

TEST_CASE("a process's memory estimate is of its share of the runs", "[simulation][shares][mpi]") {
  const auto scenario = three_areas();
  auto plan = hcsim::models::single_point_plan(scenario);
  plan.replications = 4;
  const std::int64_t north = hcsim::models::scaled_count(200000, 0.05);
  const std::int64_t south = hcsim::models::scaled_count(100000, 0.05);
  const std::int64_t west = hcsim::models::scaled_count(150000, 0.05);
  // Every run whole: the people of a run, as many runs at once as threads.
  const auto whole = hcsim::models::estimate_share(plan, {}, 2);
  CHECK(whole.people == north + south + west);
  CHECK(whole.concurrent_replications == 2);
  CHECK(whole.memory_bytes ==
        hcsim::models::estimated_fixed_bytes +
            static_cast<std::uint64_t>(north + south + west) * 2 *
                hcsim::models::estimated_bytes_per_person);
  // Some areas of two runs, none of the others: the larger piece, two at once.
  const std::vector<std::vector<char>> here{{1, 0, 0}, {0, 0, 0}, {0, 1, 1}, {0, 0, 0}};
  const auto share = hcsim::models::estimate_share(plan, here, 8);
  CHECK(share.people == std::max(north, south + west));
  CHECK(share.concurrent_replications == 2);
  // Nothing here: the process's fixed cost only.
  const std::vector<std::vector<char>> none(4, std::vector<char>(3, 0));
  CHECK(hcsim::models::estimate_share(plan, none, 2).memory_bytes ==
        hcsim::models::estimated_fixed_bytes);
}
