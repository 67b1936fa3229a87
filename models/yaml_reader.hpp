#pragma once
// Reads a YAML mapping against what the model expects, turning every problem
// into a Diagnostic with file, line, column and key path instead of stopping
// at the first one. Values are applied onto existing targets, so the same
// reader serves embedded defaults, scenario overrides and per-area overrides:
// a key that is absent leaves the target as it was.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "models/input_error.hpp"

namespace hcsim::models {

// An allowed range for a number, with its unit for messages.
struct Limits {
  double min = -1e300;
  double max = 1e300;
  bool min_exclusive = false;
  const char* unit = "";

  static Limits positive(const char* unit) { return {0.0, 1e300, true, unit}; }
  static Limits non_negative(const char* unit) { return {0.0, 1e300, false, unit}; }
  static Limits probability() { return {0.0, 1.0, false, "probability"}; }
  static Limits between(double low, double high, const char* unit) {
    return {low, high, false, unit};
  }
  [[nodiscard]] bool allows(double value) const noexcept;
  [[nodiscard]] std::string describe() const;
};

// Which file each node came from, for documents merged by `extends:`, so a
// diagnostic names the file that holds the offending line.
class NodeOrigins {
 public:
  // Records every node under `root` as coming from `file`.
  void record(const YAML::Node& root, const std::string& file);
  // The file `node` came from, or nullptr when it was not recorded.
  [[nodiscard]] const std::string* file_of(const YAML::Node& node) const;

 private:
  std::vector<std::pair<YAML::Node, std::string>> nodes_;
};

class MapReader {
 public:
  // `file` names where the node came from; nodes without a position (added
  // by --set) are reported as coming from "--set".
  MapReader(YAML::Node node, std::string file, std::string path, Diagnostics& diagnostics);

  [[nodiscard]] bool has(const std::string& key) const;
  // What is under `key`, for values that take more than one form (a number
  // or a list, say); false when absent.
  [[nodiscard]] bool is_list(const std::string& key) const;
  [[nodiscard]] bool is_mapping(const std::string& key) const;
  // The file that holds the value under `key` (with `extends:`, the file that
  // wrote it), for paths relative to it; empty when the value came from the
  // command line (--set) or is absent.
  [[nodiscard]] std::string source_file(const std::string& key) const;
  // The keys present, in file order (for mappings whose keys are data, such
  // as a sweep's key paths).
  [[nodiscard]] std::vector<std::string> keys() const;
  // The scalar values of a list under `key` as text; false (with a
  // diagnostic) when it is not a non-empty list of scalars.
  bool texts(const std::string& key, std::vector<std::string>& target);
  // A list of [a, b] pairs of words (graph edges), each with its 1-based line
  // and column; false (with a diagnostic) on any other shape.
  struct TextPair {
    std::string first, second;
    int line = 0, column = 0;
  };
  bool text_pairs(const std::string& key, std::vector<TextPair>& target);
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

  void number(const std::string& key, double& target, const Limits& limits);
  void count(const std::string& key, std::int64_t& target, std::int64_t min, std::int64_t max);
  void unsigned_integer(const std::string& key, std::uint64_t& target);
  void text(const std::string& key, std::string& target);
  void flag(const std::string& key, bool& target);
  // A list of numbers, each within `limits`; the list must not be empty.
  void numbers(const std::string& key, std::vector<double>& target, const Limits& limits);

  // A nested mapping; absent gives a reader over nothing (every key absent).
  MapReader map(const std::string& key);
  // Calls `read_item` for each mapping in the sequence under `key`.
  void each_map(const std::string& key, const std::function<void(MapReader&, std::size_t)>& read_item);

  // Reports a problem with `key` (or with this mapping when key is empty).
  // An absent key is reported at its mapping, so the message still has a
  // line when the mapping came from a file.
  void error(const std::string& key, const std::string& message);
  // Where the value under `key` is (its mapping's place when absent): file,
  // line, column and key path, for diagnostics raised after reading.
  [[nodiscard]] Diagnostic location(const std::string& key) const;
  // Reports keys present but never read, with the closest known key.
  void finish();

  // Marks a key as known without reading it (read elsewhere).
  void accept(const std::string& key) { known_.push_back(key); }

  // Looks up the file of each node in `origins` (which must outlive the
  // reader and its nested readers).
  void set_origins(const NodeOrigins* origins) noexcept { origins_ = origins; }

 private:
  // The value under `key`, or `absent` when the key is not there.
  [[nodiscard]] YAML::Node child(const std::string& key,
                                 const YAML::Node& absent = YAML::Node()) const;
  // The value under `key`, or this mapping when the key is absent.
  [[nodiscard]] YAML::Node child_or_self(const std::string& key) const;
  // Whether `key` is written in this mapping, with a value or without.
  [[nodiscard]] bool present(const std::string& key) const;
  // The key node of `key` (for its position), or a null node when absent.
  [[nodiscard]] YAML::Node key_node(const std::string& key) const;
  // A diagnostic placed at the key itself when it has a position, else at
  // its value (which knows its origin when it came from --set).
  [[nodiscard]] Diagnostic at_key(const std::string& key, const YAML::Node& value,
                                  const std::string& key_path, std::string message) const;
  // Whether `value` under `key` is there to read: false when the key is
  // absent, and false with a diagnostic ("expected `expected`, got nothing")
  // when the key is written with no value.
  bool readable(const std::string& key, const YAML::Node& value, const std::string& expected);
  // Says once per key that `key` is written with no value.
  void report_empty(const std::string& key, const YAML::Node& value, const std::string& expected);
  [[nodiscard]] Diagnostic at(const YAML::Node& node, const std::string& key_path,
                              std::string message) const;
  [[nodiscard]] std::string key_path(const std::string& key) const;
  bool scalar_number(const std::string& key, const YAML::Node& value, double& out);

  YAML::Node node_;
  std::string file_;
  std::string path_;
  Diagnostics* diagnostics_;
  std::vector<std::string> known_;
  std::set<std::string> reported_empty_;  // keys written with no value, already reported
  const NodeOrigins* origins_ = nullptr;
};

// Parses YAML text, turning parser errors into diagnostics. Empty documents
// become an empty mapping. Also refused, all together, is what yaml-cpp lets
// through and would otherwise change the results without a word: a key given
// twice in one mapping (yaml-cpp keeps both; readers see only one), a quoted
// value whose quote is never closed (yaml-cpp takes the rest of the file into
// it) or that runs on to a line indented no more than its key and looking
// like a key of its own, and a second document after `---` (ignored).
YAML::Node parse_yaml(const std::string& text, const std::string& file);
// The same for one value given on the command line (--set key.path=VALUE):
// empty text gives a null node, and positions are within the value text.
YAML::Node parse_yaml_value(const std::string& text, const std::string& file);

}  // namespace hcsim::models
