#pragma once
// Simulation time. One unit is one day; a double keeps sub-day resolution over
// centuries (ulp at 36,500 days is about 7e-12 days).
namespace hcsim::sim {

using Days = double;

inline constexpr Days days_per_year = 365.25;

}  // namespace hcsim::sim
