#include "models/scenario.hpp"

#include "models/calendar.hpp"
#include "models/interventions/intervention_reader.hpp"

#include "models/capacity.hpp"
#include "models/flow_scenario.hpp"
#include "models/input_error.hpp"
#include "models/pathway.hpp"
#include "sim/json_text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <list>
#include <string>
#include <string_view>

extern const std::string_view hcsim_default_scenario_yaml;

namespace hcsim::models {

std::string_view default_scenario_text() { return hcsim_default_scenario_yaml; }

namespace {

Diagnostic set_error(const std::string& assignment, std::string message,
                     const std::string& origin_label) {
  Diagnostic diagnostic;
  diagnostic.file = origin_label;
  diagnostic.key_path = assignment;
  diagnostic.message = std::move(message);
  return diagnostic;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '.') {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

// A copy of `node` without source positions, so diagnostics about values that
// came from --set say so instead of pointing into the one-line value text.
YAML::Node without_marks(const YAML::Node& node) {
  if (node.IsScalar()) return YAML::Node(node.Scalar());
  if (node.IsSequence()) {
    YAML::Node copy(YAML::NodeType::Sequence);
    for (const auto& item : node) copy.push_back(without_marks(item));
    return copy;
  }
  if (node.IsMap()) {
    YAML::Node copy(YAML::NodeType::Map);
    for (const auto& entry : node) copy[entry.first.Scalar()] = without_marks(entry.second);
    return copy;
  }
  return YAML::Node(YAML::NodeType::Null);
}

bool parse_index(const std::string& text, std::size_t& index) {
  if (text.empty() || text.size() > 9) return false;
  index = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

// An area's size: its own `population`, else the sum of the age counts it
// or the scenario's parameters give. England's embedded counts are never
// used for size: an area without either would silently be all of England.
// With `population` alone the age mix is England's (the embedded counts).
void read_area(MapReader& reader, std::size_t index, const Parameters& base,
               bool scenario_gives_age_counts, AreaSpec& area) {
  area.parameters = base;
  reader.text("name", area.name);
  if (area.name.empty()) {
    reader.error("name", "every area needs a name");
    area.name = "area " + std::to_string(index);
  } else if (area.name.find('.') != std::string::npos) {
    // --set and sweep keys address an area by name between dots
    // (areas.London.hospital_beds), so a dot in the name could not be reached.
    reader.error("name", "area name '" + area.name + "' contains '.', which separates the parts "
                         "of a --set or sweep key path (areas.NAME.key); expected a name "
                         "without '.'");
  }
  double population = -1.0;
  reader.number("population", population, Limits::positive("full-scale residents"));
  double beds = -1.0;
  reader.number("hospital_beds", beds, Limits::non_negative("full-scale beds"));
  if (beds >= 0.0) area.hospital_beds = beds;
  double places = -1.0;
  reader.number("care_home_places", places, Limits::non_negative("full-scale places"));
  if (places >= 0.0) area.care_home_places = places;
  MapReader parameters = reader.map("parameters");
  apply_parameters(parameters, area.parameters);
  const bool area_gives_age_counts = parameters.map("population").has("age_counts");
  parameters.finish();
  if (population > 0.0) {
    area.population = population;
    return;
  }
  // A population that is not a positive number has been refused already.
  if (reader.has("population")) return;
  if (!area_gives_age_counts && !scenario_gives_age_counts) {
    reader.error("population", "area '" + area.name + "' has no population; expected its "
                               "full-scale residents (population: 250000, ages as England's) "
                               "or its people by age band (parameters.population.age_counts)");
    return;
  }
  // All-zero counts have been refused where they were given.
  for (double count : area.parameters.population.age_counts) area.population += count;
}

// An area's parameters start as the scenario's, so a bad scenario-level
// value fails the same cross-checks again in every area that does not
// override it (once per area: 43 lines for one mistake in the default
// scenario). Each is said once, where it was written.
Diagnostics without_area_repeats(const Diagnostics& diagnostics) {
  Diagnostics kept;
  for (const auto& diagnostic : diagnostics.items()) {
    const std::string& path = diagnostic.key_path;
    bool repeat = false;
    if (path.rfind("areas[", 0) == 0) {
      const auto end = path.find("].parameters.");
      const std::string scenario_path = end == std::string::npos ? "" : path.substr(end + 2);
      for (const auto& other : diagnostics.items()) {
        repeat = repeat || (!scenario_path.empty() && other.key_path == scenario_path &&
                            other.message == diagnostic.message);
      }
    }
    if (!repeat) kept.add(diagnostic);
  }
  return kept;
}

// The smallest population_scale of two significant figures at which
// `has_some(scale)` holds; 0 when it does not hold even at full scale.
// `has_some` must hold at every scale above one where it holds, as scaled
// capacities and counts grow with the scale.
template <class Predicate>
double smallest_scale_with(const Predicate& has_some) {
  if (!has_some(1.0)) return 0.0;
  double without = 0.0;
  double with = 1.0;
  for (int step = 0; step < 64 && with - without > with * 1e-6; ++step) {
    const double middle = (without + with) / 2.0;
    (has_some(middle) ? with : without) = middle;
  }
  // The bisection ends just above the threshold, which may itself have two
  // figures: count up from the figures below it. Dividing whole figures by
  // a power of ten gives the double nearest the decimal, which prints as
  // written (0.0024, not 0.0024000000000000002).
  const double per_figure = std::pow(10.0, 1.0 - std::floor(std::log10(with)));
  double figures = std::floor(with * per_figure);
  while (figures < per_figure && !has_some(figures / per_figure)) figures += 1.0;
  return std::min(1.0, figures / per_figure);
}

// What a message says of the scale `needed` (from smallest_scale_with).
std::string scale_that_works(double needed) {
  return needed > 0.0 ? "; it has some from population_scale " + sim::json_number(needed)
                      : "; it has none even at full scale";
}

}  // namespace

std::int64_t scaled_count(double full_scale, double scale) noexcept {
  return static_cast<std::int64_t>(std::llround(full_scale * scale));
}

void apply_set_override(YAML::Node& root, const std::string& assignment, NodeOrigins& origins,
                        const std::string& origin_label) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError(set_error(assignment, "expected key.path=value", origin_label));
  }
  const std::string path = assignment.substr(0, equals);
  const std::string value_text = assignment.substr(equals + 1);
  const std::vector<std::string> parts = split_path(path);
  // A sweep is a structure of key paths (which hold dots themselves) and
  // lists; the run plan reads it from the file only.
  if (parts.front() == sweep_key) {
    throw InputError(set_error(assignment, "a sweep is written in the scenario file (sweep: with "
                                           "grid: or latin_hypercube:), not set by --set; edit "
                                           "the file, or --set the swept key itself for one run",
                               origin_label));
  }
  YAML::Node value;
  try {
    value = parse_yaml_value(value_text, origin_label);
  } catch (const InputError& error) {
    std::vector<Diagnostic> problems;
    for (const auto& problem : error.diagnostics()) {
      std::string message = problem.message;
      if (message.rfind("malformed YAML: ", 0) == 0) message.erase(0, 16);
      problems.push_back(set_error(assignment, "the value is not valid YAML: " + message,
                                   origin_label));
    }
    throw InputError(problems);
  }
  // `key=`, `key=~` or `key=null` would leave the file's value in place, or
  // the default, while the command line says otherwise.
  if (!value || value.IsNull()) {
    throw InputError(set_error(assignment, "expected a value after '=', got nothing; to keep "
                                           "the scenario's value, leave the override out",
                               origin_label));
  }
  value = without_marks(value);
  origins.record(value, origin_label);

