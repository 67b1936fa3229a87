#pragma once
// How big an area's services are when the scenario does not say.
#include "models/scenario.hpp"

namespace hcsim::models {

// Emergency admissions a year per person expected from an age structure and
// an age-specific admission rate (people spread evenly within bands).
[[nodiscard]] double expected_admissions_per_person(const PopulationParameters& population,
                                                    const AgeSchedule& rate);

// Full-scale hospital beds of an area: as the scenario sets them, or
// beds_per_1000 of its population. With hospital.beds_weighted_by_need on,
// that is weighted by the area's expected emergency admissions per person
// relative to England's (the embedded defaults), as NHS allocations are
// weighted by need: an older area gets more beds per head, England's total
// is unchanged.
[[nodiscard]] double full_scale_hospital_beds(const AreaSpec& area);

}  // namespace hcsim::models
