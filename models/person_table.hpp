#pragma once
// The people of one area, stored column-wise (structure of arrays) so the
// event loop touches only the columns it needs. A person is an index into the
// columns, never a pointer. Hot state is bytes_per_person (under 64).
#include <cstdint>
#include <vector>

#include "models/person_traits.hpp"

namespace hcsim::models {

enum class Sex : std::uint8_t { male = 0, female = 1 };

// Where a person is now.
enum class Setting : std::uint8_t {
  home,
  care_home,
  waiting_for_bed,    // needs a bed; the hospital is full
  in_hospital,        // in a bed, receiving care
  delayed_discharge,  // in a bed, fit to leave, waiting for the next service or a place
  dead,
  reablement,         // at home with P1 reablement after a hospital stay
  rehabilitation,     // in a P2 bedded-rehabilitation bed after a hospital stay
  home_care,          // at home with a long-term home-care package
  assessment,         // in a P3 care-home assessment bed after a hospital stay
};

// What a delayed-discharge patient waits for.
enum class AwaitedService : std::uint8_t {
  none,
  care_home,         // a residential or nursing place (see care_home_resident)
  reablement,
  rehabilitation,
  home_care,         // a long-term home-care package
  funding_decision,  // the local authority's decision on a package or placement
  assessment,        // a P3 care-home assessment bed
};
inline constexpr std::size_t awaited_service_count = 7;

// What a person is to be discharged to once a funding decision is made or a
// place frees (kept while they wait).
enum class CareHomeType : std::uint8_t { none = 0, residential = 1, nursing = 2 };

// One-bit facts about a person.
enum PersonFlag : std::uint8_t {
  // Moderate or high care need without a package (refused as ineligible, or
  // waiting for home-care capacity): admitted more often.
  unmet_need = 1,
  // Waiting at home for a home-care package (in the community queue).
  waiting_for_home_care = 2,
};

struct PersonTable {
  // Years at simulation time 0; negative for people born during the run.
  std::vector<float> age_at_start;
  std::vector<Sex> sex;
  std::vector<Setting> setting;
  // The care-home place a person holds (kept while in hospital), or none.
  std::vector<CareHomeType> care_home_resident;
  std::vector<Frailty> frailty;
  std::vector<std::uint8_t> conditions;      // bits: see condition_bit()
  std::vector<CapitalBand> capital;
  std::vector<std::uint8_t> carer_hours;     // unpaid care available, hours a week
  std::vector<std::uint8_t> home_care_hours; // package held, hours a week (0: none)
  std::vector<std::uint8_t> flags;           // PersonFlag bits
  std::vector<double> death_time;       // days
  std::vector<float> bed_since;         // days: when the current hospital stay took a bed
  // Days: when a delayed discharge began, or when a P3 assessment ended and
  // the person began waiting for a placement (the order care homes take
  // people in).
  std::vector<float> fit_to_leave_since;
  // What a delayed-discharge patient waits for; in a P3 assessment bed, what
  // the assessed person waits for before leaving it (none while assessed).
  std::vector<AwaitedService> awaiting;
  std::vector<float> last_discharge;      // days: when the person last left a hospital bed
  std::vector<std::uint32_t> next_sequence;       // per-person event sequence
  std::vector<std::uint32_t> death_event;         // sequence of the valid death event
  std::vector<std::uint32_t> admission_event;     // sequence of the valid admission event
  std::vector<std::uint16_t> admission_draws;     // draws of admission timing so far
  std::vector<std::uint16_t> admissions;          // admissions so far (draw index for stays)
  std::vector<std::uint32_t> health_event;        // sequence of the valid health-change event
  std::vector<std::uint16_t> health_draws;        // draws of health-change timing so far

  [[nodiscard]] std::size_t size() const noexcept { return setting.size(); }

  void resize(std::size_t count) {
    age_at_start.resize(count);
    sex.resize(count);
    setting.resize(count, Setting::home);
    care_home_resident.resize(count, CareHomeType::none);
    frailty.resize(count, Frailty::fit);
    conditions.resize(count, 0);
    capital.resize(count, CapitalBand::below_lower);
    carer_hours.resize(count, 0);
    home_care_hours.resize(count, 0);
    flags.resize(count, 0);
    death_time.resize(count);
    bed_since.resize(count, 0.0);
    fit_to_leave_since.resize(count, 0.0);
    awaiting.resize(count, AwaitedService::none);
    last_discharge.resize(count, -1e30F);
    next_sequence.resize(count, 0);
    death_event.resize(count, 0);
    admission_event.resize(count, 0);
    admission_draws.resize(count, 0);
    admissions.resize(count, 0);
    health_event.resize(count, 0);
    health_draws.resize(count, 0);
  }

  // Room for `count` people, so entries during a run rarely move the
  // columns. Callers hold indices, never references into the columns, so a
  // move would be safe either way.
  void reserve(std::size_t count) {
    age_at_start.reserve(count);
    sex.reserve(count);
    setting.reserve(count);
    care_home_resident.reserve(count);
    frailty.reserve(count);
    conditions.reserve(count);
    capital.reserve(count);
    carer_hours.reserve(count);
    home_care_hours.reserve(count);
    flags.reserve(count);
    death_time.reserve(count);
    bed_since.reserve(count);
    fit_to_leave_since.reserve(count);
    awaiting.reserve(count);
    last_discharge.reserve(count);
    next_sequence.reserve(count);
    death_event.reserve(count);
    admission_event.reserve(count);
    admission_draws.reserve(count);
    admissions.reserve(count);
    health_event.reserve(count);
    health_draws.reserve(count);
  }

  [[nodiscard]] double age_at(std::uint32_t person, double now_days) const noexcept {
    return static_cast<double>(age_at_start[person]) + now_days / 365.25;
  }

  [[nodiscard]] bool has(std::uint32_t person, Condition condition) const noexcept {
    return (conditions[person] & condition_bit(condition)) != 0;
  }

  static constexpr std::size_t bytes_per_person =
      sizeof(float) + sizeof(Sex) + sizeof(Setting) + sizeof(CareHomeType) + sizeof(Frailty) +
      4 * sizeof(std::uint8_t) + sizeof(CapitalBand) + sizeof(AwaitedService) +
      3 * sizeof(float) + sizeof(double) + 4 * sizeof(std::uint32_t) +
      3 * sizeof(std::uint16_t);
};

}  // namespace hcsim::models
