#pragma once
// How a service's capacity shrinks when a scenario simulates a share of the
// real population (population_scale below 1).
//
// Shrinking a pool of beds or slots in proportion to the population keeps its
// utilisation but not its queue: at the same load, a pool of 10 waits far
// longer than a pool of 200, because random peaks are relatively larger
// (Erlang). A reduced-scale run would then report delays that the full-scale
// system does not have. Square-root staffing (Halfin and Whitt 1981; the
// rule behind staffing large call centres and hospital wards) keeps the
// probability of waiting: offered load a needs a + beta * sqrt(a) servers for
// a given delay probability, so a pool of C full-scale units that runs at
// utilisation rho keeps its queueing behaviour at scale s with
//     C_s = C * (s * rho + sqrt(s) * (1 - rho)),
// the load scaled with the population and the spare capacity with its square
// root. The price: utilisation at reduced scale is below the full-scale one
// (reported as it is), and at scale 1 both rules are the same.
#include <cstdint>
#include <string_view>

namespace hcsim::models {

enum class CapacityScaling {
  proportional,  // capacity * scale: the same utilisation, longer queues
  square_root,   // the same probability of waiting as at full scale
};

// The scaled capacity over the proportional one (>= 1): multiply capacity *
// scale by it. `reference_utilisation` is the pool's utilisation at full
// scale (rho above, in (0, 1]); 1 gives proportional scaling.
[[nodiscard]] double capacity_scale_factor(CapacityScaling scaling, double scale,
                                           double reference_utilisation) noexcept;

// A whole number of units for a full-scale capacity at `scale`, under the
// rule and reference utilisation above.
[[nodiscard]] std::int64_t scaled_capacity(double full_scale_capacity, double scale,
                                           CapacityScaling scaling,
                                           double reference_utilisation) noexcept;

[[nodiscard]] std::string_view capacity_scaling_name(CapacityScaling scaling) noexcept;

}  // namespace hcsim::models