  YAML::Node node = root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) throw InputError(set_error(assignment, "empty key in '" + path + "'", origin_label));
    const bool last = i + 1 == parts.size();
    walked += (walked.empty() ? "" : ".") + part;
    if (node.IsSequence()) {
      std::size_t index = 0;
      bool found = parse_index(part, index) && index < node.size();
      if (!found) {
        // A list of named items (areas) may be addressed by name.
        for (std::size_t j = 0; j < node.size() && !found; ++j) {
          if (node[j].IsMap() && node[j]["name"] && node[j]["name"].IsScalar() &&
              node[j]["name"].Scalar() == part) {
            index = j;
            found = true;
          }
        }
      }
      if (!found) {
        throw InputError(set_error(assignment, "'" + walked + "' is neither an index below " +
                                                   std::to_string(node.size()) +
                                                   " nor the name of an item", origin_label));
      }
      if (last) {
        node[index] = value;
        return;
      }
      YAML::Node next = node[index];
      node.reset(next);
      continue;
    }
    if (!node.IsMap() && !node.IsNull()) {
      throw InputError(set_error(assignment, "'" + walked + "' is inside a value that is not a "
                                                 "mapping", origin_label));
    }
    if (last) {
      node[part] = value;
      return;
    }
    YAML::Node next = node[part];
    if (!next || next.IsNull()) {
      // Creating an intermediate mapping: unknown paths are then reported by
      // the scenario reader with a suggestion, as coming from the override.
      node[part] = YAML::Node(YAML::NodeType::Map);
      next = node[part];
      origins.record(next, origin_label);
    }
    node.reset(next);
  }
}

