#include "models/capacity.hpp"

namespace hcsim::models {

double expected_admissions_per_person(const PopulationParameters& population,
                                      const AgeSchedule& rate) {
  const auto& bounds = population.age_band_lower_bounds;
  double people = 0.0;
  double admissions = 0.0;
  for (std::size_t band = 0; band < bounds.size() && band < population.age_counts.size(); ++band) {
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    people += population.age_counts[band];
    admissions += population.age_counts[band] * rate.mean_over(bounds[band], upper);
  }
  return people > 0.0 ? admissions / people : 0.0;
}

double full_scale_hospital_beds(const AreaSpec& area) {
  if (area.hospital_beds) return *area.hospital_beds;
  const auto& hospital = area.parameters.hospital;
  double beds = hospital.beds_per_1000 * area.population / 1000.0;
  if (hospital.beds_weighted_by_need) {
    // England's age structure with the area's own admission rates, so the
    // weight reflects age structure only.
    static const Parameters england = default_parameters();
    const auto& rate = area.parameters.emergency_admission.rate_per_person_year;
    const double national = expected_admissions_per_person(england.population, rate);
    const double local = expected_admissions_per_person(area.parameters.population, rate);
    if (national > 0.0 && local > 0.0) beds *= local / national;
  }
  return beds;
}

}  // namespace hcsim::models
