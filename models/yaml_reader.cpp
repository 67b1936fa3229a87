#include "models/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

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

bool MapReader::present(const std::string& key) const { return key_node(key).IsScalar(); }

YAML::Node MapReader::key_node(const std::string& key) const {
  if (!node_ || !node_.IsMap()) return YAML::Node();
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first;
  }
  return YAML::Node();
}

Diagnostic MapReader::at_key(const std::string& key, const YAML::Node& value,
                             const std::string& key_path, std::string message) const {
  // A key added by --set has no position of its own; its value knows its
  // origin. A null value's position is wherever the next token is.
  const YAML::Node key_at = key_node(key);
  const bool key_has_position = !key_at.Mark().is_null() && key_at.Mark().line >= 0;
  return at(key_has_position ? key_at : value, key_path, std::move(message));
}

bool MapReader::readable(const std::string& key, const YAML::Node& value,
                         const std::string& expected) {
  if (!value) return false;
  if (!value.IsNull()) return true;
  // Absent: the target keeps its value.
  if (present(key)) report_empty(key, value, expected);
  return false;
}

void MapReader::report_empty(const std::string& key, const YAML::Node& value,
                             const std::string& expected) {
  // A key read twice (a mapping, say) is said once.
  if (!reported_empty_.insert(key).second) return;
  // `population_scale:` with nothing after it would silently keep the
  // default, which is not what anyone writing the key meant.
  diagnostics_->add(at_key(key, value, key_path(key),
                           "expected " + expected + ", got nothing (a key without a value is "
                           "not taken as its default)"));
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
  if (value && value.IsNull() && present(key)) {
    readable(key, value, "a non-empty list of values");
    return false;
  }
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
  if (!readable(key, value, "a list of [from, to] pairs")) return false;
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
  if (!readable(key, value, limits.describe())) return;
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
  if (!readable(key, value, "a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max))) {
    return;
  }
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
  if (!readable(key, value, "a whole number from 0 to 18446744073709551615")) return;
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
  if (!readable(key, value, "text")) return;
  if (!value.IsScalar()) {
    diagnostics_->add(at(value, key_path(key), "expected text, got " + describe_node(value)));
    return;
  }
  // Names and descriptions go into HDF5 attributes, CSV-like tables and
  // terminals, where a NUL cuts the text short and other control characters
  // garble it; tabs and line breaks (block scalars) are text. The text is
  // kept either way, so that checks of it that follow ("every scenario needs
  // a name") do not add a second error for the same mistake.
  const std::string& scalar = value.Scalar();
  target = scalar;
  for (std::size_t i = 0; i < scalar.size(); ++i) {
    const auto c = static_cast<unsigned char>(scalar[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", c);
      diagnostics_->add(at(value, key_path(key),
                           "expected text without control characters, got " + std::string(code) +
                               " at character " + std::to_string(i + 1)));
      return;
    }
  }
}

void MapReader::flag(const std::string& key, bool& target) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!readable(key, value, "true or false")) return;
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
  if (!readable(key, value, "a non-empty list of numbers")) return;
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
  readable(key, value, "a mapping of keys to values");
  MapReader nested(value ? value : YAML::Node(), file_, key_path(key), *diagnostics_);
  nested.set_origins(origins_);
  return nested;
}

void MapReader::each_map(const std::string& key,
                         const std::function<void(MapReader&, std::size_t)>& read_item) {
  known_.push_back(key);
  const YAML::Node value = child(key);
  if (!readable(key, value, "a list")) return;
  if (!value.IsSequence()) {
    diagnostics_->add(at(value, key_path(key), "expected a list, got " + describe_node(value)));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i].IsNull()) {
      // `- ` with nothing after it: an item left out by mistake.
      diagnostics_->add(at(value[i], key_path(key) + "[" + std::to_string(i) + "]",
                           "expected a mapping of keys to values, got nothing"));
      continue;
    }
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
    if (known) {
      // A known key with nothing after it, read elsewhere or only accepted:
      // it would mean "the default" without saying so.
      if (entry.second.IsNull()) report_empty(key, entry.second, "a value");
      continue;
    }
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

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A line that reads as `key:` or `- key:` (after its indentation).
bool looks_like_key(const std::string& line) {
  std::size_t at = 0;
  if (line.rfind("- ", 0) == 0) at = 2;
  const std::size_t start = at;
  while (at < line.size() && (std::isalnum(static_cast<unsigned char>(line[at])) ||
                              line[at] == '_' || line[at] == '-' || line[at] == '.')) {
    ++at;
  }
  return at > start && at < line.size() && line[at] == ':' &&
         (at + 1 == line.size() || is_blank(line[at + 1]) || line[at + 1] == '\r');
}