namespace {

constexpr int max_extends_depth = 16;

// Where a problem with the file at `path` is reported: at the `extends:`
// that names it, or at the file itself.
Diagnostic about_file(const std::string& path, const Diagnostic* referenced_from,
                      std::string message) {
  Diagnostic diagnostic = referenced_from ? *referenced_from : Diagnostic{};
  if (!referenced_from) diagnostic.file = path;
  diagnostic.message = std::move(message);
  return diagnostic;
}

// Refuses, before anything opens it, a path that is not a regular file: a
// pipe (/dev/stdin, <(...)) in particular can be read only once, while the
// plan reads the scenario again for every sweep point.
void require_regular_file(const std::string& path, const Diagnostic* referenced_from) {
  const std::string kind = not_a_regular_file(path);
  if (kind.empty()) return;
  // At the file itself the path is already named in front of the message.
  throw InputError(about_file(
      path, referenced_from,
      (referenced_from ? "'" + path + "' " : std::string()) + "is not a regular file (" + kind +
          "); expected a scenario file (YAML)" +
          (kind == "a pipe" ? "; write what the pipe gives into a file and name that" : "")));
}

std::string read_text_file(const std::string& path, const Diagnostic* referenced_from) {
  require_regular_file(path, referenced_from);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(about_file(path, referenced_from,
                                "cannot open the scenario file '" + path +
                                    "' (does it exist and is it readable?)"));
  }
  // Scenario files are a few kilobytes; refuse anything absurd before
  // parsing. Read up to the limit rather than trusting the size reported.
  constexpr std::size_t max_bytes = 16 * 1024 * 1024;
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      throw InputError(about_file(path, referenced_from,
                                  (referenced_from ? "'" + path + "' " : std::string()) +
                                      "is over 16 MiB; a scenario file is expected to be under "
                                      "16 MiB (a few kilobytes)"));
    }
  }
  if (in.bad()) {
    throw InputError(about_file(path, referenced_from,
                                "cannot read the scenario file '" + path + "'"));
  }
  // YAML is text: a NUL byte means a binary file, most likely a results
  // file named where the scenario belongs. The parser would quote its bytes
  // back at the terminal.
  if (text.find('\0') != std::string::npos) {
    static constexpr std::string_view hdf5_signature("\x89HDF\r\n\x1a\n", 8);
    const bool hdf5 = std::string_view(text).substr(0, hdf5_signature.size()) == hdf5_signature;
    throw InputError(about_file(
        path, referenced_from,
        (referenced_from ? "'" + path + "' " : std::string()) +
            (hdf5 ? "is an HDF5 file (hcsim's results?)" : "is a binary file, not text") +
            "; expected a scenario file (YAML)"));
  }
  return text;
}

// The merged mapping keeps the key nodes the files wrote (inserted as they
// are), so a diagnostic about a key, or about a key with no value, still
// has the key's line.
YAML::Node merge_trees(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return over;
  // Assigning one YAML::Node to another rebinds the node assigned to, which
  // would change the files' own trees (and the origins recorded for them):
  // entries are only ever inserted and erased, never assigned.
  std::list<std::pair<YAML::Node, YAML::Node>> entries;
  for (const auto& entry : base) entries.emplace_back(entry.first, entry.second);
  for (const auto& entry : over) {
    const std::string key = entry.first.Scalar();
    const auto existing = std::find_if(entries.begin(), entries.end(), [&](const auto& kept) {
      return kept.first.IsScalar() && kept.first.Scalar() == key;
    });
    if (existing == entries.end()) {
      entries.emplace_back(entry.first, entry.second);
    } else {
      const YAML::Node value = existing->second.IsMap()
                                   ? merge_trees(existing->second, entry.second)
                                   : entry.second;
      entries.emplace(existing, entry.first, value);
      entries.erase(existing);
    }
  }
  YAML::Node merged(YAML::NodeType::Map);
  for (const auto& [key, value] : entries) merged.force_insert(key, value);
  return merged;
}

