#include "results/results_reader.hpp"

#include <algorithm>

#include "models/input_error.hpp"
#include "models/interventions/intervention_returns.hpp"
#include "models/life_table_counts.hpp"
#include "results/hdf5_io.hpp"
#include "results/hdf5_results.hpp"

namespace hcsim::results {
namespace {

[[noreturn]] void bad_file(const std::string& path, const std::string& message) {
  throw models::InputError(models::Diagnostic{path, 0, 0, "", message});
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

// Each intervention's returns (/intervention_returns [run, intervention,
// field]) as metrics of one value a run, named as in the JSON summary
// (roi_<name>, savings_nhs_<name>, ...), so that compare and replications
// treat them like any other metric. NaN where a return is undefined (roi of
// an intervention that cost nothing).
void read_intervention_returns(hid_t id, const std::string& path, StoredResults& stored) {
  constexpr const char* dataset_path = "/intervention_returns";
  if (!has_link(id, dataset_path)) return;
  std::vector<hsize_t> shape;
  const std::vector<double> values = read_doubles(id, dataset_path, shape, path);
  Handle dataset(H5Dopen2(id, dataset_path, H5P_DEFAULT), H5Dclose, dataset_path);
  const auto interventions = split_commas(read_text_attribute(dataset.get(), "interventions", path));
  const auto fields = split_commas(read_text_attribute(dataset.get(), "fields", path));
  if (shape.size() != 3 || shape[0] != stored.run_point.size() ||
      shape[1] != interventions.size() || shape[2] != fields.size()) {
    bad_file(path, std::string(dataset_path) +
                       " does not have shape [runs, interventions, fields] as its "
                       "'interventions' and 'fields' attributes name them");
  }
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      StoredMetric metric;
      metric.name = models::intervention_metric_name(fields[f], interventions[i]);
      metric.units = models::intervention_return_units(fields[f]);
      for (std::size_t run = 0; run < shape[0]; ++run) {
        metric.totals.push_back(values[(run * interventions.size() + i) * fields.size() + f]);
      }
      stored.metrics.push_back(std::move(metric));
    }
  }
}

}  // namespace

