#include "validation/cases.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "models/input_error.hpp"
#include "validation/queueing.hpp"

namespace hcsim::validation {
namespace {

constexpr double days_per_year = 365.25;
using models::Metric;

void require(bool condition, const models::Scenario& scenario, const std::string& key_path,
             const std::string& message) {
  if (condition) return;
  models::Diagnostic diagnostic;
  diagnostic.file = scenario.file;
  diagnostic.key_path = key_path;
  diagnostic.message = message + " (needed for the analytic value of this validation case)";
  throw models::InputError(diagnostic);
}

bool all_equal(const std::vector<double>& values, double value) {
  return std::all_of(values.begin(), values.end(), [&](double v) { return v == value; });
}

// The inputs of the analytic formulas, read from the scenario's one area.
struct QueueInputs {
  std::int64_t people = 0;
  int beds = 0;
  int places = 0;
  double admission_rate_per_person = 0.0;  // per day
  double bed_service_rate = 0.0;           // per day: 1 / mean length of stay
  double care_home_service_rate = 0.0;     // per day: resident death rate
  double measured_days = 0.0;
  double end_days = 0.0;
};

QueueInputs inputs_of(const models::Scenario& scenario,
                      const models::ExperimentResult& experiment) {
  const auto& parameters = scenario.areas.front().parameters;
  QueueInputs inputs;
  inputs.people = experiment.areas.front().people;
  inputs.beds = static_cast<int>(experiment.areas.front().hospital_beds);
  inputs.places = static_cast<int>(experiment.areas.front().care_home_places);
  inputs.admission_rate_per_person =
      parameters.emergency_admission.rate_per_person_year.values.front() / days_per_year;
  inputs.bed_service_rate = 1.0 / parameters.hospital.overnight_length_of_stay.mean();
  inputs.care_home_service_rate =
      parameters.mortality.care_home_constant_rate_per_year / days_per_year;
  inputs.measured_days = experiment.plan.end_days - experiment.plan.origin_days;
  inputs.end_days = experiment.plan.end_days;
  return inputs;
}

// Per-replication values of f(run).
template <typename F>
std::vector<double> per_run(const models::ExperimentResult& experiment, F f) {
  std::vector<double> values;
  values.reserve(experiment.runs.size());
  for (const auto& run : experiment.runs) values.push_back(f(run));
  return values;
}

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : std::nan("");
}

std::vector<Check> mmc_checks(const std::string& name, const QueueInputs& in,
                              const models::ExperimentResult& experiment) {
  const double lambda = in.admission_rate_per_person * static_cast<double>(in.people);
  const MmcQueue mmc = mmc_queue(in.beds, lambda, in.bed_service_rate);
  // The simulated arrivals come from a finite population (a person in
  // hospital cannot be admitted again): the exact finite-source values give
  // the model gap, which is tiny when the population dwarfs the beds.
  const FiniteSourceQueue exact = finite_source_queue(in.people, in.beds,
                                                      in.admission_rate_per_person,
                                                      in.bed_service_rate);
  const double days = in.measured_days;
  std::vector<Check> checks;
  checks.push_back(make_check(
      name, "probability an admission waits for a bed", "probability", mmc.wait_probability,
      per_run(experiment,
              [](const auto& r) {
                return ratio(r.total(Metric::admissions_waited_for_bed),
                             r.total(Metric::emergency_admissions));
              }),
      mmc.wait_probability - exact.wait_probability));
  checks.push_back(make_check(
      name, "time share with every bed occupied", "share", mmc.wait_probability,
      per_run(experiment, [&](const auto& r) { return r.total(Metric::hospital_full_days) / days; }),
      mmc.wait_probability - exact.all_busy_probability));
  checks.push_back(make_check(
      name, "mean wait for a bed", "days", mmc.mean_wait,
      per_run(experiment,
              [](const auto& r) {
                return ratio(r.total(Metric::bed_wait_days), r.total(Metric::emergency_admissions));
              }),
      mmc.mean_wait - exact.mean_wait));
  checks.push_back(make_check(
      name, "mean occupied beds", "beds", mmc.mean_busy_servers,
      per_run(experiment, [&](const auto& r) { return r.total(Metric::bed_days) / days; }),
      mmc.mean_busy_servers - exact.mean_busy_servers));
  checks.push_back(make_check(
      name, "mean length of stay", "days", 1.0 / in.bed_service_rate,
      per_run(experiment, [](const auto& r) {
        return ratio(r.total(Metric::ended_hospital_stay_days),
                     r.total(Metric::hospital_stays_ended));
      })));
  return checks;
}

std::vector<Check> finite_source_checks(const std::string& name, const QueueInputs& in,
                                        const models::ExperimentResult& experiment) {
  const FiniteSourceQueue queue = finite_source_queue(in.people, in.beds,
                                                      in.admission_rate_per_person,
                                                      in.bed_service_rate);
  const double days = in.measured_days;
  std::vector<Check> checks;
  checks.push_back(make_check(
      name, "mean patients in hospital (in a bed or waiting)", "people", queue.mean_in_system,
      per_run(experiment, [&](const auto& r) {
        return (r.total(Metric::bed_days) + r.total(Metric::bed_wait_days)) / days;
      })));
  checks.push_back(make_check(
      name, "mean occupied beds", "beds", queue.mean_busy_servers,
      per_run(experiment, [&](const auto& r) { return r.total(Metric::bed_days) / days; })));
  checks.push_back(make_check(
      name, "time share with every bed occupied", "share", queue.all_busy_probability,
      per_run(experiment,
              [&](const auto& r) { return r.total(Metric::hospital_full_days) / days; })));
  checks.push_back(make_check(
      name, "probability an admission waits for a bed", "probability", queue.wait_probability,
      per_run(experiment, [](const auto& r) {
        return ratio(r.total(Metric::admissions_waited_for_bed),
                     r.total(Metric::emergency_admissions));
      })));
  checks.push_back(make_check(
      name, "mean wait for a bed", "days", queue.mean_wait,
      per_run(experiment, [](const auto& r) {
        return ratio(r.total(Metric::bed_wait_days), r.total(Metric::emergency_admissions));
      })));
  return checks;
}

std::vector<Check> chain_checks(const std::string& name, const QueueInputs& in,
                                const models::ExperimentResult& experiment) {
  // Arrivals to the care home are hospital discharges. The hospital never
  // fills (checked below), so it is an M/G/inf queue, whose departures from
  // Poisson arrivals are Poisson at the same rate (Burke; Mirasol 1963).
  const double lambda = in.admission_rate_per_person * static_cast<double>(in.people);
  const MmcQueue home = mmc_queue(in.places, lambda, in.care_home_service_rate);
  // Residents leave only by dying, so the population that can be admitted
  // shrinks over the run: by the end by about lambda x run length deaths,
  // and at any time by up to the beds and places in use. Every quantity
  // below is monotone in the arrival rate, so the gap to the value at the
  // lowest rate bounds the effect.
  const double removed =
      lambda * in.end_days + static_cast<double>(in.places) + static_cast<double>(in.beds);
  const double lowest =
      in.admission_rate_per_person * (static_cast<double>(in.people) - removed);
  const MmcQueue low = mmc_queue(in.places, lowest, in.care_home_service_rate);
  const double days = in.measured_days;
  std::vector<Check> checks;
  checks.push_back(make_check(
      name, "probability a care-home placement is delayed", "probability",
      home.wait_probability,
      per_run(experiment, [](const auto& r) {
        return ratio(r.total(Metric::care_home_placements_delayed),
                     r.total(Metric::care_home_admissions));
      }),
      home.wait_probability - low.wait_probability));
  checks.push_back(make_check(
      name, "mean delay in hospital per care-home placement", "days", home.mean_wait,
      per_run(experiment, [](const auto& r) {
        return ratio(r.total(Metric::care_home_placement_delay_days),
                     r.total(Metric::care_home_admissions));
      }),
      home.mean_wait - low.mean_wait));
  checks.push_back(make_check(
      name, "mean delayed-discharge patients in hospital", "people", home.mean_queue_length,
      per_run(experiment,
              [&](const auto& r) { return r.total(Metric::delayed_discharge_days) / days; }),
      home.mean_queue_length - low.mean_queue_length));
  checks.push_back(make_check(
      name, "mean occupied care-home places", "places", home.mean_busy_servers,
      per_run(experiment,
              [&](const auto& r) { return r.total(Metric::care_home_resident_days) / days; }),
      home.mean_busy_servers - low.mean_busy_servers));
  // The chain is only an M/M/k care home if the hospital never blocks.
  checks.push_back(make_check(
      name, "time share with every hospital bed occupied", "share", 0.0,
      per_run(experiment,
              [&](const auto& r) { return r.total(Metric::hospital_full_days) / days; })));
  return checks;
}

}  // namespace

