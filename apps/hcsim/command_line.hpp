#pragma once
// Parsing of the hcsim command line into a request, with errors that say what
// was expected. Parsing does no work; main.cpp carries the request out.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hcsim::app {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Command {
  help, version, run, check, compare, replications, bench, report, validate, pathway
};

struct RunOptions {
  std::string scenario_path;
  std::optional<std::string> out_path;
  std::optional<std::int64_t> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;  // 0: all hardware threads
  std::vector<std::string> set;
  bool json = false;
  bool quiet = false;
  bool progress = false;  // force progress lines even when stderr is not a terminal
  bool resume = false;    // complete an interrupted plan writing to out_path
  std::uint32_t transition_log_people = 0;  // people per area whose histories are logged
  std::uint64_t transition_log_max = 100000;  // records per area and run
  std::optional<std::string> area;  // pathway: whose pathway (default: the first area)
  std::optional<std::uint64_t> max_memory_mb;  // default: memory available now
  std::uint64_t max_output_mb = 4096;
};

// hcsim compare A.h5 B.h5 and hcsim replications FILE.h5 read results files.
struct ResultsOptions {
  std::vector<std::string> paths;
  double relative_half_width = 0.01;  // replications: target 95% half-width / mean
  std::vector<std::int64_t> points;   // compare: two sweep points; replications: one
  bool json = false;
};

// hcsim bench: the embedded default scenario at a chosen scale and horizon.
struct BenchOptions {
  std::optional<std::string> scenario_path;  // --scenario; else the embedded default
  double scale = 0.01;
  double years = 2.0;
  int threads = 0;
  bool json = false;
};

// hcsim validate: the textbook queueing cases against their analytic values;
// --ipacs DIR the IPACS model; --national the default scenario against
// published national figures, written into a Markdown file.
struct ValidateOptions {
  std::optional<std::string> scenario_dir;  // default: the shipped scenarios/validation
  std::optional<std::string> ipacs_dir;     // compare with the IPACS model instead
  bool national = false;                    // compare with national figures instead
  std::optional<std::string> output_path;   // --national: default docs/validation.md
  std::optional<std::int64_t> replications;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> set;
  int threads = 0;
  bool json = false;
};

// `hcsim check` reads the same scenario and overrides as run.
struct Request {
  Command command = Command::help;
  RunOptions run;
  ResultsOptions results;
  BenchOptions bench;
  ValidateOptions validate;
  std::vector<std::string> report_arguments;  // handed to the Python report as they are
};

// Throws UsageError on anything it does not understand.
[[nodiscard]] Request parse_command_line(const std::vector<std::string>& arguments);

[[nodiscard]] std::string usage_text();

}  // namespace hcsim::app
