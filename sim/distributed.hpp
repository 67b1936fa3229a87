#pragma once
// Processes of a distributed run (MPI ranks), or a single process.
//
// hcsim splits a plan's work over ranks and gathers the results to rank 0,
// which alone writes output; every piece of work is computed the same way on
// any rank, so results are bit-identical on 1 rank or many. Built without MPI, or
// started without mpirun, this is one process of rank 0.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

#include "sim/run_control.hpp"

namespace hcsim::sim {

class Distributed {
 public:
  // Initialises MPI when the program was started by an MPI launcher;
  // finalises it on destruction. Create one, in main, before any threads.
  Distributed(int& argc, char**& argv);
  Distributed(const Distributed&) = delete;
  Distributed& operator=(const Distributed&) = delete;
  ~Distributed();

  // The live instance (one process: rank 0 of 1 when none was created).
  static const Distributed& current();

  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }
  [[nodiscard]] bool is_root() const noexcept { return rank_ == 0; }

  // True on every rank when `local` is true on any rank (collective).
  [[nodiscard]] bool any(bool local) const;
  // The sum of `local` over the processes on this machine (collective):
  // what they need of its memory together, say.
  [[nodiscard]] std::uint64_t sum_on_machine(std::uint64_t local) const;
  // Rank 0 receives every rank's buffer, in rank order (collective); other
  // ranks receive nothing.
  [[nodiscard]] std::vector<std::vector<double>> gather_to_root(
      const std::vector<double>& local) const;
  void barrier() const;

  // Runs `work` on this rank, then agrees with the others (collective): if
  // it threw on any rank, `on_failure` runs on every rank and every rank
  // throws, the exception itself where it was thrown and PeerFailure
  // elsewhere, so no rank is left waiting in a later collective.
  template <class Work, class OnFailure>
  void on_every_rank(Work&& work, OnFailure&& on_failure) const {
    std::exception_ptr error;
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
    if (!any(error != nullptr)) return;
    on_failure();
    if (error) std::rethrow_exception(error);
    throw PeerFailure();
  }
  template <class Work>
  void on_every_rank(Work&& work) const {
    on_every_rank(std::forward<Work>(work), [] {});
  }

 private:
  Distributed() = default;
  int rank_ = 0;
  int size_ = 1;
  bool initialised_mpi_ = false;
};

// Static weighted partition of items in their order: the sequence is cut
// into `parts` consecutive pieces of nearly equal weight, an item going to
// the piece its weight's midpoint falls in. Each piece's weight differs from
// the even share by at most the heaviest item, and every process computes
// the same owners without communicating. Items of zero total weight are
// split by count. Returns each item's part.
[[nodiscard]] std::vector<int> partition_in_order(const std::vector<double>& weights, int parts);

}  // namespace hcsim::sim
