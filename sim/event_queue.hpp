#pragma once
// The per-area event queue. benchmarks/README.md records the measurement that
// chose the 4-ary heap over a binary heap and std::priority_queue.
#include "sim/dary_heap.hpp"

namespace hcsim::sim {

using EventQueue = DaryHeap<4>;

}  // namespace hcsim::sim
