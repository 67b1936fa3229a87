#pragma once
// How a plan's work is split over processes (MPI ranks).
//
// The unit of work is one area of one run: areas share nothing inside a run
// (models/simulation.hpp), so a run may be split between ranks as freely as a
// plan's runs. The areas of the runs still to do are laid out in run order,
// then area order, weighted by the people each simulates, and cut into one
// consecutive piece per rank of nearly equal weight
// (sim::partition_in_order). A plan of many runs therefore goes to ranks in
// whole runs, split only where a cut falls inside one, and a single large run
// is split by area, so that every rank has work either way. Every rank
// computes the same cut from the plan alone, without communicating.
#include <cstddef>
#include <vector>

#include "models/run_plan.hpp"

namespace hcsim::models {

// The work of area `area` of a run of `scenario`: its simulated people, once
// for the run and once for each counterfactual run it is in (an intervention
// that covers it, when the scenario asks for returns).
[[nodiscard]] double area_work(const Scenario& scenario, std::size_t area);

// The areas of each run that `rank` of `ranks` computes, as
// PlanExecution::areas_here wants them: indexed by run, a flag per area. Runs
// not flagged in `to_do` (indexed by run) are given to nobody.
[[nodiscard]] std::vector<std::vector<char>> areas_of_rank(const RunPlan& plan,
                                                           const std::vector<char>& to_do,
                                                           int ranks, int rank);

}  // namespace hcsim::models