YAML::Node load_tree(const std::string& path, NodeOrigins& origins,
                     std::vector<std::string>& chain, const Diagnostic* referenced_from) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::string canonical = fs::weakly_canonical(fs::path(path), error).string();
  if (error) canonical = fs::absolute(fs::path(path), error).lexically_normal().string();
  for (const auto& seen : chain) {
    if (seen == canonical) {
      Diagnostic diagnostic;
      diagnostic.file = path;
      if (referenced_from) diagnostic = *referenced_from;
      diagnostic.message = "'extends' forms a cycle through " + path;
      throw InputError(diagnostic);
    }
  }
  if (chain.size() >= max_extends_depth) {
    Diagnostic diagnostic;
    diagnostic.file = path;
    if (referenced_from) diagnostic = *referenced_from;
    diagnostic.message = "'extends' chains more than " + std::to_string(max_extends_depth) +
                         " files";
    throw InputError(diagnostic);
  }
  chain.push_back(canonical);
  YAML::Node root = parse_yaml(read_text_file(path, referenced_from), path);
  origins.record(root, path);
  if (!root.IsMap() || !root["extends"]) return root;

  const YAML::Node extends = root["extends"];
  Diagnostic at_extends;
  at_extends.file = path;
  at_extends.line = extends.Mark().line + 1;
  at_extends.column = extends.Mark().column + 1;
  at_extends.key_path = "extends";
  if (!extends.IsScalar() || extends.Scalar().empty()) {
    at_extends.message = "expected the path of the scenario file this one extends";
    throw InputError(at_extends);
  }
  const fs::path base_path = fs::path(path).parent_path() / extends.Scalar();
  const YAML::Node base = load_tree(base_path.string(), origins, chain, &at_extends);
  YAML::Node without_extends(YAML::NodeType::Map);
  for (const auto& entry : root) {
    if (entry.first.Scalar() != "extends") without_extends.force_insert(entry.first, entry.second);
  }
  return merge_trees(base, without_extends);
}

}  // namespace

YAML::Node load_scenario_tree(const std::string& path, NodeOrigins& origins) {
  std::vector<std::string> chain;
  return load_tree(path, origins, chain, nullptr);
}

Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides) {
  NodeOrigins origins;
  YAML::Node root = load_scenario_tree(path, origins);
  return read_scenario(root, path, overrides, origins);
}

Scenario parse_scenario(const std::string& text, const std::string& file,
                        const ScenarioOverrides& overrides) {
  NodeOrigins origins;
  return read_scenario(parse_yaml(text, file), file, overrides, origins);
}

void apply_set_overrides(YAML::Node& root, const std::vector<std::string>& assignments,
                         NodeOrigins& origins, const std::string& origin_label,
                         Diagnostics& diagnostics) {
  for (const auto& assignment : assignments) {
    try {
      apply_set_override(root, assignment, origins, origin_label);
    } catch (const InputError& error) {
      for (const auto& problem : error.diagnostics()) diagnostics.add(problem);
    }
  }
}

