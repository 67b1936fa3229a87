#include "models/run_plan.hpp"

#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "models/input_error.hpp"
#include "models/random_purpose.hpp"
#include "models/yaml_reader.hpp"
#include "sim/random_stream.hpp"

namespace hcsim::models {
namespace {

// Latin hypercube draws use their own stream family, apart from any person's.
constexpr std::uint64_t latin_hypercube_replication = ~std::uint64_t{0};
constexpr std::int64_t max_points = 100000;

struct SweepSpec {
  std::string method = "none";
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> point_values;  // per point, per key, as text
};

std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

double as_number(const std::string& text) {
  double value = std::nan("");
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nan("");
  return value;
}

void read_grid(MapReader& grid, SweepSpec& spec) {
  std::vector<std::vector<std::string>> axes;
  for (const auto& key : grid.keys()) {
    std::vector<std::string> axis;
    if (!grid.texts(key, axis)) continue;
    spec.keys.push_back(key);
    axes.push_back(std::move(axis));
  }
  if (axes.empty()) {
    grid.error("", "expected at least one key path with a list of values");
    return;
  }
  std::int64_t total = 1;
  for (const auto& axis : axes) {
    total *= static_cast<std::int64_t>(axis.size());
    if (total > max_points) {
      grid.error("", "the grid has more than " + std::to_string(max_points) + " points");
      return;
    }
  }
  // The last key varies fastest, as nested loops written in file order would.
  for (std::int64_t point = 0; point < total; ++point) {
    std::vector<std::string> values(axes.size());
    auto rest = static_cast<std::size_t>(point);
    for (std::size_t k = axes.size(); k-- > 0;) {
      values[k] = axes[k][rest % axes[k].size()];
      rest /= axes[k].size();
    }
    spec.point_values.push_back(std::move(values));
  }
}

// McKay's Latin hypercube: each range is cut into N equal strata, each point
// takes one stratum per key (a random permutation per key) and a uniform
// position inside it. Draws come from Philox streams of the plan's seed.
void read_latin_hypercube(MapReader& lhs, std::uint64_t seed, SweepSpec& spec) {
  std::int64_t points = 0;
  if (!lhs.has("points")) lhs.error("", "a latin_hypercube needs 'points' (how many)");
  lhs.count("points", points, 1, max_points);
  if (!lhs.has("ranges")) lhs.error("", "a latin_hypercube needs 'ranges' (key.path: [low, high])");
  MapReader ranges = lhs.map("ranges");
  std::vector<std::pair<double, double>> bounds;
  for (const auto& key : ranges.keys()) {
    std::vector<double> range;
    ranges.numbers(key, range, Limits{});
    if (range.size() != 2 || !(range[0] < range[1])) {
      if (!range.empty()) ranges.error(key, "expected [low, high] with low < high");
      continue;
    }
    spec.keys.push_back(key);
    bounds.emplace_back(range[0], range[1]);
  }
  if (spec.keys.empty() && lhs.has("ranges")) {
    ranges.error("", "expected at least one key path with a [low, high] range");
  }
  ranges.finish();
  if (points < 1 || spec.keys.empty()) return;

  const auto n = static_cast<std::size_t>(points);
  const sim::RandomStreams streams(seed, latin_hypercube_replication);
  spec.point_values.assign(n, std::vector<std::string>(spec.keys.size()));
  boost::random::uniform_01<double> uniform;
  for (std::size_t k = 0; k < spec.keys.size(); ++k) {
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    auto shuffle = streams.stream(k, 1, 0);
    for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates
      boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
      std::swap(strata[i - 1], strata[pick(shuffle)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      auto position = streams.stream(k, 2, i);
      const double unit = (static_cast<double>(strata[i]) + uniform(position)) /
                          static_cast<double>(n);
      const auto [low, high] = bounds[k];
      spec.point_values[i][k] = number_text(low + (high - low) * unit);
    }
  }
}

SweepSpec read_sweep(const YAML::Node& root, const std::string& file, const NodeOrigins& origins,
                     std::uint64_t seed, Diagnostics& diagnostics) {
  SweepSpec spec;
  MapReader top(root, file, "", diagnostics);
  top.set_origins(&origins);
  if (!top.has(sweep_key)) return spec;
  MapReader sweep = top.map(sweep_key);
  const bool grid = sweep.has("grid");
  const bool lhs = sweep.has("latin_hypercube");
  // A sweep that is not a mapping has been refused as such already.
  if (grid == lhs && top.is_mapping(sweep_key)) {
    sweep.error("", "expected exactly one of 'grid' or 'latin_hypercube'");
  }
  if (grid) {
    spec.method = "grid";
    MapReader grid_reader = sweep.map("grid");
    read_grid(grid_reader, spec);
  } else {
    sweep.accept("grid");
  }
  if (lhs) {
    spec.method = "latin_hypercube";
    MapReader lhs_reader = sweep.map("latin_hypercube");
    read_latin_hypercube(lhs_reader, seed, spec);
    lhs_reader.finish();
  } else {
    sweep.accept("latin_hypercube");
  }
  sweep.finish();
  for (const auto& key : spec.keys) {
    if (key == "replications" || key == "seed" || key.rfind(sweep_key, 0) == 0) {
      sweep.error("", "'" + key + "' cannot be swept: every point shares the seed and the "
                      "replications, so that points are compared on common random numbers");
    }
  }
  return spec;
}

std::uint64_t fnv1a(std::uint64_t hash, const std::string& text) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

std::string RunPlan::fingerprint(const std::string& hcsim_version) const {
  std::uint64_t hash = 14695981039346656037ull;
  hash = fnv1a(hash, hcsim_version);
  hash = fnv1a(hash, "draw scheme " + std::to_string(draw_scheme));
  hash = fnv1a(hash, std::string(default_parameters_text()));
  hash = fnv1a(hash, std::to_string(seed) + "/" + std::to_string(replications));
  for (const auto& point : points) hash = fnv1a(hash, point.scenario.resolved_yaml);
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

RunPlan single_point_plan(Scenario scenario) {
  RunPlan plan;
  plan.file = scenario.file;
  plan.seed = scenario.seed;
  plan.replications = scenario.replications;
  SweepPoint point;
  point.scenario = std::move(scenario);
  plan.points.push_back(std::move(point));
  return plan;
}

namespace {

// A problem found at one or more sweep points, said once.
struct PointProblem {
  Diagnostic diagnostic;
  std::size_t points = 0;  // at how many points
};

// Sweep points report values they set as coming from "sweep point N (...)";
// the same mistake at another point differs only in that label.
std::string problem_identity(const Diagnostic& diagnostic) {
  const bool from_point = diagnostic.file.rfind("sweep point ", 0) == 0;
  return (from_point ? std::string("sweep point") : diagnostic.file) + "\n" +
         std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column) + "\n" +
         diagnostic.key_path + "\n" + diagnostic.message;
}

}  // namespace

RunPlan load_run_plan(const std::string& path, const ScenarioOverrides& overrides,
                      const PlanSizeCheck& before_expanding) {
  // The base scenario first: its own errors come before any sweep's.
  const Scenario base = load_scenario(path, overrides);
  NodeOrigins origins;
  const YAML::Node root = load_scenario_tree(path, origins);
  Diagnostics diagnostics;
  const SweepSpec spec = read_sweep(root, path, origins, base.seed, diagnostics);
  diagnostics.throw_if_any();
  const std::size_t point_count = spec.method == "none" ? 1 : spec.point_values.size();

  // Points are read and checked one by one below, which for a large sweep
  // takes a while: a plan too large to run is refused first, from its counts.
  const auto runs = static_cast<double>(point_count) * static_cast<double>(base.replications);
  if (runs > static_cast<double>(max_runs)) {
    // Said at what sets the number of points: the Latin hypercube's
    // `points`, the grid, or (without a sweep) the replications.
    MapReader top(root, path, "", diagnostics);
    top.set_origins(&origins);
    MapReader sweep = top.map(sweep_key);
    MapReader lhs = sweep.map("latin_hypercube");
    Diagnostic diagnostic = spec.method == "latin_hypercube" ? lhs.location("points")
                            : spec.method == "grid"          ? sweep.location("grid")
                                                             : top.location("replications");
    diagnostic.message = "the plan has " + std::to_string(point_count) + " sweep point(s) x " +
                         std::to_string(base.replications) + " replication(s) = " +
                         format_number(runs) + " runs; expected at most " +
                         std::to_string(max_runs) + " runs in one plan: use fewer points or "
                         "replications, or split the sweep into several plans";
    throw InputError(diagnostic);
  }
  if (before_expanding) before_expanding(base, point_count);
  if (spec.method == "none") return single_point_plan(base);

  RunPlan plan;
  plan.file = path;
  plan.sweep_method = spec.method;
  plan.sweep_keys = spec.keys;
  plan.seed = base.seed;
  plan.replications = base.replications;
  // The same mistake (an unknown key in the grid, say) fails every point:
  // each problem is said once, with how many points it applies to.
  std::vector<PointProblem> problems;
  std::unordered_map<std::string, std::size_t> problem_index;
  constexpr std::size_t max_problems = 50;
  std::size_t unsaid = 0;
  const auto add_problem = [&](const Diagnostic& diagnostic) {
    const auto [found, inserted] = problem_index.emplace(problem_identity(diagnostic),
                                                         problems.size());
    if (!inserted) {
      ++problems[found->second].points;
    } else if (problems.size() < max_problems) {
      problems.push_back({diagnostic, 1});
    } else {
      ++unsaid;
    }
  };
  for (std::size_t p = 0; p < spec.point_values.size(); ++p) {
    SweepPoint point;
    for (std::size_t k = 0; k < spec.keys.size(); ++k) {
      point.assignments.push_back(spec.keys[k] + "=" + spec.point_values[p][k]);
      point.values.push_back(as_number(spec.point_values[p][k]));
      point.label += (k ? ", " : "") + point.assignments.back();
    }
    ScenarioOverrides point_overrides = overrides;
    point_overrides.sweep = point.assignments;
    point_overrides.sweep_label = "sweep point " + std::to_string(p) + " (" + point.label + ")";
    try {
      point.scenario = load_scenario(path, point_overrides);
    } catch (const InputError& error) {
      for (const auto& diagnostic : error.diagnostics()) add_problem(diagnostic);
      continue;
    }
    // Points are stored side by side, so they must share areas and years.
    const Scenario& first = plan.points.empty() ? point.scenario : plan.points.front().scenario;
    bool same_shape = first.areas.size() == point.scenario.areas.size() &&
                      std::ceil(first.horizon_years - 1e-9) ==
                          std::ceil(point.scenario.horizon_years - 1e-9);
    for (std::size_t a = 0; same_shape && a < first.areas.size(); ++a) {
      same_shape = first.areas[a].name == point.scenario.areas[a].name;
    }
    if (!same_shape) {
      add_problem({path, 0, 0, sweep_key,
                   "sweep point " + std::to_string(p) + " (" + point.label +
                       ") changes the areas or the number of reporting years; every "
                       "point must have the same areas and years"});
      continue;
    }
    plan.points.push_back(std::move(point));
  }
  if (!problems.empty()) {
    std::vector<Diagnostic> said;
    for (auto& problem : problems) {
      if (problem.points > 1) {
        problem.diagnostic.message +=
            problem.points == spec.point_values.size()
                ? " (the same at all " + std::to_string(problem.points) + " sweep points)"
                : " (the same at " + std::to_string(problem.points) + " of " +
                      std::to_string(spec.point_values.size()) + " sweep points)";
      }
      said.push_back(std::move(problem.diagnostic));
    }
    if (unsaid > 0) {
      said.push_back({path, 0, 0, sweep_key,
                      std::to_string(unsaid) + " more problem(s) at other sweep points, not "
                      "listed; correct the ones above first"});
    }
    throw InputError(said);
  }
  return plan;
}

}  // namespace hcsim::models
