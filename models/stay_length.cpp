#include "models/stay_length.hpp"

#include <algorithm>

namespace hcsim::models {

StayLengthScale::StayLengthScale(const Parameters& parameters, const PersonRisk& risk)
    : stay_(&parameters.hospital.stay_length_by_person),
      frailty_enabled_(parameters.frailty.enabled) {
  if (!stay_->enabled || stay_->age_multiplier.values.empty()) return;
  const auto& p = parameters;
  const auto& population = p.population;
  const auto& bounds = population.age_band_lower_bounds;
  const auto& hazard_ratio = p.frailty.admission_hazard_ratio;
  const double nursing = p.social_care.nursing_share_of_initial_residents;
  double admissions = 0.0;
  double weighted = 0.0;
  for (std::size_t band = 0; band < bounds.size() && band < population.age_counts.size();
       ++band) {
    // Ages are read at the band's lower bound, as the 5-year population
    // bands start where every schedule's bands do.
    const double age = bounds[band];
    const auto shares = risk.initial_frailty_shares(age);
    const double resident_share = p.care_home.initial_resident_share.values.empty()
                                      ? 0.0
                                      : p.care_home.initial_resident_share.at(age);

    // At home: the frailty levels' shares of admissions follow their
    // admission hazard ratios (conditions are drawn apart from frailty, so
    // they do not shift the split).
    double ratio_mean = 0.0;
    for (std::size_t level = 0; level < frailty_levels; ++level) {
      ratio_mean += shares[level] * (frailty_enabled_ ? hazard_ratio[level] : 1.0);
    }
    const double at_home = population.age_counts[band] * (1.0 - resident_share) *
                           p.emergency_admission.rate_per_person_year.at(age);
    for (std::size_t level = 0; level < frailty_levels; ++level) {
      const double share =
          shares[level] * (frailty_enabled_ ? hazard_ratio[level] : 1.0) / ratio_mean;
      admissions += at_home * share;
      weighted += at_home * share * raw(age, static_cast<Frailty>(level));
    }

    // Care-home residents are admitted at their own rate and start at least
    // moderately frail (severely in nursing homes), as synthesis makes them.
    const double in_care_homes = population.age_counts[band] * resident_share *
                                 p.emergency_admission.care_home_rate_per_person_year;
    if (in_care_homes > 0.0) {
      const double severe = nursing + (1.0 - nursing) * shares[3];
      admissions += in_care_homes;
      weighted += in_care_homes * (severe * raw(age, Frailty::severe) +
                                   (1.0 - severe) * raw(age, Frailty::moderate));
    }
  }
  if (admissions > 0.0 && weighted > 0.0) mean_ = weighted / admissions;
}

double StayLengthScale::raw(double age, Frailty frailty) const noexcept {
  const double by_frailty =
      frailty_enabled_ ? stay_->frailty_multiplier[static_cast<std::size_t>(frailty)] : 1.0;
  return stay_->age_multiplier.at(age) * by_frailty;
}

double StayLengthScale::multiplier(double age, Frailty frailty) const noexcept {
  if (!stay_->enabled || stay_->age_multiplier.values.empty()) return 1.0;
  return raw(age, frailty) / mean_;
}

}  // namespace hcsim::models