Scenario read_scenario(YAML::Node root, const std::string& file,
                       const ScenarioOverrides& overrides, NodeOrigins& origins) {
  if (!root.IsMap()) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.message = "expected a scenario mapping (name:, areas:, ...) at the top level";
    throw InputError(diagnostic);
  }
  // Whether the file itself is a flow-only scenario, before any override.
  const bool file_is_flow_only = is_flow_only(root);
  Diagnostics diagnostics;
  apply_set_overrides(root, overrides.set, origins, "--set", diagnostics);
  apply_set_overrides(root, overrides.sweep, origins, overrides.sweep_label, diagnostics);

  Scenario scenario;
  scenario.file = file;
  MapReader reader(root, file, "", diagnostics);
  reader.set_origins(&origins);
  reader.text("name", scenario.name);
  if (scenario.name.empty()) reader.error("name", "every scenario needs a name");
  reader.text("description", scenario.description);
  {
    // `mode: flow_only` selects the other kind of scenario (flow_scenario.hpp),
    // which hcsim run and check read instead of this one.
    std::string mode = "population";
    reader.text("mode", mode);
    if (mode == "flow_only" && !file_is_flow_only) {
      // The file decides which reader reads it; an override cannot turn a
      // population scenario into a flow-only one (its keys are different).
      reader.error("mode", "the kind of scenario cannot be changed by an override: this file is "
                           "a population scenario, and a flow-only one is a file of its own "
                           "with 'mode: flow_only' and its services; expected 'population' or "
                           "no override of 'mode'");
    } else if (mode == "flow_only") {
      reader.error("mode", "a flow-only scenario is run by 'hcsim run' and 'hcsim check'; this "
                           "needs a population scenario (without 'mode:')");
    } else if (mode != "population") {
      reader.error("mode", "expected 'population' (the default) or 'flow_only', got '" + mode +
                               "'");
    }
  }
  reader.accept(sweep_key);  // read by the run plan
  reader.unsigned_integer("seed", scenario.seed);
  reader.count("replications", scenario.replications, 1, 100000);
  reader.number("horizon_years", scenario.horizon_years, Limits::between(0.01, 200.0, "years"));
  reader.number("warmup_days", scenario.warmup_days, Limits::between(0.0, 36525.0, "days"));
  reader.number("window_days", scenario.window_days, Limits::between(0.01, 3653.0, "days"));
  reader.number("population_scale", scenario.population_scale,
                {0.0, 1.0, true, "share of the real population simulated"});
  if (overrides.seed) scenario.seed = *overrides.seed;
  if (overrides.replications) scenario.replications = *overrides.replications;

  // The embedded defaults are the same for every scenario and sweep point;
  // parsing them is most of the time a point takes to read.
  static const Parameters defaults = default_parameters();
  Parameters base = defaults;
  MapReader parameters = reader.map("parameters");
  apply_parameters(parameters, base);
  const bool scenario_gives_age_counts = parameters.map("population").has("age_counts");
  parameters.finish();

  const std::string areas_expected =
      "expected a non-empty list of areas, each with a name and a population";
  if (!reader.has("areas")) reader.error("areas", areas_expected);
  reader.each_map("areas", [&](MapReader& area_reader, std::size_t index) {
    AreaSpec area;
    read_area(area_reader, index, base, scenario_gives_age_counts, area);
    for (const auto& other : scenario.areas) {
      if (other.name == area.name) area_reader.error("name", "area name '" + area.name +
                                                                 "' is used twice");
    }
    scenario.areas.push_back(std::move(area));
  });
  // `areas: []` would run nothing and report zeros as if they were results.
  if (reader.is_list("areas") && scenario.areas.empty()) {
    reader.error("areas", areas_expected + "; got an empty list");
  }
  diagnostics = without_area_repeats(diagnostics);
  // Interventions name areas and dates, so they are read after both.
  reader.text("start_date", scenario.start_date);
  const std::optional<int> start_day = parse_iso_date(scenario.start_date);
  if (!start_day) {
    reader.error("start_date", "expected a date as YYYY-MM-DD (the first simulated day), got '" +
                                   scenario.start_date + "'");
  }
  std::vector<std::string> area_names;
  for (const auto& area : scenario.areas) area_names.push_back(area.name);
  scenario.interventions = read_interventions(reader, area_names, start_day.value_or(0));
  reader.flag("intervention_returns", scenario.intervention_returns);
  const double run_end_days = scenario.warmup_days + scenario.horizon_years * days_per_year;
  for (const auto& intervention : scenario.interventions) {
    if (intervention.start_days >= run_end_days) {
      reader.error("interventions",
                   "intervention '" + intervention.name + "' starts on " +
                       format_iso_date(start_day.value_or(0) +
                                       static_cast<int>(intervention.start_days)) +
                       ", after the run ends (" +
                       format_iso_date(start_day.value_or(0) + static_cast<int>(run_end_days)) +
                       ": warm-up plus horizon_years from start_date), so it would have no "
                       "effect; move its start or lengthen the horizon");
    }
  }
  for (auto& area : scenario.areas) {
    area.interventions = InterventionSet(scenario.interventions, area.name);
  }
  reader.finish();

  // Each area's pathway, checked against the flows its parameters use; areas
  // sharing parameters would repeat the same problems, so each is said once.
  {
    Diagnostics pathway_problems;
    for (const auto& area : scenario.areas) {
      (void)Pathway::build(area.parameters, file, pathway_problems);
    }
    for (const auto& problem : pathway_problems.items()) {
      bool repeated = false;
      for (const auto& said : diagnostics.items()) {
        repeated = repeated || (said.message == problem.message && said.line == problem.line &&
                                said.file == problem.file);
      }
      if (!repeated) diagnostics.add(problem);
    }
  }

  // Capacities that cannot work at this scale. Each message names the scale
  // the area needs, and a last one the scale every area has what it needs
  // at: with dozens of areas refused, that is the number to act on.
  double scale_for_every_area = 0.0;
  bool some_area_never = false;
  const auto needs_scale = [&](double needed) {
    scale_for_every_area = std::max(scale_for_every_area, needed);
    some_area_never = some_area_never || !(needed > 0.0);
    return scale_that_works(needed);
  };
  for (std::size_t i = 0; i < scenario.areas.size(); ++i) {
    const AreaSpec& area = scenario.areas[i];
    // An area without people has been refused; its capacities would only
    // repeat that.
    if (!(area.population > 0.0)) continue;
    const double beds = full_scale_hospital_beds(area);
    if (scaled_count(beds, scenario.population_scale) < 1) {
      Diagnostic diagnostic;
      diagnostic.file = file;
      diagnostic.key_path = "areas[" + std::to_string(i) + "].hospital_beds";
      diagnostic.message = "area '" + area.name + "' has " + format_number(beds) +
                           " full-scale hospital beds, which is 0 beds at population_scale " +
                           sim::json_number(scenario.population_scale) +
                           "; expected at least one bed after scaling" +
                           needs_scale(smallest_scale_with(
                               [&](double scale) { return scaled_count(beds, scale) >= 1; }));
      diagnostics.add(diagnostic);
    }
    for (const auto& [key, service] :
         {std::pair{"reablement", &area.parameters.discharge.reablement},
          std::pair{"rehabilitation", &area.parameters.discharge.rehabilitation}}) {
      const bool needed = std::any_of(service->probability.values.begin(),
                                      service->probability.values.end(),
                                      [](double p) { return p > 0.0; });
      const double capacity = service->capacity_per_1000 * area.population / 1000.0;
      // A local, not the structured binding: clang 14 cannot capture those.
      const double utilisation = service->reference_utilisation;
      const auto has_capacity = [&](double scale) {
        return scaled_capacity(capacity, scale, area.parameters.scaling.capacity, utilisation) >=
               1;
      };
      if (needed && !has_capacity(scenario.population_scale)) {
        Diagnostic diagnostic;
        diagnostic.file = file;
        diagnostic.key_path = std::string("parameters.discharge.") + key + ".capacity_per_1000";
        diagnostic.message = "area '" + area.name + "' would have no " + key +
                             " capacity at population_scale " +
                             sim::json_number(scenario.population_scale) + " while " + key +
                             ".probability is above 0, so every patient needing it would wait "
                             "forever; raise the capacity or the scale, or set the probability "
                             "to 0" +
                             needs_scale(smallest_scale_with(has_capacity));
        diagnostics.add(diagnostic);
      }
    }
    if (scaled_count(area.population, scenario.population_scale) < 1) {
      Diagnostic diagnostic;
      diagnostic.file = file;
      diagnostic.key_path = "areas[" + std::to_string(i) + "].population";
      diagnostic.message = "area '" + area.name + "' has no residents at population_scale " +
                           sim::json_number(scenario.population_scale) +
                           needs_scale(smallest_scale_with([&](double scale) {
                             return scaled_count(area.population, scale) >= 1;
                           }));
      diagnostics.add(diagnostic);
    }
    if (scaled_count(area.population, scenario.population_scale) >= (std::int64_t{1} << 31)) {
      Diagnostic diagnostic;
      diagnostic.file = file;
      diagnostic.key_path = "areas[" + std::to_string(i) + "].population";
      diagnostic.message = "area '" + area.name + "' is too large for one area (at most 2^31 "
                           "simulated people); split it";
      diagnostics.add(diagnostic);
    }
  }
  if (scale_for_every_area > 0.0 && !some_area_never) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.key_path = "population_scale";
    diagnostic.message = "every area has the residents, beds and discharge capacity it needs from "
                         "population_scale " + sim::json_number(scale_for_every_area) +
                         " (this run asks for " + sim::json_number(scenario.population_scale) +
                         ")";
    diagnostics.add(diagnostic);
  }
  diagnostics.throw_if_any();

  YAML::Emitter emitter;
  emitter << root;
  scenario.resolved_yaml = emitter.c_str();
  return scenario;
}

}  // namespace hcsim::models
