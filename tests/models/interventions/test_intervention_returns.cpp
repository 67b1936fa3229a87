#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "models/input_error.hpp"
#include "models/interventions/intervention_returns.hpp"
#include "models/scenario.hpp"
#include "models/run_transfer.hpp"
#include "models/simulation.hpp"

using hcsim::models::CareService;
using hcsim::models::Payer;
using hcsim::models::ReplicationResult;

namespace {

std::size_t field(const std::string& name) {
  const auto fields = hcsim::models::intervention_return_fields();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (fields[f] == name) return f;
  }
  FAIL("no field " << name);
  return 0;
}

// A run of `areas` areas and one year with no activity and no spend.
ReplicationResult empty_run(std::size_t areas) {
  ReplicationResult run;
  run.areas = areas;
  run.years = 1;
  run.values.assign(areas * hcsim::models::metric_count, 0.0);
  run.cost_by_payer_service.assign(
      areas * hcsim::models::payer_count * hcsim::models::care_service_count, 0.0);
  return run;
}

double& spend(ReplicationResult& run, std::size_t area, Payer payer, CareService service) {
  return run.cost_by_payer_service[(area * hcsim::models::payer_count +
                                    hcsim::models::index_of(payer)) *
                                       hcsim::models::care_service_count +
                                   hcsim::models::index_of(service)];
}

// Two areas; the intervention covers area 0 and, in each, Northtown gets a
// strong admission avoidance paid by the NHS.
std::string scenario_text(const std::string& extra = "") {
  return R"(name: returns
seed: 5
replications: 2
population_scale: 0.1
warmup_days: 30
horizon_years: 1
areas:
  - name: Northtown
    population: 200000
  - name: Southville
    population: 100000
interventions:
  - name: avoid
    type: admission_avoidance
    areas: [Northtown]
    effect: {admission_hazard_ratio: 0.7}
    cost_per_year: 1000000
    payer: nhs
)" + extra;
}

}  // namespace

TEST_CASE("a return is the counterfactual's spend minus the run's, per payer",
          "[interventions][returns]") {
  ReplicationResult with = empty_run(2);
  ReplicationResult without = empty_run(2);
  spend(with, 0, Payer::nhs, CareService::hospital) = 100.0;
  spend(with, 0, Payer::nhs, CareService::intervention) = 30.0;
  spend(without, 0, Payer::nhs, CareService::hospital) = 180.0;
  // Kept alive at home: more unpaid care, which is not in the return.
  spend(with, 0, Payer::unpaid_carer, CareService::unpaid_care) = 50.0;
  spend(without, 0, Payer::unpaid_carer, CareService::unpaid_care) = 20.0;
  // Area 1 is not covered: whatever differs there is not this intervention.
  spend(without, 1, Payer::nhs, CareService::hospital) = 1e6;
  with.values[hcsim::models::index_of(hcsim::models::Metric::emergency_admissions)] = 7.0;
  without.values[hcsim::models::index_of(hcsim::models::Metric::emergency_admissions)] = 10.0;

  std::vector<double> row;
  hcsim::models::append_intervention_return(with, without, {1, 0}, row);
  REQUIRE(row.size() == hcsim::models::intervention_return_fields().size());
  CHECK(row[field("cost")] == 30.0);
  CHECK(row[field("savings_nhs")] == 80.0);
  CHECK(row[field("savings_unpaid_care_value")] == -30.0);
  CHECK(row[field("savings")] == 50.0);
  CHECK(row[field("savings_public")] == 80.0);
  CHECK(row[field("admissions_avoided")] == 3.0);
  CHECK(row[field("roi")] == Approx((80.0 - 30.0) / 30.0));

  // Without a cost there is no return per pound.
  spend(with, 0, Payer::nhs, CareService::intervention) = 0.0;
  row.clear();
  hcsim::models::append_intervention_return(with, without, {1, 0}, row);
  CHECK(std::isnan(row[field("roi")]));
}

TEST_CASE("returns are named after the intervention", "[interventions][returns]") {
  CHECK(hcsim::models::intervention_metric_name("roi", "mcp") == "roi_mcp");
  CHECK(hcsim::models::intervention_metric_name("cost", "mcp") == "intervention_cost_mcp");
  CHECK(hcsim::models::intervention_metric_name("savings_nhs", "mcp") == "savings_nhs_mcp");
}

TEST_CASE("an intervention that avoids admissions shows them avoided and the NHS saving",
          "[interventions][returns][simulation]") {
  const auto scenario = hcsim::models::parse_scenario(scenario_text(), "returns.yaml", {});
  const ReplicationResult run = hcsim::models::run_replication(scenario, 0);
  REQUIRE(run.intervention_returns.size() == hcsim::models::intervention_return_fields().size());
  const auto& row = run.intervention_returns;
  // £1m a year at 10% scale over the measured year.
  CHECK(row[field("cost")] == Approx(100000.0).epsilon(0.01));
  // A 30% lower hazard in 20,000 people: hundreds of admissions, far
  // outside what chance gives on common random numbers.
  CHECK(row[field("admissions_avoided")] > 100.0);
  CHECK(row[field("bed_days_saved")] > 0.0);
  CHECK(row[field("savings_nhs")] > 0.0);
  CHECK(std::isfinite(row[field("roi")]));

  // Measuring returns leaves the run itself as it was.
  const auto plain = hcsim::models::parse_scenario(scenario_text("intervention_returns: false\n"),
                                                   "returns.yaml", {});
  const ReplicationResult alone = hcsim::models::run_replication(plain, 0);
  CHECK(alone.values == run.values);
  CHECK(alone.intervention_returns.empty());
}

TEST_CASE("returns do not depend on the number of threads", "[interventions][returns][determinism]") {
  const auto scenario = hcsim::models::parse_scenario(scenario_text(), "returns.yaml", {});
  const auto one = hcsim::models::run_experiment(scenario, 1);
  const auto two = hcsim::models::run_experiment(scenario, 2);
  REQUIRE(one.runs.size() == 2);
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    CHECK(one.runs[r].intervention_returns == two.runs[r].intervention_returns);
  }
  CHECK(one.runs[0].intervention_returns != one.runs[1].intervention_returns);
}

TEST_CASE("an intervention starting after the run ends is refused", "[interventions][returns]") {
  std::string text = scenario_text();
  text.replace(text.find("    effect:"), 0, "    start: 2030-01-01\n");
  CHECK_THROWS_WITH(hcsim::models::parse_scenario(text, "returns.yaml", {}),
                    Catch::Contains("'avoid' starts on 2030-01-01, after the run ends"));
}

TEST_CASE("returns travel between ranks with their run", "[interventions][returns][mpi]") {
  const auto scenario = hcsim::models::parse_scenario(scenario_text(), "returns.yaml", {});
  const ReplicationResult run = hcsim::models::run_replication(scenario, 1);
  std::vector<double> buffer;
  hcsim::models::encode_run(0, run, buffer);
  std::vector<ReplicationResult> decoded(1);
  std::vector<hcsim::models::RunShare> shares;
  hcsim::models::decode_runs(buffer, hcsim::models::single_point_plan(scenario), decoded, shares);
  CHECK(shares.empty());
  CHECK(decoded[0].intervention_returns == run.intervention_returns);
  CHECK(decoded[0].values == run.values);
  CHECK(decoded[0].cost_by_payer_service == run.cost_by_payer_service);
}