// What yaml-cpp accepts without a word although it changes what is read: a
// key given twice in one mapping, and a quoted value that takes in lines that
// were meant as keys. Found from the parsed nodes and the text they came from.
class SourceChecks {
 public:
  SourceChecks(const std::string& text, std::string file, Diagnostics& problems)
      : text_(text), file_(std::move(file)), problems_(&problems) {
    // yaml-cpp's positions do not count a UTF-8 byte order mark.
    if (text_.rfind("\xEF\xBB\xBF", 0) == 0) offset_ = 3;
  }

  // `indent_limit`: the column of the key (or list dash) owning `node` in
  // block context, which the lines of a value spanning lines must be
  // indented beyond; -1 in flow context.
  void check(const YAML::Node& node, const std::string& path, int indent_limit) {
    if (!node || node.IsNull()) return;
    const YAML::Mark mark = node.Mark();
    // Aliases repeat a node: each is looked at once.
    if (!mark.is_null() && mark.pos >= 0 &&
        !seen_.insert({mark.pos, static_cast<int>(node.Type())}).second) {
      return;
    }
    if (node.IsScalar()) {
      check_quote(node, path, indent_limit);
    } else if (node.IsSequence()) {
      const int limit = node.Style() == YAML::EmitterStyle::Flow ? -1 : mark.column;
      std::size_t index = 0;
      for (const auto& item : node) {
        check(item, path + "[" + std::to_string(index++) + "]", limit);
      }
    } else if (node.IsMap()) {
      const bool block = node.Style() != YAML::EmitterStyle::Flow;
      std::vector<std::pair<std::string, YAML::Mark>> keys;
      for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        const std::string name = key.IsScalar() ? key.Scalar() : std::string("?");
        const std::string entry_path = path.empty() ? name : path + "." + name;
        if (key.IsScalar()) {
          check_quote(key, entry_path, -1);
          for (const auto& [seen, first] : keys) {
            if (seen != name) continue;
            const YAML::Mark here = key.Mark();
            add(here, entry_path,
                "duplicate key '" + name + "' (first at " +
                    (first.line == here.line ? "column " + std::to_string(first.column + 1)
                                             : "line " + std::to_string(first.line + 1)) +
                    "); expected each key once in a mapping (only one of the values would be "
                    "used)");
            break;
          }
          keys.emplace_back(name, key.Mark());
        } else {
          check(key, entry_path, -1);
        }
        check(entry.second, entry_path, block ? key.Mark().column : -1);
      }
    }
  }

  void add(const YAML::Mark& mark, const std::string& path, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = file_;
    if (!mark.is_null() && mark.line >= 0) {
      diagnostic.line = mark.line + 1;
      diagnostic.column = mark.column + 1;
    }
    diagnostic.key_path = path;
    diagnostic.message = std::move(message);
    problems_->add(std::move(diagnostic));
  }

 private:
  void check_quote(const YAML::Node& scalar, const std::string& path, int indent_limit) {
    const YAML::Mark mark = scalar.Mark();
    if (mark.is_null() || mark.pos < 0) return;
    std::size_t at = static_cast<std::size_t>(mark.pos) + offset_;
    // A tag or an anchor may come before the value.
    while (at < text_.size() && (text_[at] == '!' || text_[at] == '&')) {
      while (at < text_.size() && !std::isspace(static_cast<unsigned char>(text_[at]))) ++at;
      while (at < text_.size() && std::isspace(static_cast<unsigned char>(text_[at]))) ++at;
    }
    // A plain scalar never starts with a quote; block scalars start with | or >.
    if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) return;
    const char quote = text_[at];
    std::size_t end = at + 1;
    bool closed = false;
    while (end < text_.size()) {
      if (quote == '"' && text_[end] == '\\') {
        end += 2;
        continue;
      }
      if (text_[end] == quote) {
        if (quote == '\'' && end + 1 < text_.size() && text_[end + 1] == '\'') {
          end += 2;  // '' is a quote inside single quotes
          continue;
        }
        closed = true;
        break;
      }
      ++end;
    }
    const std::string quote_name = quote == '"' ? "double quote (\")" : "single quote (')";
    if (!closed) {
      add(mark, path,
          "the " + quote_name + " opened here is never closed, so everything after it to the "
          "end of the file would be read as this one text; expected a closing " +
              std::string(1, quote));
      return;
    }
    if (indent_limit < 0) return;
    // A value spanning lines must be indented beyond its key; a line that is
    // not and reads as a key was almost certainly meant as one.
    int line = mark.line + 1;
    for (std::size_t newline = text_.find('\n', at); newline != std::string::npos && newline < end;
         newline = text_.find('\n', newline + 1)) {
      ++line;
      std::size_t first = newline + 1;
      while (first < end && text_[first] == ' ') ++first;
      const auto indentation = static_cast<int>(first - newline - 1);
      const std::size_t line_end = std::min(text_.find('\n', first), end);
      std::string content = text_.substr(first, line_end - first);
      if (!content.empty() && content.back() == '\r') content.pop_back();
      if (indentation <= indent_limit && looks_like_key(content)) {
        add(mark, path,
            "the " + quote_name + " opened here runs on to line " + std::to_string(line) +
                " ('" + content + "'), which is not indented under this key and would be read "
                "as part of the text, not as a key; expected a closing " +
                std::string(1, quote) + " before it");
        return;
      }
    }
  }

  const std::string& text_;
  std::string file_;
  Diagnostics* problems_;
  std::size_t offset_ = 0;
  std::set<std::pair<long, int>> seen_;
};

