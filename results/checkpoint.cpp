#include "results/checkpoint.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "models/input_error.hpp"
#include "models/life_table_counts.hpp"
#include "results/hdf5_io.hpp"
#include "results/hdf5_results.hpp"

namespace hcsim::results {
namespace fs = std::filesystem;

namespace {

constexpr const char* fingerprint_file = "plan.txt";

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
  throw models::InputError(models::Diagnostic{path, 0, 0, "--out", message});
}

}  // namespace

Checkpoint::Checkpoint(const std::string& out_path, std::string fingerprint)
    : out_path_(out_path), directory_(out_path + ".runs"), fingerprint_(std::move(fingerprint)) {}

std::string Checkpoint::run_file(std::size_t run) const {
  return (fs::path(directory_) / ("run-" + std::to_string(run) + ".h5")).string();
}

void Checkpoint::start() {
  if (fs::exists(directory_)) {
    refuse(out_path_, "an interrupted plan left its finished runs in " + directory_ +
                          "; add --resume to complete it, or remove that folder to start over");
  }
  // The folder appears whole, plan and all: it is made under a temporary
  // name and renamed into place, so a kill at any moment leaves either no
  // folder or one that --resume can read (a folder made first and filled
  // after was left without its plan by a kill in between).
  const fs::path building = temporary_name_for(directory_);
  std::error_code ignored;
  try {
    fs::remove_all(building, ignored);  // a folder of an earlier process of this number
    fs::create_directories(building);
    const fs::path plan_file = building / fingerprint_file;
    errno = 0;
    std::ofstream out(plan_file);
    out << fingerprint_ << "\n";
    // A full disk shows only when the buffer is written out, at close.
    out.close();
    if (!out) {
      const int error_number = errno;
      throw OutputError("cannot write " + plan_file.string() +
                        (error_number ? ": " + std::generic_category().message(error_number)
                                      : std::string()));
    }
    fs::rename(building, directory_);
  } catch (...) {
    fs::remove_all(building, ignored);
    throw;
  }
}

std::vector<std::optional<models::ReplicationResult>> Checkpoint::resume(
    const models::RunPlan& plan, std::size_t areas, std::size_t years) {
  const std::size_t run_count = plan.run_count();
  if (!fs::is_directory(directory_)) {
    refuse(out_path_, "--resume found no interrupted plan (" + directory_ +
                          " does not exist); run without --resume");
  }
  const fs::path plan_file = fs::path(directory_) / fingerprint_file;
  if (!fs::exists(plan_file)) {
    refuse(out_path_, directory_ + " holds no " + fingerprint_file +
                          ", so which plan its runs belong to is unknown (an earlier hcsim "
                          "could leave it so when killed as it started); remove the folder to "
                          "start over");
  }
  std::ifstream in(plan_file);
  std::string stored;
  in >> stored;
  if (stored != fingerprint_) {
    refuse(out_path_, "the interrupted plan in " + directory_ +
                          " was a different plan (scenario, overrides, seed, replications or "
                          "hcsim version differ); nothing was changed. Rerun it as it was, or "
                          "remove the folder to start over");
  }
  redone_.clear();
  std::vector<std::optional<models::ReplicationResult>> finished(run_count);
  for (std::size_t run = 0; run < run_count; ++run) {
    const std::string path = run_file(run);
    if (!fs::exists(path)) continue;
    // A file that cannot be trusted costs its run, not the plan: the run is
    // done again and its file replaced.
    try {
      finished[run] = read_run(path, run, plan, areas, years);
    } catch (const models::InputError& error) {
      const auto& diagnostics = error.diagnostics();
      redone_.push_back(path + ": " + (diagnostics.empty() ? error.what()
                                                           : diagnostics.front().message) +
                        "; run " + std::to_string(run) + " is done again");
    } catch (const OutputError& error) {
      redone_.push_back(path + ": " + error.what() + "; run " + std::to_string(run) +
                        " is done again");
    }
  }
  return finished;
}

