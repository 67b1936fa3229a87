#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/parallel.hpp"

namespace {

// Runs `loop` in an arena of two threads and returns the message it threw.
template <class Loop>
std::string failure_of(const Loop& loop) {
  std::string message;
  tbb::task_arena arena(2);
  arena.execute([&] {
    try {
      loop();
    } catch (const std::runtime_error& error) {
      message = error.what();
    }
  });
  return message;
}

}  // namespace

TEST_CASE("parallel_for_index reports the failure of the lowest index, every time", "[parallel]") {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::vector<std::atomic<int>> ran(64);
    const std::string message = failure_of([&] {
      hcsim::sim::parallel_for_index(ran.size(), [&](std::size_t i) {
        ++ran[i];
        // The later failure is thrown first, so a loop that kept whichever
        // came first would report it.
        if (i == 40) throw std::runtime_error("index 40");
        if (i == 9) {
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          throw std::runtime_error("index 9");
        }
      });
    });
    REQUIRE(message == "index 9");
    // Every index below the lowest failure ran, once.
    for (std::size_t i = 0; i <= 9; ++i) REQUIRE(ran[i] == 1);
    for (const auto& count : ran) REQUIRE(count <= 1);
  }
}

TEST_CASE("parallel_for_each_in_order reports the failure earliest in the list", "[parallel]") {
  const std::vector<std::size_t> order{5, 3, 7, 1, 0, 2, 4, 6};
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::vector<std::atomic<int>> ran(order.size());
    const std::string message = failure_of([&] {
      hcsim::sim::parallel_for_each_in_order(order, [&](std::size_t job) {
        ++ran[job];
        // Job 1 is fourth in the list, job 6 last: job 1's failure is reported.
        if (job == 6 || job == 1) throw std::runtime_error("job " + std::to_string(job));
      });
    });
    REQUIRE(message == "job 1");
    for (const std::size_t job : {std::size_t{5}, std::size_t{3}, std::size_t{7}, std::size_t{1}}) REQUIRE(ran[job] == 1);
  }
}

TEST_CASE("parallel loops without failures run every index exactly once", "[parallel]") {
  std::vector<std::atomic<int>> ran(1000);
  tbb::task_arena arena(2);
  arena.execute([&] { hcsim::sim::parallel_for_index(ran.size(), [&](std::size_t i) { ++ran[i]; }); });
  for (const auto& count : ran) REQUIRE(count == 1);
}
