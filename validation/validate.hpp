#pragma once
// `hcsim validate`: runs every queueing validation case (validation/cases.hpp)
// from a directory of scenarios and reports, for each check, the analytic
// value, the simulated mean with its 95% and 99% intervals, the bias
// allowance and pass or fail.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "validation/cases.hpp"

namespace hcsim::validation {

// The shipped validation scenarios: HCSIM_SOURCE_DIR "/scenarios/validation".
[[nodiscard]] std::string default_validation_scenario_dir();

struct ValidationOptions {
  std::string scenario_dir = default_validation_scenario_dir();
  bool json = false;  // one JSON object on `out` instead of a table
  int threads = 0;    // 0: all hardware threads
  // Overrides applied to every case (e.g. fewer replications for a quick look;
  // the intervals widen accordingly and the pass rule stays valid).
  std::optional<std::int64_t> replications;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> set;  // "key.path=value", as `hcsim run --set`
  std::ostream* out = nullptr;   // table or JSON; nullptr: std::cout
  std::ostream* log = nullptr;   // progress; nullptr: std::cerr
};

// Runs every case. Throws models::InputError when a scenario is missing, bad,
// or not of the form its analytic value needs.
[[nodiscard]] std::vector<CaseResult> run_validation_cases(const ValidationOptions& options);

// Runs every case and prints the report: a table, or with `json` one object
//   {"cases": [{"name", "file", "model", "quantity", "unit", "analytic",
//               "simulated", "ci95": [lo, hi], "ci99": [lo, hi], "allowance",
//               "replications", "pass"}, ...], "all_passed": bool}
// with one entry per check. Returns 0 when every check passes, 1 otherwise.
// Throws models::InputError as run_validation_cases does (exit status 2 in
// the command line).
int run_validation(const ValidationOptions& options);

// The report alone, for cases already run.
void write_validation_table(std::ostream& out, const std::vector<CaseResult>& cases);
void write_validation_json(std::ostream& out, const std::vector<CaseResult>& cases);

}  // namespace hcsim::validation
