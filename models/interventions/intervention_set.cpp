#include "models/interventions/intervention_set.hpp"

#include <algorithm>

namespace hcsim::models {

InterventionSet::InterventionSet(const std::vector<Intervention>& all, std::string_view area) {
  for (const auto& intervention : all) {
    if (intervention.covers(area)) interventions_.push_back(intervention);
  }
}

namespace {

// The product of one ramped ratio over the interventions whose target group
// holds the person: effects on the same person are independent proportions.
template <typename Ratio>
double product_over_targeted(const std::vector<Intervention>& interventions, double age,
                             Frailty frailty, std::uint8_t conditions, CareNeed care_need,
                             Setting residence, Ratio ratio) noexcept {
  double multiplier = 1.0;
  for (const auto& intervention : interventions) {
    if (intervention.target.matches(age, frailty, conditions, care_need, residence)) {
      multiplier *= ratio(intervention);
    }
  }
  return multiplier;
}

}  // namespace

double InterventionSet::admission_hazard_multiplier(double age, Frailty frailty,
                                                    std::uint8_t conditions, CareNeed care_need,
                                                    Setting residence,
                                                    double t) const noexcept {
  return product_over_targeted(
      interventions_, age, frailty, conditions, care_need, residence,
      [t](const Intervention& intervention) { return intervention.admission_hazard_multiplier(t); });
}

double InterventionSet::length_of_stay_multiplier(double age, Frailty frailty,
                                                  std::uint8_t conditions, CareNeed care_need,
                                                  Setting residence,
                                                  double t) const noexcept {
  return product_over_targeted(
      interventions_, age, frailty, conditions, care_need, residence,
      [t](const Intervention& intervention) { return intervention.length_of_stay_multiplier(t); });
}

double InterventionSet::discharge_delay_multiplier(double t) const noexcept {
  double multiplier = 1.0;
  for (const auto& intervention : interventions_) {
    multiplier *= intervention.discharge_delay_multiplier(t);
  }
  return multiplier;
}

double InterventionSet::capacity_multiplier(CommissionedService service,
                                            double t) const noexcept {
  double relative = 0.0;
  for (const auto& intervention : interventions_) {
    relative += intervention.capacity_change(service, t);
  }
  return std::max(0.0, 1.0 + relative);
}

bool InterventionSet::effects_change_between(double t0, double t1) const noexcept {
  // Each effect is a fixed value scaled by the ramp, so an effect changes
  // exactly when an intervention that moves some lever changes its ramp.
  return std::any_of(interventions_.begin(), interventions_.end(), [&](const auto& intervention) {
    return intervention.has_effect() && intervention.ramp(t0) != intervention.ramp(t1);
  });
}

double InterventionSet::running_cost(std::size_t index, double t0, double t1,
                                     double targeted_people,
                                     double population_scale) const noexcept {
  return interventions_[index].running_cost(t0, t1, targeted_people, population_scale);
}

}  // namespace hcsim::models
