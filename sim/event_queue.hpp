#pragma once
// The per-area event queue. benchmarks/README.md records the measurement that
// chose the 4-ary heap: 6-17% faster than the binary alternatives from a
// million pending events up (full-scale areas), 3-7% slower below that.
#include "sim/dary_heap.hpp"

namespace hcsim::sim {

using EventQueue = DaryHeap<4>;

}  // namespace hcsim::sim
