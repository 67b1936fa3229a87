#include "results/hdf5_results.hpp"

#include "models/age_band_measures.hpp"
#include "models/budget_record.hpp"
#include "models/interventions/intervention_returns.hpp"
#include "models/life_table_counts.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <optional>
#include <system_error>
#include <tuple>
#include <vector>

#include "results/summary.hpp"
#include "sim/statistics.hpp"

namespace hcsim::results {
namespace {

// The items of `range`, each turned to text by `text`, one after another with
// `separator` between them: the list attributes readers split.
template <class Range, class Text>
std::string joined(const Range& range, const char* separator, Text text) {
  std::string out;
  for (const auto& item : range) {
    if (!out.empty()) out += separator;
    out += text(item);
  }
  return out;
}
const auto as_is = [](const auto& item) { return std::string(item); };

// Individual histories, when the plan logged them: one row per change of
// setting, tidy (run, area, person, time, from, to).
void write_transitions(hid_t file, const models::ExperimentResult& result) {
  std::vector<std::int64_t> run_of, area_of, person_of, from, to;
  std::vector<double> time;
  std::int64_t truncated = 0;
  for (std::size_t run = 0; run < result.runs.size(); ++run) {
    const auto& logs = result.runs[run].transitions;
    for (std::size_t area = 0; area < logs.size(); ++area) {
      truncated += result.runs[run].transitions_truncated[area];
      for (const auto& record : logs[area]) {
        run_of.push_back(static_cast<std::int64_t>(run));
        area_of.push_back(static_cast<std::int64_t>(area));
        person_of.push_back(record.person);
        time.push_back(record.time);
        from.push_back(static_cast<std::int64_t>(record.from));
        to.push_back(static_cast<std::int64_t>(record.to));
      }
    }
  }
  if (run_of.empty()) return;
  Handle group = create_group(file, "transitions");
  write_text_attribute(group.get(), "description",
                       "changes of setting of the logged people (people 0 .. n-1 of each area); "
                       "a row with from == to at time 0 is where a person starts; time in days "
                       "from the start of the run (warm-up included); from/to index "
                       "setting_names");
  write_int64_attribute(group.get(), "truncated_logs", truncated);
  const hsize_t rows = run_of.size();
  write_int64s(group.get(), "run", {rows}, run_of);
  write_int64s(group.get(), "area", {rows}, area_of);
  write_int64s(group.get(), "person", {rows}, person_of);
  write_doubles(group.get(), "time", {rows}, time);
  write_int64s(group.get(), "from", {rows}, from);
  write_int64s(group.get(), "to", {rows}, to);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < models::setting_count; ++i) {
    names.emplace_back(models::setting_name(static_cast<models::Setting>(i)));
  }
  write_texts(group.get(), "setting_names", names);
}

// Spend by payer and service, and each area's budget cycles: the funding
// regime's state over time.
void write_costs_and_budgets(hid_t file, const models::ExperimentResult& result) {
  const hsize_t runs = result.runs.size();
  const hsize_t areas = result.areas.size();
  const hsize_t years = result.plan.years;
  {
    std::vector<double> values;
    for (const auto& run : result.runs) {
      values.insert(values.end(), run.cost_by_payer_service.begin(),
                    run.cost_by_payer_service.end());
    }
    values.resize(runs * areas * years * models::payer_count * models::care_service_count, 0.0);
    Handle dataset = write_doubles(file, "cost_by_payer_service",
                                   {runs, areas, years, models::payer_count,
                                    models::care_service_count},
                                   values);
    write_text_attribute(dataset.get(), "units", "GBP");
    write_text_attribute(dataset.get(), "dimensions", "run,area,year,payer,service");
    write_text_attribute(dataset.get(), "description",
                         "spend by payer and service line; summed over payers and services it "
                         "is cost_total");
    write_text_attribute(dataset.get(), "payers", joined(models::payer_names, ",", as_is));
    write_text_attribute(dataset.get(), "services",
                         joined(models::care_service_names, ",", as_is));
  }
  {
    const auto fields = models::budget_history_fields();
    const hsize_t cycles = result.runs.empty() ? 0 : result.runs.front().cycles;
    std::vector<double> values;
    for (const auto& run : result.runs) {
      values.insert(values.end(), run.budget_history.begin(), run.budget_history.end());
    }
    values.resize(runs * areas * cycles * fields.size(), 0.0);
    Handle dataset = write_doubles(file, "budget_history",
                                   {runs, areas, cycles, static_cast<hsize_t>(fields.size())},
                                   values);
    write_text_attribute(dataset.get(), "dimensions", "run,area,cycle,field");
    write_text_attribute(dataset.get(), "units", "GBP for money, days, levels, capacity units");
    write_text_attribute(dataset.get(), "description",
                         "each area's budget cycle: the levers its funding regime set "
                         "(eligibility threshold as a care-need level 0-3, approval delay in "
                         "days, commissioned capacity) and each budget holder's allocation, "
                         "money available, spend to date, forecast and variance (forecast - "
                         "available) in the budget year");
    write_text_attribute(dataset.get(), "fields", joined(fields, ",", as_is));
  }
}

// Each intervention's return in each run, against its counterfactual run.
void write_intervention_returns(hid_t file, const models::RunPlan& plan,
                                const models::ExperimentResult& result) {
  const models::Scenario& scenario = plan.points.front().scenario;
  if (!models::wants_intervention_returns(scenario)) return;
  const auto fields = models::intervention_return_fields();
  const hsize_t runs = result.runs.size();
  const hsize_t interventions = scenario.interventions.size();
  std::vector<double> values;
  for (const auto& run : result.runs) {
    values.insert(values.end(), run.intervention_returns.begin(), run.intervention_returns.end());
  }
  values.resize(runs * interventions * fields.size(), std::nan(""));
  Handle dataset = write_doubles(file, "intervention_returns",
                                 {runs, interventions, static_cast<hsize_t>(fields.size())},
                                 values);
  write_text_attribute(dataset.get(), "dimensions", "run,intervention,field");
  write_text_attribute(dataset.get(), "units",
                       "GBP for cost and savings; admissions; bed-days; roi in GBP per GBP");
  // The same, one entry per field in the order of `fields`, for readers that
  // label each column (the attribute `units` is one sentence for all).
  // Separated by ';', since a unit may hold a comma ("GBP per GBP invested, net").
  write_text_attribute(dataset.get(), "field_units",
                       joined(fields, ";", models::intervention_return_units));
  write_text_attribute(dataset.get(), "description",
                       "each intervention against a run without it on the same random numbers "
                       "(covered areas only, all measured years): its cost, what each payer "
                       "saves (counterfactual spend minus actual, the intervention's own cost "
                       "left out), admissions, bed days and delayed-discharge days avoided, "
                       "and roi = (savings_public - cost) / cost, NaN when it cost nothing");
  write_text_attribute(dataset.get(), "interventions",
                       joined(scenario.interventions, ",",
                              [](const auto& intervention) { return intervention.name; }));
  write_text_attribute(dataset.get(), "fields", joined(fields, ",", as_is));
}

// The metrics that add up over people, by age band.
void write_measures_by_age_band(hid_t file, const models::ExperimentResult& result) {
  const std::size_t runs = result.runs.size();
  const std::size_t areas = result.areas.size();
  const std::size_t years = result.plan.years;
  Handle group = create_group(file, "measures_by_age_band");
  write_text_attribute(group.get(), "description",
                       "metrics by area, year and age band; a person's band is that of their "
                       "age at the start of the year (the snapshots population_end, "
                       "population_frail_end and the 65+ prevalence ones: at the end of the "
                       "year, as the snapshot is taken); summed over bands "
                       "each is the metric under /measures");
  for (const models::Metric metric : models::age_band_metrics) {
    std::vector<double> values;
    values.reserve(runs * areas * years * models::age_band_count);
    for (const auto& run : result.runs) {
      for (std::size_t a = 0; a < areas; ++a) {
        for (std::size_t y = 0; y < years; ++y) {
          for (std::size_t band = 0; band < models::age_band_count; ++band) {
            // A run left empty (not computed here) reads as zeros.
            values.push_back(run.values_by_age_band.empty()
                                 ? 0.0
                                 : run.value_by_age_band(a, band, metric, y));
          }
        }
      }
    }
    const auto& info = models::metric_info[models::index_of(metric)];
    Handle dataset = write_doubles(group.get(), std::string(info.name),
                                   {runs, areas, years, models::age_band_count}, values);
    write_text_attribute(dataset.get(), "units", std::string(info.unit));
    write_text_attribute(dataset.get(), "description", std::string(info.description));
    write_text_attribute(dataset.get(), "dimensions", "run,area,year,age_band");
    write_text_attribute(dataset.get(), "aggregation",
                         std::string(models::aggregation_name(info.aggregation)));
  }
}

// The deaths and person-years at risk behind the life-expectancy metrics.
// Life tables do not add up, so readers need these to combine areas and
// years as hcsim does: one table of their sums.
void write_life_table(hid_t file, const models::ExperimentResult& result) {
  const std::size_t runs = result.runs.size();
  const std::size_t areas = result.areas.size();
  const std::size_t years = result.plan.years;
  const std::size_t per_run =
      areas * years * models::life_table_sexes * models::life_table_age_groups;
  Handle group = create_group(file, "life_table");
  write_text_attribute(group.get(), "description",
                       "deaths and exact person-years at risk in the measured period by run, "
                       "area, year, sex and age (single years 65-99 and an open 100+ group), "
                       "from which the life_expectancy_at_65 metrics are period life tables "
                       "(a_x = 1/2; open group L = l / m); their total over areas and years is "
                       "the table of the counts summed over areas and years");
  using Counts = std::vector<double> models::ReplicationResult::*;
  for (const auto& [name, counts, units] :
       {std::tuple{"deaths", Counts{&models::ReplicationResult::life_table_deaths}, "people"},
        std::tuple{"exposure", Counts{&models::ReplicationResult::life_table_exposure},
                   "person-years"}}) {
    std::vector<double> values;
    values.reserve(runs * per_run);
    for (const auto& run : result.runs) {
      const auto& of_run = run.*counts;
      // A run left empty (not computed here) reads as zeros.
      if (of_run.size() == per_run) {
        values.insert(values.end(), of_run.begin(), of_run.end());
      } else {
        values.resize(values.size() + per_run, 0.0);
      }
    }
    Handle dataset = write_doubles(
        group.get(), name,
        {runs, areas, years, models::life_table_sexes, models::life_table_age_groups}, values);
    write_text_attribute(dataset.get(), "units", units);
    write_text_attribute(dataset.get(), "dimensions", "run,area,year,sex,age");
  }
  write_texts(group.get(), "sex", {"male", "female"});
  std::vector<std::string> ages;
  for (int age = models::life_table_first_age; age < models::life_table_open_age; ++age) {
    ages.push_back(std::to_string(age));
  }
  ages.push_back(std::to_string(models::life_table_open_age) + "+");
  write_texts(group.get(), "age", ages);
}

// Per point, metric, area and year: the statistics across replications.
void write_summary_by_area_year(hid_t file, const models::RunPlan& plan,
                                const models::ExperimentResult& result) {
  const std::size_t points = plan.points.size();
  const std::size_t areas = result.areas.size();
  const std::size_t years = result.plan.years;
  const std::size_t cells = points * models::metric_count * areas * years;
  std::vector<double> mean(cells), sd(cells), low(cells), high(cells);
  const double nan = std::nan("");
  std::vector<double> values;
  std::size_t cell = 0;
  for (std::size_t p = 0; p < points; ++p) {
    const auto runs = result.runs_of(p);
    for (std::size_t m = 0; m < models::metric_count; ++m) {
      for (std::size_t a = 0; a < areas; ++a) {
        for (std::size_t y = 0; y < years; ++y, ++cell) {
          values.clear();
          for (const auto* run : runs) values.push_back(run->value(a, static_cast<models::Metric>(m), y));
          const auto stats = sim::summarise(values);
          mean[cell] = stats.mean;
          sd[cell] = stats.count > 1 ? stats.standard_deviation : nan;
          low[cell] = stats.ci95_low.value_or(nan);
          high[cell] = stats.ci95_high.value_or(nan);
        }
      }
    }
  }
  Handle group = create_group(file, "summary_by_area_year");
  write_text_attribute(group.get(), "dimensions", "point,metric,area,year");
  write_text_attribute(group.get(), "description",
                       "over the replications of each sweep point: mean, sample standard "
                       "deviation and Student t 95% interval of each metric per area and year "
                       "(NaN with one replication); metric order as /dimensions/metric");
  const std::vector<hsize_t> shape{points, models::metric_count, areas, years};
  write_doubles(group.get(), "mean", shape, mean);
  write_doubles(group.get(), "sd", shape, sd);
  write_doubles(group.get(), "ci95_low", shape, low);
  write_doubles(group.get(), "ci95_high", shape, high);
}


void write_file(hid_t file, const models::RunPlan& plan, const models::ExperimentResult& result,
                const std::string& command_line, const std::string& hcsim_version) {
  const models::Scenario& scenario = plan.points.front().scenario;
  write_text_attribute(file, "format", "hcsim-results");
  write_int64_attribute(file, "format_version", results_format_version);
  write_text_attribute(file, "hcsim_version", hcsim_version);
  write_text_attribute(file, "scenario", scenario.name);
  write_uint64_attribute(file, "seed", plan.seed);
  write_int64_attribute(file, "replications", plan.replications);
  write_int64_attribute(file, "points", static_cast<std::int64_t>(plan.points.size()));
  write_double_attribute(file, "horizon_years", scenario.horizon_years);
  write_double_attribute(file, "warmup_days", scenario.warmup_days);
  write_double_attribute(file, "population_scale", scenario.population_scale);
  write_text_attribute(file, "plan_fingerprint", plan.fingerprint(hcsim_version));

  {
    Handle manifest = create_group(file, "manifest");
    write_text(manifest.get(), "scenario_yaml", scenario.resolved_yaml);
    write_text(manifest.get(), "default_parameters_yaml",
               std::string(models::default_parameters_text()));
    write_text(manifest.get(), "command_line", command_line);
  }

  const std::size_t runs = result.runs.size();
  const std::size_t points = plan.points.size();
  const std::size_t areas = result.areas.size();
  const std::size_t years = result.plan.years;
  {
    Handle dimensions = create_group(file, "dimensions");
    std::vector<std::int64_t> replication_index(static_cast<std::size_t>(plan.replications));
    for (std::size_t r = 0; r < replication_index.size(); ++r) {
      replication_index[r] = static_cast<std::int64_t>(r);
    }
    write_int64s(dimensions.get(), "replication", {replication_index.size()}, replication_index);
    std::vector<std::int64_t> point_index(points);
    for (std::size_t p = 0; p < points; ++p) point_index[p] = static_cast<std::int64_t>(p);
    write_int64s(dimensions.get(), "point", {points}, point_index);
    std::vector<std::string> area_names;
    for (const auto& area : result.areas) area_names.push_back(area.name);
    write_texts(dimensions.get(), "area", area_names);
    std::vector<std::int64_t> year_index(years);
    for (std::size_t y = 0; y < years; ++y) year_index[y] = static_cast<std::int64_t>(y + 1);
    Handle year = write_int64s(dimensions.get(), "year", {years}, year_index);
    write_text_attribute(year.get(), "description",
                         "reporting year after warm-up; year k covers days [warmup + 365.25 "
                         "(k - 1), warmup + 365.25 k)");
    std::vector<std::string> metric_names;
    for (const auto& info : models::metric_info) metric_names.emplace_back(info.name);
    write_texts(dimensions.get(), "metric", metric_names);
    std::vector<std::string> band_names(models::age_band_names.begin(),
                                        models::age_band_names.end());
    write_texts(dimensions.get(), "age_band", band_names);
  }
  {
    Handle point_group = create_group(file, "points");
    write_text_attribute(point_group.get(), "sweep_method", plan.sweep_method);
    std::vector<std::string> labels, yamls;
    std::vector<double> values;
    for (const auto& point : plan.points) {
      labels.push_back(point.label);
      yamls.push_back(point.scenario.resolved_yaml);
      values.insert(values.end(), point.values.begin(), point.values.end());
    }
    write_texts(point_group.get(), "label", labels);
    write_texts(point_group.get(), "scenario_yaml", yamls);
    write_texts(point_group.get(), "keys", plan.sweep_keys);
    Handle value_set =
        write_doubles(point_group.get(), "values", {points, plan.sweep_keys.size()}, values);
    write_text_attribute(value_set.get(), "description",
                         "numeric value of each sweep key at each point; NaN for words");
  }
  {
    Handle area_group = create_group(file, "areas");
    std::vector<std::int64_t> people, beds, places;
    for (const auto& area : result.areas) {
      people.push_back(area.people);
      beds.push_back(area.hospital_beds);
      places.push_back(area.care_home_places);
    }
    for (auto [name, values] : {std::pair{"people", &people}, std::pair{"hospital_beds", &beds},
                                std::pair{"care_home_places", &places}}) {
      Handle dataset = write_int64s(area_group.get(), name, {areas}, *values);
      write_text_attribute(dataset.get(), "description",
                           "simulated (scaled) count per area, at the first sweep point");
    }
  }
  {
    Handle run_group = create_group(file, "runs");
    std::vector<std::int64_t> point_of, replication_of;
    std::vector<std::uint64_t> events;
    for (const auto& run : result.runs) {
      point_of.push_back(static_cast<std::int64_t>(run.point));
      replication_of.push_back(run.replication);
      events.push_back(run.events);
    }
    write_int64s(run_group.get(), "point", {runs}, point_of);
    write_int64s(run_group.get(), "replication", {runs}, replication_of);
    write_uint64s(run_group.get(), "events", {runs}, events);
  }
  {
    Handle measures = create_group(file, "measures");
    for (std::size_t m = 0; m < models::metric_count; ++m) {
      const auto metric = static_cast<models::Metric>(m);
      std::vector<double> values;
      values.reserve(runs * areas * years);
      for (const auto& run : result.runs) {
        for (std::size_t a = 0; a < areas; ++a) {
          for (std::size_t y = 0; y < years; ++y) values.push_back(run.value(a, metric, y));
        }
      }
      const auto& info = models::metric_info[m];
      Handle dataset =
          write_doubles(measures.get(), std::string(info.name), {runs, areas, years}, values);
      write_text_attribute(dataset.get(), "units", std::string(info.unit));
      write_text_attribute(dataset.get(), "description", std::string(info.description));
      write_text_attribute(dataset.get(), "dimensions", "run,area,year");
      // How the metric adds up over areas and years, so readers total it as
      // hcsim does: sum; ratio (sum of numerator / sum of denominator x
      // scale); daily_level (sum of numerator / (sum of measured_days /
      // areas)); last_year (the last year's value, added over areas);
      // life_table (a life table of /life_table's counts summed).
      write_text_attribute(dataset.get(), "aggregation",
                           std::string(models::aggregation_name(info.aggregation)));
      if (info.aggregation == models::Aggregation::ratio ||
          info.aggregation == models::Aggregation::daily_level) {
        write_text_attribute(dataset.get(), "numerator",
                             std::string(models::metric_info[info.numerator].name));
      }
      if (info.aggregation == models::Aggregation::ratio) {
        write_text_attribute(dataset.get(), "denominator",
                             std::string(models::metric_info[info.denominator].name));
        write_double_attribute(dataset.get(), "scale", info.scale);
      }
      // life_table: the table of /life_table's counts of this sex, summed.
      if (info.aggregation == models::Aggregation::life_table) {
        write_text_attribute(dataset.get(), "sex",
                             models::life_table_sex(metric) == models::Sex::female ? "female"
                                                                                    : "male");
      }
    }
  }
  write_measures_by_age_band(file, result);
  write_life_table(file, result);
  write_summary_by_area_year(file, plan, result);
  write_transitions(file, result);
  write_costs_and_budgets(file, result);
  write_intervention_returns(file, plan, result);
  {
    Handle summary = create_group(file, "summary");
    std::vector<std::int64_t> point_of;
    std::vector<std::string> names;
    std::vector<double> mean, sd, low, high;
    const double nan = std::nan("");
    for (std::size_t p = 0; p < points; ++p) {
      for (const auto& [metric, stats] : summarise_metrics(result, p)) {
        point_of.push_back(static_cast<std::int64_t>(p));
        names.emplace_back(models::metric_info[models::index_of(metric)].name);
        mean.push_back(stats.mean);
        sd.push_back(stats.count > 1 ? stats.standard_deviation : nan);
        low.push_back(stats.ci95_low.value_or(nan));
        high.push_back(stats.ci95_high.value_or(nan));
      }
      for (const auto& named : summarise_intervention_returns(plan, result, p)) {
        const sim::Summary stats = named.summary.value_or(sim::Summary{0, nan, nan, {}, {}});
        point_of.push_back(static_cast<std::int64_t>(p));
        names.push_back(named.name);
        mean.push_back(stats.mean);
        sd.push_back(stats.count > 1 ? stats.standard_deviation : nan);
        low.push_back(stats.ci95_low.value_or(nan));
        high.push_back(stats.ci95_high.value_or(nan));
      }
    }
    write_int64s(summary.get(), "point", {point_of.size()}, point_of);
    write_texts(summary.get(), "metric", names);
    for (auto [name, values] : {std::pair{"mean", &mean}, std::pair{"sd", &sd},
                                std::pair{"ci95_low", &low}, std::pair{"ci95_high", &high}}) {
      Handle dataset = write_doubles(summary.get(), name, {names.size()}, *values);
      write_text_attribute(dataset.get(), "description",
                           "over the replications of one sweep point, of each metric's total "
                           "over areas and measured years; Student t 95% interval; NaN with "
                           "one replication");
    }
  }
}

}  // namespace

