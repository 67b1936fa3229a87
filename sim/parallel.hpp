#pragma once
// The engine's parallel loops. parallel_for_index calls body(i) for every i in
// [0, count), each index exactly once, in any order and on any thread (a
// throwing body stops later indices: see LowestFailure).
// parallel_for_each_in_order does the same for the indices in `order`, and
// starts them in that order: each thread takes the next index not yet taken,
// so with the longest jobs first (largest areas) the last job to finish is a
// short one (longest processing time first scheduling). A large area that
// started last would keep one thread busy while the others idle.
//
// Normally oneTBB runs it (grain size 1: areas differ in size by orders of
// magnitude, so idle threads steal single ones). A ThreadSanitizer build
// defines HCSIM_PARALLEL_STD_THREADS, and plain std::threads run it instead:
// Debian's libtbb is not instrumented, so TSan cannot see the
// synchronisation inside TBB's scheduler and reports races in TBB's own
// headers; with std::thread every hand-over is visible and TSan checks what
// matters, that the bodies share nothing mutable. They are as many as the
// current task arena allows (only its size is read from TBB), so a run on
// one thread runs on one thread in either build.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <span>

#include <exception>
#include <mutex>

#include <tbb/info.h>
#include <tbb/task_arena.h>
#ifdef HCSIM_PARALLEL_STD_THREADS
#include <thread>
#include <vector>
#else
#include <tbb/parallel_for.h>
#endif

namespace hcsim::sim {

// The size of a task arena for `threads` requested (0: every core the
// process may use). oneTBB never runs more workers than that, and prints a
// warning on the terminal when asked for more; results do not depend on the
// count, so a request beyond the cores is quietly the cores.
inline int arena_size(int threads) {
  const int cores = std::max(1, tbb::info::default_concurrency());
  return threads > 0 ? std::min(threads, cores) : cores;
}

// When bodies throw, the exception of the lowest failing index is rethrown,
// whatever the threads: every index below it still runs, indices above one
// that failed are skipped (those already running finish). So a plan whose
// runs 3 and 7 fail reports run 3's error every time, and stops early.
class LowestFailure {
 public:
  explicit LowestFailure(std::size_t count) noexcept : lowest_(count) {}
  [[nodiscard]] bool skips(std::size_t i) const noexcept {
    return i > lowest_.load(std::memory_order_acquire);
  }
  void record(std::size_t i, std::exception_ptr failure) {
    std::lock_guard lock(mutex_);
    if (i < lowest_.load(std::memory_order_relaxed)) {
      lowest_.store(i, std::memory_order_release);
      failure_ = std::move(failure);
    }
  }
  void rethrow_if_any() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::atomic<std::size_t> lowest_;
  std::mutex mutex_;
  std::exception_ptr failure_;
};

// Threads to run `jobs` jobs on: as many as the current task arena allows,
// and no more than there are jobs.
[[nodiscard]] inline std::size_t threads_for(std::size_t jobs) {
  return std::min<std::size_t>(
      jobs, static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency())));
}

template <class Body>
void parallel_for_index(std::size_t count, const Body& body) {
  LowestFailure failures(count);
  auto run = [&](std::size_t i) {
    if (failures.skips(i)) return;
    try {
      body(i);
    } catch (...) {
      failures.record(i, std::current_exception());
    }
  };
#ifdef HCSIM_PARALLEL_STD_THREADS
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) run(i);
  };
  const std::size_t workers = threads_for(count);
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
#else
  tbb::parallel_for(std::size_t{0}, count, std::size_t{1}, run);
#endif
  failures.rethrow_if_any();
}

template <class Body>
void parallel_for_each_in_order(std::span<const std::size_t> order, const Body& body) {
  std::atomic<std::size_t> next{0};
  // Failures as in parallel_for_index, by place in the list.
  LowestFailure failures(order.size());
  // Each taker runs jobs in list order until none is left; which thread runs
  // which job does not matter, only that the long ones start first.
  auto take = [&](std::size_t /*taker*/) {
    for (std::size_t k = next++; k < order.size(); k = next++) {
      if (failures.skips(k)) continue;
      try {
        body(order[k]);
      } catch (...) {
        failures.record(k, std::current_exception());
      }
    }
  };
  const std::size_t takers = threads_for(order.size());
#ifdef HCSIM_PARALLEL_STD_THREADS
  parallel_for_index(takers, take);
#else
  tbb::parallel_for(std::size_t{0}, takers, std::size_t{1}, take);
#endif
  failures.rethrow_if_any();
}

}  // namespace hcsim::sim