models::ReplicationResult Checkpoint::read_run(const std::string& path, std::size_t run,
                                               const models::RunPlan& plan, std::size_t areas,
                                               std::size_t years) const {
  const Handle file = open_for_reading(path);
  const hid_t id = file.get();
  if (read_text_attribute(id, "plan_fingerprint", path) != fingerprint_) {
    refuse(path, "belongs to a different plan");
  }
  // The file's own record of which run it holds: a file copied or renamed
  // over another run's must not pass for it.
  const std::int64_t recorded_run = read_int64_attribute(id, "run", path);
  if (recorded_run != static_cast<std::int64_t>(run)) {
    refuse(path, "holds run " + std::to_string(recorded_run) + ", not run " +
                     std::to_string(run) + " as its name says");
  }
  models::ReplicationResult result;
  const std::int64_t point = read_int64_attribute(id, "point", path);
  result.replication = read_int64_attribute(id, "replication", path);
  if (point < 0 || static_cast<std::size_t>(point) != plan.point_of(run) ||
      result.replication != plan.replication_of(run)) {
    refuse(path, "holds point " + std::to_string(point) + ", replication " +
                     std::to_string(result.replication) + "; run " + std::to_string(run) +
                     " of the plan is point " + std::to_string(plan.point_of(run)) +
                     ", replication " + std::to_string(plan.replication_of(run)));
  }
  result.point = static_cast<std::size_t>(point);
  result.events = read_uint64_attribute(id, "events", path);
  result.areas = areas;
  result.years = years;
  std::vector<hsize_t> shape;
  result.values = read_doubles(id, "values", shape, path);
  if (result.values.size() != areas * models::metric_count * years) {
    refuse(path, "holds " + std::to_string(result.values.size()) + " values, expected " +
                     std::to_string(areas * models::metric_count * years));
  }
  result.cost_by_payer_service = read_doubles(id, "cost_by_payer_service", shape, path);
  result.budget_history = read_doubles(id, "budget_history", shape, path);
  result.cycles = static_cast<std::size_t>(read_int64_attribute(id, "cycles", path));
  result.intervention_returns = read_doubles(id, "intervention_returns", shape, path);
  const std::size_t banded =
      areas * models::age_band_count * models::age_band_metric_count * years;
  if (!has_link(id, "values_by_age_band")) {
    refuse(path, "has no measures by age band (an earlier hcsim wrote it)");
  }
  result.values_by_age_band = read_doubles(id, "values_by_age_band", shape, path);
  if (result.values_by_age_band.size() != banded) {
    refuse(path, "holds " + std::to_string(result.values_by_age_band.size()) +
                     " values by age band, expected " + std::to_string(banded));
  }
  const std::size_t life_table_cells =
      areas * years * models::life_table_sexes * models::life_table_age_groups;
  if (!has_link(id, "life_table_deaths") || !has_link(id, "life_table_exposure")) {
    refuse(path, "has no life-table counts (an earlier hcsim wrote it)");
  }
  result.life_table_deaths = read_doubles(id, "life_table_deaths", shape, path);
  result.life_table_exposure = read_doubles(id, "life_table_exposure", shape, path);
  if (result.life_table_deaths.size() != life_table_cells ||
      result.life_table_exposure.size() != life_table_cells) {
    refuse(path, "holds " + std::to_string(result.life_table_deaths.size()) + " and " +
                     std::to_string(result.life_table_exposure.size()) +
                     " life-table counts, expected " + std::to_string(life_table_cells));
  }
  const auto names = read_texts(id, "area", path);
  const auto people = read_int64s(id, "people", path);
  const auto beds = read_int64s(id, "hospital_beds", path);
  const auto places = read_int64s(id, "care_home_places", path);
  if (names.size() != areas || people.size() != areas || beds.size() != areas ||
      places.size() != areas) {
    refuse(path, "describes " + std::to_string(names.size()) + " areas, expected " +
                     std::to_string(areas));
  }
  for (std::size_t a = 0; a < areas; ++a) {
    result.facts.push_back({names[a], people[a], beds[a], places[a]});
  }
  return result;
}

void Checkpoint::save(std::size_t run, const models::ReplicationResult& result) const {
  write_hdf5_atomically(run_file(run), [&](hid_t file) {
    write_text_attribute(file, "plan_fingerprint", fingerprint_);
    write_int64_attribute(file, "run", static_cast<std::int64_t>(run));
    write_int64_attribute(file, "point", static_cast<std::int64_t>(result.point));
    write_int64_attribute(file, "replication", result.replication);
    write_uint64_attribute(file, "events", result.events);
    Handle values = write_doubles(file, "values", {result.values.size()}, result.values);
    write_text_attribute(values.get(), "dimensions", "area,metric,year (flattened)");
    write_doubles(file, "cost_by_payer_service", {result.cost_by_payer_service.size()},
                  result.cost_by_payer_service);
    write_doubles(file, "budget_history", {result.budget_history.size()}, result.budget_history);
    write_int64_attribute(file, "cycles", static_cast<std::int64_t>(result.cycles));
    write_doubles(file, "intervention_returns", {result.intervention_returns.size()},
                  result.intervention_returns);
    Handle banded = write_doubles(file, "values_by_age_band", {result.values_by_age_band.size()},
                                  result.values_by_age_band);
    write_text_attribute(banded.get(), "dimensions",
                         "area,age_band,metric (models::age_band_metrics order),year (flattened)");
    for (const auto& [name, counts] :
         {std::pair{"life_table_deaths", &result.life_table_deaths},
          std::pair{"life_table_exposure", &result.life_table_exposure}}) {
      Handle dataset = write_doubles(file, name, {counts->size()}, *counts);
      write_text_attribute(dataset.get(), "dimensions", "area,year,sex,age (flattened)");
    }
    std::vector<std::string> names;
    std::vector<std::int64_t> people, beds, places;
    for (const auto& fact : result.facts) {
      names.push_back(fact.name);
      people.push_back(fact.people);
      beds.push_back(fact.hospital_beds);
      places.push_back(fact.care_home_places);
    }
    write_texts(file, "area", names);
    write_int64s(file, "people", {people.size()}, people);
    write_int64s(file, "hospital_beds", {beds.size()}, beds);
    write_int64s(file, "care_home_places", {places.size()}, places);
  });
}

void Checkpoint::remove() const {
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

}  // namespace hcsim::results
