#pragma once
// Runs and shares of runs flattened to numbers, for sending between MPI
// ranks: each rank encodes what it computed into one buffer of doubles and
// rank 0 decodes every rank's buffer. Counts and indices are far below 2^53,
// so doubles carry them exactly; area names are the plan's.
#include <cstddef>
#include <vector>

#include "models/run_plan.hpp"
#include "models/simulation.hpp"
#include "sim/distributed.hpp"

namespace hcsim::models {

// Appends run `run`, computed whole.
void encode_run(std::size_t run, const ReplicationResult& result, std::vector<double>& out);
// Appends a share of a run (some of its areas).
void encode_share(const RunShare& share, std::vector<double>& out);
// Decodes every record in `buffer`: whole runs into `runs` (indexed by run),
// shares appended to `shares`.
void decode_runs(const std::vector<double>& buffer, const RunPlan& plan,
                 std::vector<ReplicationResult>& runs, std::vector<RunShare>& shares);

// Collective over the ranks of `world`, after run_plan under
// execution.areas_here: rank 0 receives every rank's whole runs and shares of
// runs, in rank order, puts each split run together area by area
// (merge_share, complete_run) and returns true, `result` then holding every
// run of the plan; the other ranks return false. A single process returns
// true at once. Where a run or an area was computed does not change its
// numbers.
bool gather_results_to_root(const sim::Distributed& world, const RunPlan& plan,
                            const PlanExecution& execution, ExperimentResult& result);

}  // namespace hcsim::models
