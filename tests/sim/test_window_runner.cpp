#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <atomic>
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
