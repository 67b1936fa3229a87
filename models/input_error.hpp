#pragma once
// Errors in user input (scenario files, --set overrides, command-line values).
// Each diagnostic names where (file:line:column), what (the key path) and what
// was expected; all problems found in one pass are reported together.
#include <stdexcept>
#include <string>
#include <vector>

namespace hcsim::models {

struct Diagnostic {
  std::string file;     // file name, or "--set" / "<embedded defaults>"
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string key_path; // e.g. parameters.length_of_stay.mean
  std::string message;  // what is wrong and what was expected

  [[nodiscard]] std::string format() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept {
    return diagnostics_;
  }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Collects diagnostics while reading; throws them together at the end.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const noexcept { return items_; }
  void throw_if_any() const {
    if (!items_.empty()) throw InputError(items_);
  }

 private:
  std::vector<Diagnostic> items_;
};

// A number as a person would write it in a message: whole numbers in full
// (23250, 1000000), others to six significant figures without trailing zeros
// (0.001, 3296.64); "nan" and "inf" as such. std::to_string's six fixed
// decimals turned 0.001 into 0.001000 and 1e-05 into 0.000010.
[[nodiscard]] std::string format_number(double value);

// What `path` is when it is not a regular file (after symbolic links): "a
// directory", "a pipe", "a character device", ...; "" for a regular file, or
// one that does not exist or cannot be looked at (opening it says why). An
// input file must be regular: /dev/zero never ends, a directory makes no
// sense and a pipe can be read only once.
[[nodiscard]] std::string not_a_regular_file(const std::string& path);

// The closest of `candidates` to `word` by edit distance, or "" when nothing
// is close enough to be a plausible typo.
[[nodiscard]] std::string closest_match(const std::string& word,
                                        const std::vector<std::string>& candidates);

}  // namespace hcsim::models
