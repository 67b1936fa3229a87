#include "models/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>

#include <charconv>
#include <cmath>

namespace hcsim::models {
namespace {

std::string describe_node(const YAML::Node& node) {
  if (node.IsScalar()) return "'" + node.Scalar() + "'";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "nothing";
}

}  // namespace

void NodeOrigins::record(const YAML::Node& root, const std::string& file) {
  if (!root) return;
  nodes_.emplace_back(root, file);
  if (root.IsMap()) {
    for (const auto& entry : root) {
      record(entry.first, file);
      record(entry.second, file);
    }
  } else if (root.IsSequence()) {
    for (const auto& item : root) record(item, file);
  }
}

const std::string* NodeOrigins::file_of(const YAML::Node& node) const {
  // The latest record wins: a --set value assigned over a key the file had
  // takes that node's place (yaml-cpp nodes are references), and the
  // diagnostic must then name --set, not the file.
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    if (it->first.is(node)) return &it->second;
  }
  return nullptr;
}

bool Limits::allows(double value) const noexcept {
  if (!std::isfinite(value)) return false;
  if (min_exclusive ? !(value > min) : !(value >= min)) return false;
  return value <= max;
}

std::string Limits::describe() const {
  std::string text = "a number";
  const bool has_min = min > -1e299;
  const bool has_max = max < 1e299;
  if (has_min && has_max) {
    text += std::string(" in ") + (min_exclusive ? "(" : "[") + format_number(min) + ", " +
            format_number(max) + "]";
  } else if (has_min) {
    text += min_exclusive ? " > " + format_number(min) : " >= " + format_number(min);
  } else if (has_max) {
    text += " <= " + format_number(max);
  }
  if (unit[0] != '\0') text += std::string(" (") + unit + ")";
  return text;
}

MapReader::MapReader(YAML::Node node, std::string file, std::string path, Diagnostics& diagnostics)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)),
      diagnostics_(&diagnostics) {
  if (node_ && !node_.IsNull() && !node_.IsMap()) {
    diagnostics_->add(at(node_, path_, "expected a mapping of keys to values, got " +
                                           describe_node(node_)));
    node_ = YAML::Node();
  }
}

std::string MapReader::key_path(const std::string& key) const {
  if (path_.empty()) return key;
  if (key.empty()) return path_;
  return path_ + "." + key;
}

Diagnostic MapReader::at(const YAML::Node& node, const std::string& path,
                         std::string message) const {
  Diagnostic diagnostic;
  const YAML::Node& located = node ? node : node_;
  const std::string* origin = origins_ && located ? origins_->file_of(located) : nullptr;
  diagnostic.file = origin ? *origin : file_;
  const YAML::Mark mark = located ? located.Mark() : YAML::Mark::null_mark();
  // Nodes built in memory (merged mappings, --set values) have no position.
  if (!mark.is_null() && mark.line >= 0) {
    diagnostic.line = mark.line + 1;
    diagnostic.column = mark.column + 1;
  }
  diagnostic.key_path = path;
  diagnostic.message = std::move(message);
  return diagnostic;
}

YAML::Node MapReader::child(const std::string& key, const YAML::Node& absent) const {
  if (!node_ || !node_.IsMap()) return absent;
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return absent;
}

YAML::Node MapReader::child_or_self(const std::string& key) const {
  return key.empty() ? node_ : child(key, node_);
}

bool MapReader::has(const std::string& key) const {
  const YAML::Node value = child(key);
  return value && !value.IsNull();
}

bool MapReader::is_list(const std::string& key) const {
  const YAML::Node value = child(key);
  return value && value.IsSequence();
}

bool MapReader::is_mapping(const std::string& key) const {
  const YAML::Node value = child(key);
  return value && value.IsMap();
}

std::string MapReader::source_file(const std::string& key) const {
  const YAML::Node value = child(key);
  // Values from --set are built in memory and have no position.
  if (!value || value.Mark().is_null() || value.Mark().line < 0) return "";
  const std::string* origin = origins_ ? origins_->file_of(value) : nullptr;
  return origin ? *origin : file_;
}

