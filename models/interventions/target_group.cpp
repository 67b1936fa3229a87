#include "models/interventions/target_group.hpp"

namespace hcsim::models {

bool TargetGroup::matches(double age, Frailty frailty, std::uint8_t conditions,
                          CareNeed care_need, Setting residence) const noexcept {
  if (age < min_age || age >= max_age) return false;
  if (frailty_mask != 0 && (frailty_mask & frailty_bit(frailty)) == 0) return false;
  if (condition_mask != 0 && (condition_mask & conditions) == 0) return false;
  if (setting_mask != 0 && (setting_mask & setting_bit(residence)) == 0) return false;
  return static_cast<unsigned>(care_need) >= static_cast<unsigned>(min_care_need);
}

}  // namespace hcsim::models