const StoredMetric* StoredResults::find(const std::string& name) const {
  for (const auto& metric : metrics) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

std::vector<double> StoredResults::totals_of(const StoredMetric& metric,
                                             std::int64_t point) const {
  std::vector<double> selected;
  for (std::size_t run = 0; run < metric.totals.size() && run < run_point.size(); ++run) {
    if (run_point[run] == point) selected.push_back(metric.totals[run]);
  }
  return selected;
}

StoredResults read_results(const std::string& path) {
  const Handle file = open_for_reading(path);
  const hid_t id = file.get();
  const std::string format = read_text_attribute(id, "format", path);
  if (format == "hcsim-flow-results") {
    bad_file(path, "holds flow-only results (daily series per service; see "
                   "docs/results-format.md), which this command does not read");
  }
  if (format != "hcsim-results") {
    bad_file(path, "is not an hcsim results file (format attribute)");
  }
  const std::int64_t version = read_int64_attribute(id, "format_version", path);
  if (version < 1 || version > results_format_version) {
    bad_file(path, "has results format version " + std::to_string(version) +
                       "; this hcsim reads 1 to " + std::to_string(results_format_version));
  }
  StoredResults stored;
  stored.path = path;
  stored.scenario = read_text_attribute(id, "scenario", path);
  stored.hcsim_version = read_text_attribute(id, "hcsim_version", path);
  stored.seed = read_uint64_attribute(id, "seed", path);
  stored.replications = read_int64_attribute(id, "replications", path);
  if (version >= 2) {
    stored.points = read_int64_attribute(id, "points", path);
    stored.point_labels = read_texts(id, "/points/label", path);
    stored.run_point = read_int64s(id, "/runs/point", path);
  } else {
    stored.point_labels = {""};
    stored.run_point.assign(static_cast<std::size_t>(stored.replications), 0);
  }

  // Every metric's values per run and cell first; totals follow each
  // metric's aggregation (attributes written by hdf5_results; a file
  // without them is all sums).
  struct Cells {
    std::vector<double> values;  // [run][area][year]
    std::string aggregation = "sum", numerator, denominator, sex;
    double scale = 1.0;
  };
  const auto names = read_texts(id, "/dimensions/metric", path);
  std::vector<Cells> cells(names.size());
  std::size_t areas = 0;
  std::size_t years = 0;
  for (std::size_t m = 0; m < names.size(); ++m) {
    const std::string dataset_path = "/measures/" + names[m];
    std::vector<hsize_t> shape;
    cells[m].values = read_doubles(id, dataset_path, shape, path);
    if (shape.size() != 3) bad_file(path, dataset_path + " is not 3-dimensional");
    if (shape[0] != stored.run_point.size()) {
      bad_file(path, dataset_path + " has " + std::to_string(shape[0]) + " runs, /runs/point " +
                         std::to_string(stored.run_point.size()));
    }
    areas = shape[1];
    years = shape[2];
    StoredMetric metric;
    metric.name = names[m];
    Handle dataset(H5Dopen2(id, dataset_path.c_str(), H5P_DEFAULT), H5Dclose, dataset_path);
    metric.units = read_text_attribute(dataset.get(), "units", path);
    if (H5Aexists(dataset.get(), "aggregation") > 0) {
      cells[m].aggregation = read_text_attribute(dataset.get(), "aggregation", path);
      if (H5Aexists(dataset.get(), "numerator") > 0) {
        cells[m].numerator = read_text_attribute(dataset.get(), "numerator", path);
      }
      if (H5Aexists(dataset.get(), "denominator") > 0) {
        cells[m].denominator = read_text_attribute(dataset.get(), "denominator", path);
        cells[m].scale = read_double_attribute(dataset.get(), "scale", path);
      }
      if (H5Aexists(dataset.get(), "sex") > 0) {
        cells[m].sex = read_text_attribute(dataset.get(), "sex", path);
      }
    }
    stored.metrics.push_back(std::move(metric));
  }
  auto index_of_name = [&](const std::string& name) {
    for (std::size_t m = 0; m < names.size(); ++m) {
      if (names[m] == name) return m;
    }
    bad_file(path, "names metric '" + name + "' in an aggregation but has no such measure");
  };
  const std::size_t per_run = areas * years;
  auto sum = [&](std::size_t m, std::size_t run, bool last_year_only) {
    double total = 0.0;
    for (std::size_t a = 0; a < areas; ++a) {
      for (std::size_t y = last_year_only && years > 0 ? years - 1 : 0; y < years; ++y) {
        total += cells[m].values[run * per_run + a * years + y];
      }
    }
    return total;
  };
  // Deaths and person-years behind life-table metrics [run][area][year][sex][age],
  // read when a metric needs them.
  std::vector<double> life_table_deaths, life_table_exposure;
  auto life_expectancy = [&](const std::string& sex, std::size_t run) {
    if (life_table_deaths.empty()) {
      const std::vector<hsize_t> expected{stored.run_point.size(), areas, years,
                                          models::life_table_sexes,
                                          models::life_table_age_groups};
      for (auto [name, counts] : {std::pair{"/life_table/deaths", &life_table_deaths},
                                  std::pair{"/life_table/exposure", &life_table_exposure}}) {
        std::vector<hsize_t> shape;
        *counts = read_doubles(id, name, shape, path);
        if (shape != expected) {
          bad_file(path, std::string(name) + " does not have shape [runs, areas, years, 2, " +
                             std::to_string(models::life_table_age_groups) + "]");
        }
      }
    }
    if (sex != "male" && sex != "female") {
      bad_file(path, "names sex '" + sex + "' for a life-table metric; expected male or female");
    }
    const std::size_t offset = sex == "female" ? models::life_table_age_groups : 0;
    models::LifeTableColumn deaths{}, exposure{};
    for (std::size_t a = 0; a < areas; ++a) {
      for (std::size_t y = 0; y < years; ++y) {
        const std::size_t at = ((run * areas + a) * years + y) * models::life_table_sexes *
                                   models::life_table_age_groups +
                               offset;
        for (std::size_t group = 0; group < models::life_table_age_groups; ++group) {
          deaths[group] += life_table_deaths[at + group];
          exposure[group] += life_table_exposure[at + group];
        }
      }
    }
    return models::period_life_expectancy(deaths, exposure);
  };
  for (std::size_t m = 0; m < names.size(); ++m) {
    const Cells& metric = cells[m];
    for (std::size_t run = 0; run < stored.run_point.size(); ++run) {
      double total = 0.0;
      if (metric.aggregation == "life_table") {
        total = life_expectancy(metric.sex, run);
      } else if (metric.aggregation == "ratio") {
        const double denominator = sum(index_of_name(metric.denominator), run, false);
        total = denominator > 0.0
                    ? sum(index_of_name(metric.numerator), run, false) / denominator * metric.scale
                    : 0.0;
      } else if (metric.aggregation == "daily_level") {
        const double days = sum(index_of_name("measured_days"), run, false);
        total = days > 0.0 ? sum(index_of_name(metric.numerator), run, false) /
                                 (days / static_cast<double>(areas))
                           : 0.0;
      } else {
        total = sum(m, run, metric.aggregation == "last_year");
      }
      stored.metrics[m].totals.push_back(total);
    }
  }
  read_intervention_returns(id, path, stored);
  return stored;
}

}  // namespace hcsim::results
