#include "results/flow_hdf5_results.hpp"

#include <cmath>
#include <utility>
#include <vector>

#include "results/hdf5_results.hpp"

namespace hcsim::results {
namespace {

// The totals over the horizon /summary/totals_* hold, in this order.
const std::vector<std::pair<const char*, sim::Summary models::FlowServiceSummary::*>> totals{
    {"mean_occupancy", &models::FlowServiceSummary::mean_occupancy},
    {"mean_waiting", &models::FlowServiceSummary::mean_waiting},
    {"waiting_days", &models::FlowServiceSummary::waiting_days},
    {"arrivals", &models::FlowServiceSummary::arrivals},
    {"admissions_waited", &models::FlowServiceSummary::admissions_waited},
    {"total_cost", &models::FlowServiceSummary::total_cost},
};

struct DailyMeasure {
  const char* name;
  const char* units;
  const char* description;
  std::vector<double> models::FlowServiceRun::*run_values;
  models::DailyBand models::FlowServiceSummary::*band;
};

const std::vector<DailyMeasure> daily_measures{
    {"occupancy", "beds", "beds occupied, time-weighted mean over the day",
     &models::FlowServiceRun::occupancy, &models::FlowServiceSummary::occupancy},
    {"waiting", "patients",
     "patients waiting for a bed (delayed discharges), time-weighted mean over the day",
     &models::FlowServiceRun::waiting, &models::FlowServiceSummary::waiting},
    {"cost", "GBP", "occupancy x bed_day_cost + waiting x waiting_day_cost for the day",
     &models::FlowServiceRun::cost, &models::FlowServiceSummary::cost},
};

void write_manifest_and_dimensions(hid_t file, const models::FlowScenario& scenario,
                                   const std::string& command_line) {
  {
    Handle manifest = create_group(file, "manifest");
    write_text(manifest.get(), "scenario_yaml", scenario.resolved_yaml);
    write_text(manifest.get(), "command_line", command_line);
  }
  Handle dimensions = create_group(file, "dimensions");
  std::vector<std::string> names;
  for (const auto& service : scenario.services) names.push_back(service.name);
  write_texts(dimensions.get(), "service", names);
  const auto days = static_cast<std::size_t>(scenario.days);
  std::vector<std::int64_t> day(days);
  for (std::size_t d = 0; d < days; ++d) day[d] = static_cast<std::int64_t>(d + 1);
  Handle day_set = write_int64s(dimensions.get(), "day", {days}, day);
  write_text_attribute(day_set.get(), "description",
                       "day d covers the time [d - 1, d) in days from the start");
  std::vector<std::int64_t> replication(static_cast<std::size_t>(scenario.replications));
  for (std::size_t r = 0; r < replication.size(); ++r) {
    replication[r] = static_cast<std::int64_t>(r);
  }
  write_int64s(dimensions.get(), "replication", {replication.size()}, replication);
}

// What each service was given: the inputs as resolved, series included.
void write_services(hid_t file, const models::FlowScenario& scenario) {
  Handle group = create_group(file, "services");
  const hsize_t services = scenario.services.size();
  const auto days = static_cast<hsize_t>(scenario.days);
  std::vector<std::int64_t> capacity, occupied, waiting;
  std::vector<double> rates, bed_day_cost, waiting_day_cost;
  std::vector<std::string> sources, stays, policies;
  for (const auto& service : scenario.services) {
    const auto& p = service.parameters;
    const auto beds = models::daily_capacity(p);
    capacity.insert(capacity.end(), beds.begin(), beds.end());
    rates.insert(rates.end(), p.daily_arrival_rate.begin(), p.daily_arrival_rate.end());
    occupied.push_back(p.initial_in_service);
    waiting.push_back(p.initial_waiting);
    bed_day_cost.push_back(p.bed_day_cost);
    waiting_day_cost.push_back(p.waiting_day_cost);
    sources.push_back(service.arrivals_source);
    stays.push_back(p.length_of_stay.describe());
    policies.emplace_back(models::policy_name(p.initial_queue_policy));
  }
  Handle capacity_set = write_int64s(group.get(), "capacity", {services, days}, capacity);
  write_text_attribute(capacity_set.get(), "units", "beds");
  write_text_attribute(capacity_set.get(), "dimensions", "service,day");
  write_text_attribute(capacity_set.get(), "description", "beds at the start of each day");
  Handle rate_set = write_doubles(group.get(), "arrival_rate", {services, days}, rates);
  write_text_attribute(rate_set.get(), "units", "mean arrivals per day");
  write_text_attribute(rate_set.get(), "dimensions", "service,day");
  write_text_attribute(rate_set.get(), "description",
                       "the daily rate used (Poisson mean of the day's arrivals)");
  write_int64s(group.get(), "initial_occupied", {services}, occupied);
  write_int64s(group.get(), "initial_waiting", {services}, waiting);
  write_doubles(group.get(), "bed_day_cost", {services}, bed_day_cost);
  write_doubles(group.get(), "waiting_day_cost", {services}, waiting_day_cost);
  write_texts(group.get(), "arrivals_source", sources);
  write_texts(group.get(), "length_of_stay", stays);
  write_texts(group.get(), "initial_queue_policy", policies);
}

void write_runs(hid_t file, const models::FlowScenario& scenario,
                const models::FlowScenarioResult& result) {
  Handle group = create_group(file, "runs");
  const hsize_t runs = static_cast<hsize_t>(scenario.replications);
  const hsize_t services = scenario.services.size();
  const auto days = static_cast<hsize_t>(scenario.days);
  for (const auto& measure : daily_measures) {
    std::vector<double> values;
    values.reserve(runs * services * days);
    for (std::size_t r = 0; r < runs; ++r) {
      for (const auto& ensemble : result.ensembles) {
        const auto& series = ensemble.runs[r].*measure.run_values;
        values.insert(values.end(), series.begin(), series.end());
      }
    }
    Handle dataset = write_doubles(group.get(), measure.name, {runs, services, days}, values);
    write_text_attribute(dataset.get(), "units", measure.units);
    write_text_attribute(dataset.get(), "dimensions", "replication,service,day");
    write_text_attribute(dataset.get(), "description", measure.description);
  }
  std::vector<std::uint64_t> arrivals, admissions, waited, departures, events;
  std::vector<std::int64_t> in_service_at_end, waiting_at_end;
  for (std::size_t r = 0; r < runs; ++r) {
    for (const auto& ensemble : result.ensembles) {
      const auto& run = ensemble.runs[r];
      arrivals.push_back(run.arrivals);
      admissions.push_back(run.admissions);
      waited.push_back(run.admissions_waited);
      departures.push_back(run.departures);
      events.push_back(run.events);
      in_service_at_end.push_back(run.in_service_at_end);
      waiting_at_end.push_back(run.waiting_at_end);
    }
  }
  for (auto [name, values] :
       {std::pair{"arrivals", &arrivals}, std::pair{"admissions", &admissions},
        std::pair{"admissions_waited", &waited}, std::pair{"departures", &departures},
        std::pair{"events", &events}}) {
    Handle dataset = write_uint64s(group.get(), name, {runs, services}, *values);
    write_text_attribute(dataset.get(), "dimensions", "replication,service");
  }
  for (auto [name, values] : {std::pair{"in_service_at_end", &in_service_at_end},
                              std::pair{"waiting_at_end", &waiting_at_end}}) {
    Handle dataset = write_int64s(group.get(), name, {runs, services}, *values);
    write_text_attribute(dataset.get(), "dimensions", "replication,service");
  }
}

void write_summary(hid_t file, const models::FlowScenario& scenario,
                   const models::FlowScenarioResult& result) {
  Handle group = create_group(file, "summary");
  const hsize_t services = scenario.services.size();
  const auto days = static_cast<hsize_t>(scenario.days);
  for (const auto& measure : daily_measures) {
    for (auto [suffix, statistic] :
         {std::pair{"mean", &models::DailyBand::mean}, std::pair{"q05", &models::DailyBand::q05},
          std::pair{"q50", &models::DailyBand::q50}, std::pair{"q95", &models::DailyBand::q95}}) {
      std::vector<double> values;
      for (const auto& summary : result.summaries) {
        const auto& series = summary.*measure.band.*statistic;
        values.insert(values.end(), series.begin(), series.end());
      }
      Handle dataset = write_doubles(group.get(), std::string(measure.name) + "_" + suffix,
                                     {services, days}, values);
      write_text_attribute(dataset.get(), "units", measure.units);
      write_text_attribute(dataset.get(), "dimensions", "service,day");
      write_text_attribute(dataset.get(), "description",
                           std::string("over replications, per day: ") +
                               (std::string(suffix) == "mean"
                                    ? "the mean"
                                    : "the quantile (type 7, as R's default)") +
                               " of " + measure.description);
    }
  }
  std::vector<std::string> names;
  for (const auto& [name, member] : totals) names.emplace_back(name);
  write_texts(group.get(), "totals_measure", names);
  const double nan = std::nan("");
  std::vector<double> mean, sd, low, high;
  for (const auto& summary : result.summaries) {
    for (const auto& [name, member] : totals) {
      const sim::Summary& stats = summary.*member;
      mean.push_back(stats.mean);
      sd.push_back(stats.count > 1 ? stats.standard_deviation : nan);
      low.push_back(stats.ci95_low.value_or(nan));
      high.push_back(stats.ci95_high.value_or(nan));
    }
  }
  for (auto [name, values] :
       {std::pair{"totals_mean", &mean}, std::pair{"totals_sd", &sd},
        std::pair{"totals_ci95_low", &low}, std::pair{"totals_ci95_high", &high}}) {
    Handle dataset = write_doubles(group.get(), name, {services, names.size()}, *values);
    write_text_attribute(dataset.get(), "dimensions", "service,totals_measure");
    write_text_attribute(dataset.get(), "description",
                         "over replications, of each replication's total over the horizon "
                         "(mean_occupancy and mean_waiting: averaged over days); Student t 95% "
                         "interval; NaN with one replication");
  }
}

}  // namespace

void write_flow_results(const std::string& path, const models::FlowScenario& scenario,
                        const models::FlowScenarioResult& result, const std::string& command_line,
                        const std::string& hcsim_version) {
  write_hdf5_atomically(path, [&](hid_t file) {
    write_text_attribute(file, "format", "hcsim-flow-results");
    write_int64_attribute(file, "format_version", flow_results_format_version);
    write_text_attribute(file, "hcsim_version", hcsim_version);
    write_text_attribute(file, "scenario", scenario.name);
    write_text_attribute(file, "mode", models::flow_only_mode);
    write_uint64_attribute(file, "seed", scenario.seed);
    write_int64_attribute(file, "replications", scenario.replications);
    write_int64_attribute(file, "days", scenario.days);
    write_manifest_and_dimensions(file, scenario, command_line);
    write_services(file, scenario);
    write_runs(file, scenario, result);
    write_summary(file, scenario, result);
  });
}

std::uint64_t estimated_flow_output_bytes(const models::FlowScenario& scenario) {
  const auto cells = static_cast<std::uint64_t>(scenario.replications) *
                     scenario.services.size() * static_cast<std::uint64_t>(scenario.days);
  return cells * daily_measures.size() * sizeof(double);
}

}  // namespace hcsim::results