void require_case_form(CaseKind kind, const models::Scenario& scenario) {
  require(scenario.areas.size() == 1, scenario, "areas", "expected exactly one area");
  require(scenario.replications >= 2, scenario, "replications",
          "expected at least 2 replications, for a confidence interval");
  const auto& p = scenario.areas.front().parameters;
  const std::string at = "areas[0].parameters.";
  const auto& rates = p.emergency_admission.rate_per_person_year.values;
  require(!rates.empty() && rates.front() > 0.0 && all_equal(rates, rates.front()), scenario,
          at + "emergency_admission.rate_per_person_year",
          "expected one positive admission rate for all ages");
  require(!p.population.entries.enabled, scenario, at + "population.entries.enabled",
          "expected false (a closed population: the textbook models have a fixed one)");
  require(!p.hospital.stay_length_by_person.enabled, scenario,
          at + "hospital.stay_length_by_person.enabled",
          "expected false (one stay distribution for everyone)");
  require(p.emergency_admission.readmission_ratio() == 1.0, scenario,
          at + "emergency_admission.readmission_hazard_ratio",
          "expected 1, or readmissions_enabled: false (arrivals that do not depend on past "
          "discharges)");
  require(!p.hospital.escalation_enabled, scenario, at + "hospital.escalation_beds.enabled",
          "expected false (a pure queue for beds, as queueing theory has it)");
  require(p.hospital.same_day_share == 0.0, scenario, at + "hospital.same_day_share",
          "expected 0 (every stay from overnight_length_of_stay)");
  require(p.hospital.overnight_length_of_stay.family() == sim::DistributionFamily::exponential,
          scenario, at + "hospital.overnight_length_of_stay.distribution",
          "expected an exponential length of stay");
  const auto& to_care_home = p.discharge.care_home_probability.values;
  if (kind == CaseKind::delayed_discharge_chain) {
    require(p.mortality.enabled && !p.mortality.outside_care_homes_enabled &&
                p.mortality.care_home_constant_rate_per_year > 0.0,
            scenario, at + "mortality",
            "expected enabled: true, outside_care_homes_enabled: false and a positive "
            "care_home_constant_rate_per_year (residents' stays exponential, nobody else dies)");
    require(all_equal(to_care_home, 1.0), scenario, at + "discharge.care_home_probability",
            "expected 1 for all ages (every discharge needs a care-home place)");
    require(p.emergency_admission.care_home_rate_per_person_year == 0.0, scenario,
            at + "emergency_admission.care_home_rate_per_person_year",
            "expected 0 (residents are not readmitted)");
    require(scenario.areas.front().care_home_places.has_value(), scenario,
            "areas[0].care_home_places", "expected the number of places");
    require(!p.discharge.assessment.in_use(), scenario, at + "discharge.assessment.enabled",
            "expected false (discharges go straight to the care-home queue, with no P3 "
            "assessment bed in between)");
    require(p.social_care.assessment_days.mean() == 0.0, scenario, at + "social_care.assessment_days",
            "expected 0 (a placement waits only for a free place)");
    require(!p.mortality.end_of_life_admission.enabled, scenario,
            at + "mortality.end_of_life_admission.enabled",
            "expected false (residents die in their care home, with no hospital stay)");
  } else {
    require(!p.mortality.enabled, scenario, at + "mortality.enabled",
            "expected false (nobody dies)");
    require(all_equal(to_care_home, 0.0), scenario, at + "discharge.care_home_probability",
            "expected 0 for all ages (every discharge goes home)");
    require(all_equal(p.care_home.initial_resident_share.values, 0.0), scenario,
            at + "care_home.initial_resident_share", "expected 0 (no care-home residents)");
  }
}

std::vector<Check> evaluate_case(CaseKind kind, const models::Scenario& scenario,
                                 const models::ExperimentResult& experiment) {
  const QueueInputs inputs = inputs_of(scenario, experiment);
  switch (kind) {
    case CaseKind::mmc_hospital: return mmc_checks(scenario.name, inputs, experiment);
    case CaseKind::finite_source: return finite_source_checks(scenario.name, inputs, experiment);
    case CaseKind::delayed_discharge_chain: return chain_checks(scenario.name, inputs, experiment);
  }
  return {};
}

bool CaseResult::passed() const {
  return !checks.empty() &&
         std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.pass; });
}

CaseResult run_case(const CaseDefinition& definition, const models::Scenario& scenario,
                    int threads) {
  require_case_form(definition.kind, scenario);
  const auto start = std::chrono::steady_clock::now();
  const models::ExperimentResult experiment = models::run_experiment(scenario, threads);
  CaseResult result;
  result.name = scenario.name;
  result.file = scenario.file;
  result.textbook_model = definition.textbook_model;
  result.checks = evaluate_case(definition.kind, scenario, experiment);
  result.events = experiment.events;
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace hcsim::validation