std::vector<std::string> MapReader::keys() const {
  std::vector<std::string> found;
  if (!node_ || !node_.IsMap()) return found;
  for (const auto& entry : node_) {
    if (entry.first.IsScalar()) found.push_back(entry.first.Scalar());
  }
  return found;
}

bool MapReader::texts(const std::string& key, std::vector<std::string>& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || !value.IsSequence() || value.size() == 0) {
    diagnostics_->add(at(value, key_path(key), "expected a non-empty list of values, got " +
                                                   (value ? describe_node(value) : "nothing")));
    return false;
  }
  std::vector<std::string> parsed;
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      diagnostics_->add(at(item, key_path(key), "expected single values (numbers or words), got " +
                                                    describe_node(item)));
      return false;
    }
    parsed.push_back(item.Scalar());
  }
  target = std::move(parsed);
  return true;
}

bool MapReader::text_pairs(const std::string& key, std::vector<TextPair>& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return false;
  if (!value.IsSequence()) {
    diagnostics_->add(at(value, key_path(key), "expected a list of [from, to] pairs, got " +
                                                   describe_node(value)));
    return false;
  }
  std::vector<TextPair> parsed;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const YAML::Node item = value[i];
    if (!item.IsSequence() || item.size() != 2 || !item[0].IsScalar() || !item[1].IsScalar()) {
      diagnostics_->add(at(item, key_path(key) + "[" + std::to_string(i) + "]",
                           "expected a pair [from, to] of setting names, got " +
                               describe_node(item)));
      return false;
    }
    const YAML::Mark mark = item.Mark();
    parsed.push_back({item[0].Scalar(), item[1].Scalar(), mark.is_null() ? 0 : mark.line + 1,
                      mark.is_null() ? 0 : mark.column + 1});
  }
  target = std::move(parsed);
  return true;
}

void MapReader::error(const std::string& key, const std::string& message) {
  diagnostics_->add(at(child_or_self(key), key_path(key), message));
}

Diagnostic MapReader::location(const std::string& key) const {
  return at(child_or_self(key), key_path(key), "");
}

bool MapReader::scalar_number(const std::string& key, const YAML::Node& value, double& out) {
  if (!value.IsScalar()) {
    diagnostics_->add(at(value, key_path(key), "expected a number, got " + describe_node(value)));
    return false;
  }
  const std::string& text = value.Scalar();
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  const auto result = std::from_chars(first, last, out);
  if (result.ec != std::errc() || result.ptr != last || !std::isfinite(out)) {
    diagnostics_->add(at(value, key_path(key), "expected a number, got '" + text + "'"));
    return false;
  }
  return true;
}

void MapReader::number(const std::string& key, double& target, const Limits& limits) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  double parsed = 0.0;
  if (!scalar_number(key, value, parsed)) return;
  if (!limits.allows(parsed)) {
    diagnostics_->add(at(value, key_path(key),
                         "expected " + limits.describe() + ", got " + value.Scalar()));
    return;
  }
  target = parsed;
}

void MapReader::count(const std::string& key, std::int64_t& target, std::int64_t min,
                      std::int64_t max) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  std::int64_t parsed = 0;
  const std::string text = value.IsScalar() ? value.Scalar() : std::string();
  const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (!value.IsScalar() || result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      parsed < min || parsed > max) {
    diagnostics_->add(at(value, key_path(key),
                         "expected a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max) + ", got " + describe_node(value)));
    return;
  }
  target = parsed;
}

void MapReader::unsigned_integer(const std::string& key, std::uint64_t& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  std::uint64_t parsed = 0;
  const std::string text = value.IsScalar() ? value.Scalar() : std::string();
  const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (!value.IsScalar() || result.ec != std::errc() || result.ptr != text.data() + text.size()) {
    diagnostics_->add(at(value, key_path(key),
                         "expected a whole number from 0 to 18446744073709551615, got " +
                             describe_node(value)));
    return;
  }
  target = parsed;
}

void MapReader::text(const std::string& key, std::string& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  if (!value.IsScalar()) {
    diagnostics_->add(at(value, key_path(key), "expected text, got " + describe_node(value)));
    return;
  }
  target = value.Scalar();
}

void MapReader::flag(const std::string& key, bool& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  const std::string text = value.IsScalar() ? value.Scalar() : std::string();
  if (text == "true" || text == "on" || text == "yes") {
    target = true;
  } else if (text == "false" || text == "off" || text == "no") {
    target = false;
  } else {
    diagnostics_->add(at(value, key_path(key), "expected true or false, got " +
                                                   describe_node(value)));
  }
}

void MapReader::numbers(const std::string& key, std::vector<double>& target,
                        const Limits& limits) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  if (!value.IsSequence() || value.size() == 0) {
    diagnostics_->add(at(value, key_path(key), "expected a non-empty list of numbers, got " +
                                                   describe_node(value)));
    return;
  }
  std::vector<double> parsed;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const YAML::Node item = value[i];
    const std::string item_key = key + "[" + std::to_string(i) + "]";
    double number_value = 0.0;
    if (!scalar_number(item_key, item, number_value)) {
      ok = false;
      continue;
    }
    if (!limits.allows(number_value)) {
      diagnostics_->add(at(item, key_path(item_key),
                           "expected " + limits.describe() + ", got " + item.Scalar()));
      ok = false;
      continue;
    }
    parsed.push_back(number_value);
  }
  if (ok) target = std::move(parsed);
}

