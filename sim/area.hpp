#pragma once
// The engine's unit of parallelism: a part of the simulated world with its own
// clock and events that, inside a window, touches nothing outside itself.
// The model decides what an area contains; the engine only advances it.
#include "sim/time.hpp"

namespace hcsim::sim {

class Area {
 public:
  Area() = default;
  Area(const Area&) = delete;
  Area& operator=(const Area&) = delete;
  virtual ~Area() = default;

  // Handles every event before `until`. Runs concurrently with other areas'
  // advance_to, so it must touch only this area's state.
  virtual void advance_to(Days until) = 0;
};

}  // namespace hcsim::sim
