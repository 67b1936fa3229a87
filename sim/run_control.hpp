#pragma once
// Ways a run stops early, raised at window boundaries so that no area is left
// half-way through an event.
#include <atomic>
#include <stdexcept>
#include <string>

namespace hcsim::sim {

// The user asked the run to stop (SIGINT, SIGTERM).
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// A measure or state became NaN or infinite; the message names the run, the
// area, the time and the measure.
class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another process of a distributed run failed; it reports its own error.
class PeerFailure : public std::runtime_error {
 public:
  PeerFailure() : std::runtime_error("another process of the distributed run failed") {}
};

// Set from a signal handler; read at window ends.
using StopFlag = std::atomic<bool>;

}  // namespace hcsim::sim