Diagnostic at_mark(const std::string& file, const YAML::Mark& mark, std::string message) {
  Diagnostic diagnostic;
  diagnostic.file = file;
  diagnostic.line = mark.line + 1;
  diagnostic.column = mark.column + 1;
  diagnostic.message = std::move(message);
  return diagnostic;
}

// The line (from 0) of a second document's first content, after a '---' or
// '...' line at the margin that follows the first document's content; -1
// when there is none. yaml-cpp's LoadAll does not return on some malformed
// input ("[a],"), so documents are found in the text, not by parsing them.
int second_document_line(const std::string& text) {
  const auto is_marker = [](const std::string& line) {
    return (line.rfind("---", 0) == 0 || line.rfind("...", 0) == 0) &&
           (line.size() == 3 || std::isspace(static_cast<unsigned char>(line[3])));
  };
  const auto has_content = [](const std::string& line) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    return first != std::string::npos && line[first] != '#';
  };
  bool content = false;
  int marker_line = -1;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    if (is_marker(line)) {
      if (content && marker_line < 0) marker_line = number;
      if (marker_line >= 0 && has_content(line.substr(3))) return marker_line;
    } else if (has_content(line)) {
      if (marker_line >= 0) return number;  // where the second document's content is
      content = true;
    }
    ++number;
    start = end + 1;
  }
  return -1;
}

}  // namespace

YAML::Node parse_yaml_value(const std::string& text, const std::string& file) {
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {
    throw InputError(at_mark(file, error.mark, "the document is nested too deeply to be a scenario"));
  } catch (const YAML::ParserException& error) {
    throw InputError(at_mark(file, error.mark, "malformed YAML: " + error.msg));
  }
  std::size_t budget = max_yaml_nodes;
  if (!within_node_budget(node, budget)) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.message = "the document expands to more than " + std::to_string(max_yaml_nodes) +
                         " nodes (counting alias uses); a scenario is far smaller";
    throw InputError(diagnostic);
  }
  Diagnostics problems;
  SourceChecks checks(text, file, problems);
  checks.check(node, "", -1);
  // Only the first document would be read: anything after a `---` (or
  // `...`) would be dropped without a word.
  if (const int line = second_document_line(text); line >= 0) {
    YAML::Mark mark;
    mark.line = line;
    checks.add(mark, "",
               "a second YAML document starts here (after '---'); expected one document per "
               "file, as only the first would be read");
  }
  problems.throw_if_any();
  return node;
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  YAML::Node node = parse_yaml_value(text, file);
  if (!node || node.IsNull()) return YAML::Node(YAML::NodeType::Map);
  return node;
}

}  // namespace hcsim::models
