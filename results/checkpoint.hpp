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
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/simulation.hpp"

namespace hcsim::results {

class Checkpoint {
 public:
  Checkpoint(const std::string& out_path, std::string fingerprint);

  [[nodiscard]] const std::string& directory() const noexcept { return directory_; }

  // A new plan: refuses (InputError) when an earlier interrupted plan left its
  // folder, so nothing is overwritten without --resume; then creates it.
  void start();
  // Resuming: the folder must exist and hold this plan's fingerprint
  // (InputError otherwise). Returns the finished runs, indexed by run.
  [[nodiscard]] std::vector<std::optional<models::ReplicationResult>> resume(
      std::size_t run_count, std::size_t areas, std::size_t years);
  void save(std::size_t run, const models::ReplicationResult& result) const;
  // After OUT.h5 is complete.
  void remove() const;

 private:
  [[nodiscard]] std::string run_file(std::size_t run) const;

  std::string out_path_;
  std::string directory_;
  std::string fingerprint_;
};

}  // namespace hcsim::results
