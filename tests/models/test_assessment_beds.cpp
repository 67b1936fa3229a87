// P3 care-home assessment beds (discharge to assess): used by discharges
// that need a placement, paid on their own NHS line, full beds keep patients
// in hospital, and switched off the direct route to a care home is unchanged.
#include <catch2/catch.hpp>

#include <string>

#include "models/funding/payer.hpp"
#include "models/input_error.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"

using hcsim::models::CareService;
using hcsim::models::Metric;
using hcsim::models::Payer;

namespace {

// One area of 20,000 simulated people; every discharge 65+ that needs a
// placement goes through P3 (10 beds at this scale) unless `extra` says
// otherwise.
std::string scenario_text(const std::string& assessment_extra, const std::string& more = "") {
  return R"(name: p3
seed: 5
replications: 2
population_scale: 0.1
warmup_days: 60
horizon_years: 1
parameters:
  discharge:
    assessment:
      age_band_lower_bounds: [0, 65]
      probability: [0, 1]
      capacity_per_1000: 0.5
)" + assessment_extra +
         more + R"(areas:
  - name: Assessville
    population: 200000
)";
}

hcsim::models::ExperimentResult run(const std::string& text) {
  return hcsim::models::run_experiment(hcsim::models::parse_scenario(text, "p3.yaml", {}), 2);
}

double total(const hcsim::models::ExperimentResult& experiment, Metric metric) {
  double sum = 0.0;
  for (const auto& replication : experiment.runs) sum += replication.total(metric);
  return sum;
}

// Spend on `service` by `payer`, over areas, years and replications.
double spend(const hcsim::models::ExperimentResult& experiment, Payer payer, CareService service) {
  double sum = 0.0;
  for (const auto& replication : experiment.runs) {
    const std::size_t cells = replication.areas * replication.years;
    for (std::size_t cell = 0; cell < cells; ++cell) {
      sum += replication.cost_by_payer_service[(cell * hcsim::models::payer_count +
                                                hcsim::models::index_of(payer)) *
                                                   hcsim::models::care_service_count +
                                               hcsim::models::index_of(service)];
    }
  }
  return sum;
}

std::string errors_of(const std::string& text) {
  try {
    (void)hcsim::models::parse_scenario(text, "p3.yaml", {});
  } catch (const hcsim::models::InputError& error) {
    return error.what();
  }
  FAIL("the scenario was accepted");
  return "";
}

}  // namespace

TEST_CASE("discharges needing a placement use P3 beds, paid by the NHS on their own line",
          "[assessment]") {
  const auto experiment = run(scenario_text(""));
  const double starts = total(experiment, Metric::assessment_admissions);
  const double bed_days = total(experiment, Metric::assessment_bed_days);
  CHECK(starts > 20.0);
  CHECK(bed_days > 0.0);
  // At most the beds there are; waits after assessment are part of the stay.
  CHECK(bed_days <= 10.0 * 365.25 * 2.0 + 1e-6);
  CHECK(total(experiment, Metric::assessment_bed_delay_days) <= bed_days);
  CHECK(total(experiment, Metric::assessment_stays_ended) <= starts + 10.0 * 2.0);
  // £164 a bed-day, all on the NHS's assessment line under split budgets.
  const double cost = total(experiment, Metric::cost_assessment);
  CHECK(cost == Approx(bed_days * 164.0));
  CHECK(spend(experiment, Payer::nhs, CareService::assessment) == Approx(cost));
  CHECK(spend(experiment, Payer::local_authority, CareService::assessment) == 0.0);
  // Money still adds up, by service and by payer.
  for (const auto& replication : experiment.runs) {
    double by_service = 0.0;
    for (const Metric component : hcsim::models::cost_components) {
      by_service += replication.total(component);
    }
    double by_payer = 0.0;
    for (const Metric payer : hcsim::models::cost_by_payer) by_payer += replication.total(payer);
    CHECK(replication.total(Metric::cost_total) == Approx(by_service));
    CHECK(replication.total(Metric::cost_total) == Approx(by_payer));
  }
  // People leave P3 for a care home or for home.
  CHECK(total(experiment, Metric::care_home_admissions) > 0.0);
  CHECK(total(experiment, Metric::assessment_discharges_home) > 0.0);

  // Under an integrated budget the same beds are paid from it once its
  // routing starts (the first budget cycle; the NHS pays before that).
  const auto integrated = run(scenario_text("", "  funding:\n    regime: integrated\n"));
  const double integrated_cost = total(integrated, Metric::cost_assessment);
  CHECK(spend(integrated, Payer::pooled_fund, CareService::assessment) +
            spend(integrated, Payer::nhs, CareService::assessment) ==
        Approx(integrated_cost));
  CHECK(spend(integrated, Payer::pooled_fund, CareService::assessment) >
        0.95 * integrated_cost);
}

