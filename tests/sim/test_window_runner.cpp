#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/window_runner.hpp"

namespace {

// Records every time it is advanced to.
class RecordingArea final : public hcsim::sim::Area {
 public:
  void advance_to(hcsim::sim::Days until) override { reached.push_back(until); }
  std::vector<double> reached;
};

}  // namespace

TEST_CASE("windows cover the horizon and end exactly at its end", "[window_runner]") {
  hcsim::sim::WindowPlan plan{0.0, 100.0, 30.0};
  CHECK(plan.window_count() == 4);
  CHECK(plan.window_end(0) == 30.0);
  CHECK(plan.window_end(3) == 100.0);
  hcsim::sim::WindowPlan exact{0.0, 90.0, 30.0};
  CHECK(exact.window_count() == 3);
}

TEST_CASE("every area reaches every window end before the window callback runs",
          "[window_runner]") {
  std::vector<RecordingArea> areas(7);
  std::vector<hcsim::sim::Area*> pointers;
  for (auto& area : areas) pointers.push_back(&area);
  std::vector<double> callbacks;
  tbb::task_arena arena(2);
  arena.execute([&] {
    hcsim::sim::run_windows(pointers, {0.0, 50.0, 20.0},
                            [&](std::size_t window, double at) {
                              for (const auto& area : areas) REQUIRE(area.reached.size() == window + 1);
                              callbacks.push_back(at);
                            });
  });
  CHECK(callbacks == std::vector<double>{20.0, 40.0, 50.0});
  for (const auto& area : areas) CHECK(area.reached == std::vector<double>{20.0, 40.0, 50.0});
}

TEST_CASE("independent areas each run all their windows, window-end work after each",
          "[window_runner]") {
  std::vector<RecordingArea> areas(7);
  std::vector<hcsim::sim::Area*> pointers;
  for (auto& area : areas) pointers.push_back(&area);
  const std::vector<std::size_t> start_order{3, 0, 6, 1, 2, 5, 4};
  // Per area, the window ends it was called back at, and whether each call
  // came right after the area reached that end. The callbacks run on worker
  // threads, where assertions must not run (the test framework is not
  // thread-safe); each area's records are touched by one thread at a time.
  std::vector<std::vector<double>> called(areas.size());
  std::vector<std::vector<bool>> right_after(areas.size());
  tbb::task_arena arena(2);
  arena.execute([&] {
    hcsim::sim::run_areas_independently(
        pointers, {0.0, 50.0, 20.0}, start_order,
        [&](std::size_t area, std::size_t window, double at) {
          right_after[area].push_back(areas[area].reached.size() == window + 1 &&
                                      areas[area].reached.back() == at);
          called[area].push_back(at);
        });
  });
  for (std::size_t a = 0; a < areas.size(); ++a) {
    CHECK(areas[a].reached == std::vector<double>{20.0, 40.0, 50.0});
    CHECK(called[a] == std::vector<double>{20.0, 40.0, 50.0});
    CHECK(right_after[a] == std::vector<bool>{true, true, true});
  }
}

TEST_CASE("independent areas report the failure of the earliest window, then the first area",
          "[window_runner]") {
  // Area 4 fails in window 1, areas 2 and 5 in window 3, area 0 in window 6:
  // window 1's failure is reported, whatever the threads; with only the
  // window-3 failures, area 2's. Areas past the earliest failed window stop.
  struct Failure {
    std::size_t area;
    std::size_t window;
  };
  auto run = [](const std::vector<Failure>& failures, int threads) {
    std::vector<RecordingArea> areas(6);
    std::vector<hcsim::sim::Area*> pointers;
    for (auto& area : areas) pointers.push_back(&area);
    const std::vector<std::size_t> start_order{5, 4, 3, 2, 1, 0};
    std::string reported;
    tbb::task_arena arena(threads);
    arena.execute([&] {
      try {
        hcsim::sim::run_areas_independently(
            pointers, {0.0, 100.0, 10.0}, start_order,
            [&](std::size_t area, std::size_t window, double) {
              for (const auto& failure : failures) {
                if (failure.area == area && failure.window == window) {
                  throw std::runtime_error("area " + std::to_string(area) + " window " +
                                           std::to_string(window));
                }
              }
            });
      } catch (const std::runtime_error& error) {
        reported = error.what();
      }
    });
    std::vector<std::size_t> reached;
    for (const auto& area : areas) reached.push_back(area.reached.size());
    return std::pair{reported, reached};
  };
  for (const int threads : {1, 2}) {
    for (int repeat = 0; repeat < 20; ++repeat) {
      CHECK(run({{0, 6}, {2, 3}, {5, 3}, {4, 1}}, threads).first == "area 4 window 1");
      CHECK(run({{5, 3}, {2, 3}}, threads).first == "area 2 window 3");
    }
  }
  // On one thread the areas run one after another in start order: area 5
  // fails in window 3 (4 windows reached), area 4 in window 1, and every
  // area after it stops once past window 1.
  CHECK(run({{0, 6}, {2, 3}, {5, 3}, {4, 1}}, 1).second ==
        std::vector<std::size_t>{2, 2, 2, 2, 2, 4});
  CHECK(run({}, 2).first.empty());
  CHECK(run({}, 2).second == std::vector<std::size_t>(6, 10));
}
