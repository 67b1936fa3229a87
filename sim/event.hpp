#pragma once
// An event and its total-order key.
//
// Order is (time, priority, person, sequence): it never depends on insertion
// order, on the thread that scheduled the event or on the MPI rank, so a run
// replays bit for bit. Two events of one person at the same time and priority
// are ordered by the person's own sequence counter, which the model increments
// each time it schedules something for that person.
#include <cstdint>
#include <limits>

#include "sim/time.hpp"

namespace hcsim::sim {

using PersonIndex = std::uint32_t;

// Events not tied to a person (service-level events) use this person index;
// they sort after every person's event at the same time and priority.
inline constexpr PersonIndex no_person = std::numeric_limits<PersonIndex>::max();

struct Event {
  Days time = 0.0;
  PersonIndex person = no_person;
  std::uint32_t sequence = 0;  // per-person sequence number
  std::uint16_t priority = 0;  // lower runs first at equal time
  std::uint16_t kind = 0;      // meaning is the model's
  std::uint32_t payload = 0;   // meaning is the model's
};
static_assert(sizeof(Event) == 24, "events are small plain structs");

// Strict weak order on the full key: true when a runs before b.
[[nodiscard]] constexpr bool runs_before(const Event& a, const Event& b) noexcept {
  if (a.time != b.time) return a.time < b.time;
  if (a.priority != b.priority) return a.priority < b.priority;
  if (a.person != b.person) return a.person < b.person;
  return a.sequence < b.sequence;
}

}  // namespace hcsim::sim