TEST_CASE("with every P3 bed taken, patients wait in hospital for one", "[assessment]") {
  // One bed for the whole area.
  const auto experiment = run(scenario_text("").replace(
      scenario_text("").find("capacity_per_1000: 0.5"), 22, "capacity_per_1000: 0.05"));
  const double waiting = total(experiment, Metric::delayed_discharge_days_assessment);
  CHECK(waiting > 0.0);
  // The NHS's delay (P3 beds are NHS-commissioned), counted in the total.
  CHECK(total(experiment, Metric::delayed_discharge_days_nhs) ==
        Approx(total(experiment, Metric::delayed_discharge_days_rehabilitation) + waiting));
  CHECK(total(experiment, Metric::delayed_discharge_days) >=
        total(experiment, Metric::delayed_discharge_days_nhs) +
            total(experiment, Metric::delayed_discharge_days_social_care) - 1e-6);
  CHECK(total(experiment, Metric::assessment_bed_days) <= 1.0 * 365.25 * 2.0 + 1e-6);
}

TEST_CASE("P3 switched off gives the direct route, bit for bit, however it is switched off",
          "[assessment]") {
  const auto disabled = run(scenario_text("      enabled: false\n"));
  const auto no_beds = run(scenario_text("").replace(
      scenario_text("").find("capacity_per_1000: 0.5"), 22, "capacity_per_1000: 0"));
  const auto nobody = run(scenario_text("").replace(scenario_text("").find("probability: [0, 1]"),
                                                    19, "probability: [0, 0]"));
  for (std::size_t r = 0; r < disabled.runs.size(); ++r) {
    CHECK(disabled.runs[r].values == no_beds.runs[r].values);
    CHECK(disabled.runs[r].values == nobody.runs[r].values);
    CHECK(disabled.runs[r].events == no_beds.runs[r].events);
  }
  for (const Metric metric :
       {Metric::assessment_admissions, Metric::assessment_bed_days,
        Metric::delayed_discharge_days_assessment, Metric::assessment_bed_delay_days,
        Metric::cost_assessment, Metric::assessment_discharges_home}) {
    CHECK(total(disabled, metric) == 0.0);
  }
  CHECK(total(disabled, Metric::care_home_admissions) > 0.0);
  // Switched on, the same people take another route.
  const auto on = run(scenario_text(""));
  CHECK(on.runs[0].values != disabled.runs[0].values);
}

TEST_CASE("the end of a P3 stay decides between a permanent place and home", "[assessment]") {
  // Nobody needs a permanent place after assessment: no placements at all
  // (every placement 65+ goes through P3; none are needed younger).
  const auto none = run(scenario_text("      permanent_placement_share: 0\n"));
  CHECK(total(none, Metric::assessment_admissions) > 0.0);
  CHECK(total(none, Metric::care_home_admissions) == 0.0);
  CHECK(total(none, Metric::assessment_bed_delay_days) == 0.0);
  CHECK(total(none, Metric::assessment_discharges_home) > 0.0);
  // Everybody does: those who go home are exactly those refused funding.
  const auto all = run(scenario_text("      permanent_placement_share: 1\n"));
  CHECK(total(all, Metric::assessment_discharges_home) ==
        total(all, Metric::care_home_refusals));
  CHECK(total(all, Metric::care_home_admissions) > total(none, Metric::care_home_admissions));
}

TEST_CASE("bad P3 parameters are refused with file, line and key", "[assessment][bad_input]") {
  const auto negative = errors_of(scenario_text("").replace(
      scenario_text("").find("capacity_per_1000: 0.5"), 22, "capacity_per_1000: -1"));
  CHECK_THAT(negative, Catch::Contains("p3.yaml:12:26") &&
                           Catch::Contains("parameters.discharge.assessment.capacity_per_1000") &&
                           Catch::Contains("got -1"));
  const auto share = errors_of(scenario_text("      permanent_placement_share: 1.5\n"));
  CHECK_THAT(share, Catch::Contains("p3.yaml:13:34") &&
                        Catch::Contains("parameters.discharge.assessment.permanent_placement_share") &&
                        Catch::Contains("[0, 1]"));
  const auto route = errors_of(scenario_text("").replace(
      scenario_text("").find("probability: [0, 1]"), 19, "probability: [0, 1.2]"));
  CHECK_THAT(route, Catch::Contains("parameters.discharge.assessment.probability") &&
                        Catch::Contains("[0, 1]"));
}
