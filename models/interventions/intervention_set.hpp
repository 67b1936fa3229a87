#pragma once
// The interventions covering one area, and the effects they have together.
// The care model asks at each budget-cycle boundary t (days from the run
// start; pass the cycle's start) and holds the answers for the whole cycle,
// so ramp-ups act in monthly steps: an intervention starting mid-cycle takes
// effect at the next boundary. Effects of several interventions on the same
// person combine multiplicatively (independent proportional effects);
// capacity changes add.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/interventions/intervention.hpp"

namespace hcsim::models {

class InterventionSet {
 public:
  InterventionSet() = default;
  // The interventions of `all` that cover `area`, in scenario order.
  InterventionSet(const std::vector<Intervention>& all, std::string_view area);

  [[nodiscard]] const std::vector<Intervention>& interventions() const noexcept {
    return interventions_;
  }
  [[nodiscard]] bool empty() const noexcept { return interventions_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return interventions_.size(); }

  // Product of the ramped admission hazard ratios of the interventions whose
  // target group holds the person; `residence` as in TargetGroup::matches.
  [[nodiscard]] double admission_hazard_multiplier(double age, Frailty frailty,
                                                   std::uint8_t conditions, CareNeed care_need,
                                                   Setting residence, double t) const noexcept;
  // Product of the ramped length-of-stay ratios, as above.
  [[nodiscard]] double length_of_stay_multiplier(double age, Frailty frailty,
                                                 std::uint8_t conditions, CareNeed care_need,
                                                 Setting residence, double t) const noexcept;
  // Product of the ramped discharge-delay ratios: they act on the waits for
  // assessment and funding decisions of every delayed patient in the area.
  [[nodiscard]] double discharge_delay_multiplier(double t) const noexcept;
  // 1 + the sum of the ramped relative changes of `service`'s capacity,
  // never below 0 (several cuts together cannot make capacity negative).
  [[nodiscard]] double capacity_multiplier(CommissionedService service, double t) const noexcept;

  // Whether any effect in force at `t1` differs from that at `t0`, so the
  // care model knows whether to recompute rates and reschedule events.
  [[nodiscard]] bool effects_change_between(double t0, double t1) const noexcept;

  // Pounds intervention `index` (into interventions()) costs over [t0, t1)
  // in this area, given the people of its target group here, counted at the
  // simulated scale, and the population scale.
  [[nodiscard]] double running_cost(std::size_t index, double t0, double t1,
                                    double targeted_people,
                                    double population_scale) const noexcept;

 private:
  std::vector<Intervention> interventions_;
};

}  // namespace hcsim::models
