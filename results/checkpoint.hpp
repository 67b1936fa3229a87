#pragma once
// Durable progress of a plan writing to OUT.h5.
//
// While the plan runs, every finished run is written to OUT.h5.runs/ as its
// own small HDF5 file (run-<index>.h5, written atomically, readable with h5py),
// beside plan.txt holding the plan's fingerprint. A killed sweep therefore
// keeps its finished runs; `hcsim run ... --resume` reads them back, checks
// the fingerprint (a different plan is refused), runs only the rest, and
// writes OUT.h5 exactly as an uninterrupted run would. The folder is removed
// once OUT.h5 is in place.
//
// A run file is trusted only when it reads back whole and says it is the run
// its name says (its `run`, `point` and `replication` attributes) of this
// plan (`plan_fingerprint`: the plan, the hcsim version and the scheme of
// its random draws, models::draw_scheme). One that does not (damaged,
// truncated, copied over another, from another plan or an hcsim that draws
// differently) is not used: that run is done again, and redone() says which
// and why.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/run_plan.hpp"
#include "models/simulation.hpp"

namespace hcsim::results {

class Checkpoint {
 public:
  Checkpoint(const std::string& out_path, std::string fingerprint);

  [[nodiscard]] const std::string& directory() const noexcept { return directory_; }

  // A new plan: refuses (InputError) when an earlier interrupted plan left its
  // folder, so nothing is overwritten without --resume; then creates it with
  // its plan.txt, under a temporary name renamed into place, so a kill never
  // leaves a folder without its plan.
  void start();
  // Resuming: the folder must exist and hold this plan's fingerprint
  // (InputError otherwise). Returns the finished runs, indexed by run; a run
  // whose file cannot be trusted is left out (to be done again) and noted
  // in redone(). Each file's point and replication are checked against the
  // plan's.
  [[nodiscard]] std::vector<std::optional<models::ReplicationResult>> resume(
      const models::RunPlan& plan, std::size_t areas, std::size_t years);
  // After resume(): one line per run file not used, naming the file, what is
  // wrong with it and that the run is done again.
  [[nodiscard]] const std::vector<std::string>& redone() const noexcept { return redone_; }

  void save(std::size_t run, const models::ReplicationResult& result) const;
  // After OUT.h5 is complete.
  void remove() const;

 private:
  [[nodiscard]] std::string run_file(std::size_t run) const;
  // Reads one run file; InputError (or OutputError) when it cannot be used.
  [[nodiscard]] models::ReplicationResult read_run(const std::string& path, std::size_t run,
                                                   const models::RunPlan& plan, std::size_t areas,
                                                   std::size_t years) const;

  std::string out_path_;
  std::string directory_;
  std::string fingerprint_;
  std::vector<std::string> redone_;
};

}  // namespace hcsim::results
