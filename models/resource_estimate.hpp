#pragma once
// Estimates of what a run will need, so that a run too large for the machine
// or for the user's output limit is refused before anything is allocated.
#include <cstdint>
#include <string>
#include <vector>

#include "models/run_plan.hpp"
#include "models/scenario.hpp"

namespace hcsim::models {

struct ResourceEstimate {
  std::int64_t people = 0;                 // simulated people per replication
  std::int64_t concurrent_replications = 1;
  std::uint64_t memory_bytes = 0;          // peak, all concurrent replications
  std::uint64_t output_bytes = 0;          // HDF5 file, approximately
};

// Bytes one simulated person costs at peak: the person columns plus about two
// pending events in the queue, with slack for vector growth. Measured peak
// resident memory per person on the default scenario is below this.
inline constexpr std::uint64_t estimated_bytes_per_person = 128;
// Fixed cost of the process (libraries, arenas, parameters).
inline constexpr std::uint64_t estimated_fixed_bytes = 64ull << 20;

// `runs` is how many runs the plan has (replications times sweep points);
// 0 means the scenario's replications.
[[nodiscard]] ResourceEstimate estimate_resources(const Scenario& scenario, int threads,
                                                  std::int64_t runs = 0);

// The transition log's share of the output (--transition-log): per run and
// area, a starting row for each of the first `people_per_area` people and a
// row for each of their moves, at most `max_records_per_area`; 48 bytes a row.
// Moves are taken at transition_moves_per_person_year, an upper figure for
// the default scenario (measured: see the definition).
[[nodiscard]] std::uint64_t transition_log_bytes(const Scenario& scenario, std::int64_t runs,
                                                 std::uint64_t people_per_area,
                                                 std::uint64_t max_records_per_area);

// What one process of a distributed run holds at once: its share of each run
// (`areas_here`, as PlanExecution wants it: indexed by run, a flag per area),
// up to `threads` of those runs at a time. `people` is the most people of a
// run this process simulates; the output is not estimated (rank 0 writes it,
// estimate_resources tells its size).
[[nodiscard]] ResourceEstimate estimate_share(const RunPlan& plan,
                                              const std::vector<std::vector<char>>& areas_here,
                                              int threads);

// MemAvailable from /proc/meminfo, or 0 when it cannot be read.
[[nodiscard]] std::uint64_t available_memory_bytes();

[[nodiscard]] std::string format_bytes(std::uint64_t bytes);

}  // namespace hcsim::models
