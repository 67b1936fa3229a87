#pragma once
// The running state of one discharge service in an area (P1 reablement slots
// or P2 rehabilitation beds): capacity, who waits for it in a hospital bed,
// and its time-integrated use.
#include <cstdint>

#include "models/parameters.hpp"
#include "models/person_table.hpp"
#include "sim/fifo.hpp"
#include "sim/period_totals.hpp"

namespace hcsim::models {

struct DischargeServiceState {
  DischargeServiceState(const DischargeServiceParameters& parameters_in, Setting setting_in,
                        AwaitedService awaited_in, std::int64_t capacity_in, double origin,
                        double period, std::size_t periods)
      : parameters(&parameters_in),
        setting(setting_in),
        awaited(awaited_in),
        capacity(capacity_in),
        used(origin, period, periods) {}

  [[nodiscard]] bool has_room() const noexcept { return in_use < capacity; }

  const DischargeServiceParameters* parameters;
  Setting setting;         // where a person receiving it is
  AwaitedService awaited;  // what a person waiting for it waits for
  std::int64_t capacity;
  std::int64_t in_use = 0;
  sim::Fifo<std::uint32_t> waiting;  // delayed-discharge patients, first come first served
  sim::IntegratedLevel used;         // slots or beds in use
};

}  // namespace hcsim::models
