#pragma once
// The commands of the hcsim executable, one file each.
#include <cstdint>
#include <string>
#include <vector>

#include "apps/hcsim/command_line.hpp"

namespace hcsim::app {

// hcsim run: simulate, summarise, optionally write HDF5. Returns the exit status.
int run_command(const RunOptions& options, const std::string& command_line);

// hcsim check: load and check the scenario completely, simulate nothing.
int check_command(const RunOptions& options);

// run and check for a flow-only scenario (mode: flow_only), which
// run_command and check_command hand over to.
int run_flow_command(const RunOptions& options, const std::string& command_line);
int check_flow_command(const RunOptions& options);

// Refuses an output path that cannot be written (missing or unwritable
// directory, a directory named as the file) or must not be replaced (a
// device, pipe or symbolic link, or the input `scenario_path` itself) before
// time is spent on a run. The results file is renamed over the path, which
// would replace whatever is there.
void check_output_path(const std::string& path, const std::string& scenario_path);

// The memory a run may use: --max-memory-mb when given, else what the
// machine has available now (0 when unknown: no limit). The text names which,
// for the messages that refuse a run.
std::uint64_t memory_limit_of(const RunOptions& options);
std::string memory_limit_text(const RunOptions& options, std::uint64_t limit);

// hcsim pathway: the scenario's care pathway as Graphviz DOT.
int pathway_command(const RunOptions& options);

// hcsim compare: paired and unpaired differences between two results files.
int compare_command(const ResultsOptions& options);

// hcsim replications: replications needed per metric for a target precision.
int replications_command(const ResultsOptions& options);

// hcsim bench: one timed replication of the embedded default scenario.
int bench_command(const BenchOptions& options);

// hcsim report: runs the Python report (analysis/hcsim_analysis) in place of
// this process, so its exit status is the command's.
int report_command(const std::vector<std::string>& arguments);

// hcsim validate: 0 when every check passes, 1 when one fails; with
// --national 0 whatever the differences (a report).
int validate_command(const ValidateOptions& options);

}  // namespace hcsim::app