MapReader MapReader::map(const std::string& key) {
  known_.push_back(key);
  YAML::Node value = child(key);
  MapReader nested(value ? value : YAML::Node(), file_, key_path(key), *diagnostics_);
  nested.set_origins(origins_);
  return nested;
}

void MapReader::each_map(const std::string& key,
                         const std::function<void(MapReader&, std::size_t)>& read_item) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!value || value.IsNull()) return;
  if (!value.IsSequence()) {
    diagnostics_->add(at(value, key_path(key), "expected a list, got " + describe_node(value)));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    MapReader item(value[i], file_, key_path(key) + "[" + std::to_string(i) + "]",
                   *diagnostics_);
    item.set_origins(origins_);
    read_item(item, i);
    item.finish();
  }
}

void MapReader::finish() {
  if (!node_ || !node_.IsMap()) return;
  for (const auto& entry : node_) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
    bool known = false;
    for (const auto& candidate : known_) known = known || candidate == key;
    if (known) continue;
    std::string message = "unknown key '" + key + "'";
    const std::string suggestion = closest_match(key, known_);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    // A key added by --set has no position of its own; its value knows its origin.
    const bool key_has_position = !entry.first.Mark().is_null() && entry.first.Mark().line >= 0;
    diagnostics_->add(at(key_has_position ? entry.first : entry.second, key_path(key), message));
  }
}

namespace {

// Scenario files are small; anything with more nodes than this (counting each
// use of an alias, so "billion laughs" documents are caught early) is refused
// before it can exhaust memory in later processing.
constexpr std::size_t max_yaml_nodes = 1'000'000;

bool within_node_budget(const YAML::Node& node, std::size_t& budget) {
  if (budget == 0) return false;
  --budget;
  if (node.IsSequence() || node.IsMap()) {
    for (const auto& entry : node) {
      if (node.IsMap()) {
        if (!within_node_budget(entry.first, budget) || !within_node_budget(entry.second, budget)) {
          return false;
        }
      } else if (!within_node_budget(entry, budget)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  try {
    YAML::Node node = YAML::Load(text);
    if (!node || node.IsNull()) return YAML::Node(YAML::NodeType::Map);
    std::size_t budget = max_yaml_nodes;
    if (!within_node_budget(node, budget)) {
      Diagnostic diagnostic;
      diagnostic.file = file;
      diagnostic.message = "the document expands to more than " + std::to_string(max_yaml_nodes) +
                           " nodes (counting alias uses); a scenario is far smaller";
      throw InputError(diagnostic);
    }
    return node;
  } catch (const YAML::DeepRecursion& error) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.line = error.mark.line + 1;
    diagnostic.column = error.mark.column + 1;
    diagnostic.message = "the document is nested too deeply to be a scenario";
    throw InputError(diagnostic);
  } catch (const YAML::ParserException& error) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.line = error.mark.line + 1;
    diagnostic.column = error.mark.column + 1;
    diagnostic.message = "malformed YAML: " + error.msg;
    throw InputError(diagnostic);
  }
}

}  // namespace hcsim::models
