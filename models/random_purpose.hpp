#pragma once
// What each random draw is for. With the person, the purpose and the draw
// index this addresses a draw in the Philox stream, so the same person gets
// the same number for the same purpose in every scenario. Never renumber:
// the values are part of what makes results reproducible across versions.
#include <cstddef>
#include <cstdint>

namespace hcsim::models {

enum class Purpose : std::uint64_t {
  // 1-9 and 20 (a stream for each trait drawn at synthesis: age band, age
  // in band, sex, care home, frailty, conditions, capital, carer, home care,
  // care-home type) are no longer drawn: synthesis_traits replaced them.
  // Not reused.
  death_budget = 10,
  admission_budget = 11,
  same_day_stay = 12,
  length_of_stay = 13,
  discharge_destination = 14,
  discharge_service = 15,
  discharge_service_length = 16,
  // 17 and 18 (a budget each for the frailty step and every condition
  // onset) are no longer drawn: health_change replaced them. Not reused.
  carer_on_need_change = 19,
  home_care_take_up = 21,       // draw index: see CareArea::seeks_package
  // People entering the population: when (subject: the area, see
  // area_subject; draw index: entries so far) and as what (subject: the new
  // person: a birth or a migrant of which age band). A new person's age in
  // band, sex and traits use the synthesis purposes under their own subject.
  entry_timing = 22,
  entry_kind = 23,
  // P3 discharge to assess (draw index: the admission, as for the other
  // discharge draws): whether a discharge needing a placement goes to an
  // assessment bed, and whether the assessment ends in a permanent place.
  assessment_route = 24,
  assessment_outcome = 25,
  // Long-term conditions beyond the tracked ones (other_conditions.hpp): the
  // count at synthesis, and the gain on entering a band of the mean's age
  // schedule (draw index: the band entered).
  synthesis_other_conditions = 26,
  other_condition_onset = 27,
  // A death at home or in a care home preceded by an emergency admission:
  // whether (draw index 0) and the stay until death (draw index 1).
  end_of_life_admission = 28,
  // How long a same-day stay holds its bed, when that is not fixed (draw
  // index: the admission, as for same_day_stay).
  same_day_stay_length = 29,
  // A person's own wait for the council's assessment and funding decision,
  // when social_care.assessment_days is not fixed (draw index: 2 x the
  // admission, + 1 for a package rather than a placement).
  funding_decision_wait = 30,
  // Who goes without a general practice appointment in a cycle of shortfall
  // (subject: the area, see area_subject; draw index: the GP cycle). The
  // draw that turns a person away, rescaled, also times the raised part of
  // their admission hazard (models/care_area_gp.cpp).
  without_gp_appointment = 31,
  // 32 (a budget of each turned-away person's own for that raised part) is
  // no longer drawn. Not reused.
  // A person's next frailty step or condition onset (draw index: health-change
  // draws so far): word 0 the Exp(1) budget of the summed hazard, the next
  // which change it is (models/health_change_hazard.hpp).
  health_change = 33,
  // A person's traits when they join the population (at synthesis or on
  // entry), one word each at the fixed positions of TraitWord (draw index
  // 0), read by position (sim::RandomWords): a trait gets the same number
  // whichever other traits are drawn.
  synthesis_traits = 34,
};

// Where each trait's word is in a person's synthesis_traits words. The ones
// nearly everyone draws come first, so most people need three Philox blocks.
enum class TraitWord : std::size_t {
  age_band = 0,
  age_in_band = 1,
  sex = 2,
  frailty = 3,
  first_condition = 4,  // the tracked conditions: 4 to 7, in Condition order
  capital = 8,
  carer = 9,
  care_home = 10,
  home_care = 11,
  care_home_type = 12,
};
[[nodiscard]] constexpr std::size_t word_of(TraitWord trait, std::size_t offset = 0) noexcept {
  return static_cast<std::size_t>(trait) + offset;
}

// Which draws this build makes for which purposes and words. Raised whenever
// that changes (a purpose retired or added, a trait's word moved, a draw
// taken from another), even where the law is the same: runs drawn by a
// build of another scheme are then not taken into a resumed plan
// (RunPlan::fingerprint), whose other runs would be drawn differently.
inline constexpr std::uint32_t draw_scheme = 1;

[[nodiscard]] constexpr std::uint64_t purpose_id(Purpose purpose) noexcept {
  return static_cast<std::uint64_t>(purpose);
}

// The stream subject of a person: area and person index packed into 64 bits.
[[nodiscard]] constexpr std::uint64_t subject_of(std::uint32_t area, std::uint32_t person) noexcept {
  return (static_cast<std::uint64_t>(area) << 32) | person;
}

// The stream subject of draws that belong to an area rather than to one of
// its people: the person part is all ones, an index no person is given.
inline constexpr std::uint32_t area_draws_person = 0xFFFFFFFFu;
[[nodiscard]] constexpr std::uint64_t area_subject(std::uint32_t area) noexcept {
  return subject_of(area, area_draws_person);
}

}  // namespace hcsim::models