std::string temporary_name_for(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

void write_hdf5_atomically(const std::string& path, const std::function<void(hid_t)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path temporary = temporary_name_for(path);
  const auto cannot_write = [&](const std::string& why) {
    return OutputError("cannot write " + path + ": " + why + "; nothing was written there");
  };
  try {
    {
      std::optional<OutputFile> file;
      try {
        file.emplace(temporary.string());
      } catch (const OutputError& error) {
        throw cannot_write(error.what());
      }
      try {
        write(file->get());
        file->close();
      } catch (const OutputError& error) {
        if (!file->failed()) throw cannot_write(error.what());
        // The cause first: "No space left on device (HDF5 failed to write occupancy)".
        const std::string what = file->failure().empty() ? error.what() : file->failure();
        throw cannot_write(file->cause().empty() ? what : file->cause() + " (" + what + ")");
      }
    }
    // On the disk before it takes the target's name, so that a crash of the
    // machine cannot leave the name on a file not yet written.
    const int descriptor = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0 || ::fsync(descriptor) != 0) {
      const int error_number = errno;
      if (descriptor >= 0) ::close(descriptor);
      throw cannot_write(std::generic_category().message(error_number) + " (saving " +
                         temporary.string() + " to the disk)");
    }
    ::close(descriptor);
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
      throw cannot_write("cannot move " + temporary.string() + " to it: " + error.message());
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

void write_results(const std::string& path, const models::RunPlan& plan,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version) {
  write_hdf5_atomically(path, [&](hid_t file) {
    write_file(file, plan, result, command_line, hcsim_version);
  });
}

void write_results(const std::string& path, const models::Scenario& scenario,
                   const models::ExperimentResult& result, const std::string& command_line,
                   const std::string& hcsim_version) {
  write_results(path, models::single_point_plan(scenario), result, command_line, hcsim_version);
}

}  // namespace hcsim::results
