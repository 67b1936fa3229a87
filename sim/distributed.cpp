#include "sim/distributed.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#ifdef HCSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace hcsim::sim {
namespace {

const Distributed* live = nullptr;

// Open MPI, MPICH and Slurm's PMI all set one of these in launched processes.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace

Distributed::Distributed(int& argc, char**& argv) {
#ifdef HCSIM_HAVE_MPI
  if (launched_by_mpi()) {
    int provided = 0;
    // Only the main thread calls MPI; worker threads never do.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    initialised_mpi_ = true;
  }
#else
  (void)argc;
  (void)argv;
#endif
  live = this;
}

Distributed::~Distributed() {
#ifdef HCSIM_HAVE_MPI
  if (initialised_mpi_) MPI_Finalize();
#endif
  if (live == this) live = nullptr;
}

const Distributed& Distributed::current() {
  static const Distributed single_process;
  return live ? *live : single_process;
}

bool Distributed::any(bool local) const {
#ifdef HCSIM_HAVE_MPI
  if (initialised_mpi_) {
    int mine = local ? 1 : 0;
    int result = 0;
    MPI_Allreduce(&mine, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return result != 0;
  }
#endif
  return local;
}

std::uint64_t Distributed::sum_on_machine(std::uint64_t local) const {
#ifdef HCSIM_HAVE_MPI
  if (initialised_mpi_) {
    MPI_Comm machine;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &machine);
    unsigned long long mine = local;
    unsigned long long sum = 0;
    MPI_Allreduce(&mine, &sum, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, machine);
    MPI_Comm_free(&machine);
    return sum;
  }
#endif
  return local;
}

std::vector<std::vector<double>> Distributed::gather_to_root(
    const std::vector<double>& local) const {
#ifdef HCSIM_HAVE_MPI
  if (initialised_mpi_) {
    const int count = static_cast<int>(local.size());
    std::vector<int> counts(static_cast<std::size_t>(size_));
    MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(static_cast<std::size_t>(size_), 0);
    std::vector<double> all;
    if (rank_ == 0) {
      std::partial_sum(counts.begin(), counts.end() - 1, offsets.begin() + 1);
      all.resize(static_cast<std::size_t>(offsets.back() + counts.back()));
    }
    MPI_Gatherv(local.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                MPI_DOUBLE, 0, MPI_COMM_WORLD);
    std::vector<std::vector<double>> per_rank;
    if (rank_ == 0) {
      for (int r = 0; r < size_; ++r) {
        const auto begin = all.begin() + offsets[static_cast<std::size_t>(r)];
        per_rank.emplace_back(begin, begin + counts[static_cast<std::size_t>(r)]);
      }
    }
    return per_rank;
  }
#endif
  return {local};
}

void Distributed::barrier() const {
#ifdef HCSIM_HAVE_MPI
  if (initialised_mpi_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

std::vector<int> partition_in_order(const std::vector<double>& weights, int parts) {
  parts = std::max(parts, 1);
  double total = 0.0;
  for (const double weight : weights) total += std::max(weight, 0.0);
  const bool by_count = !(total > 0.0);
  if (by_count) total = static_cast<double>(weights.size());
  std::vector<int> owner(weights.size(), 0);
  double before = 0.0;
  for (std::size_t item = 0; item < weights.size(); ++item) {
    const double weight = by_count ? 1.0 : std::max(weights[item], 0.0);
    const double midpoint = before + 0.5 * weight;
    const auto part = static_cast<int>(std::floor(midpoint / total * parts));
    owner[item] = std::clamp(part, 0, parts - 1);
    before += weight;
  }
  return owner;
}

}  // namespace hcsim::sim
