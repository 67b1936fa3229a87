#pragma once
// The people of one area: one 64-byte record a person, read and written
// column-style. A person is an index into the table, never a pointer.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/huge_page_allocator.hpp"
#include "sim/time.hpp"
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
// Their names in scenarios and results, in AwaitedService order.
inline constexpr std::array<std::string_view, awaited_service_count> awaited_service_names{
    "none",      "care_home",        "reablement", "rehabilitation",
    "home_care", "funding_decision", "assessment"};

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
  // Admitted at the end of life: in hospital until death, never discharged.
  dying = 4,
  // Asked for a general practice appointment this cycle and went without
  // (models/gp_shortfall.hpp): admitted more often until the cycle ends or
  // they leave the community.
  without_gp_appointment = 8,
};

// One person's state, packed into one cache line: an event touches a
// handful of a person's fields, and with the fields in separate columns each
// was its own cache miss in a population of millions (benchmarks/README.md).
// Largest fields first so the record has no internal padding.
struct alignas(64) PersonRecord {
  double death_time = 0.0;                // days
  float age_at_start = 0.0F;              // years at time 0; negative if born in the run
  // Years when the person joined the population (at time 0, or on entry):
  // the age everything reads when population.ageing_enabled is false.
  float age_joined = 0.0F;
  float bed_since = 0.0F;                 // days: when the current hospital stay took a bed
  // Days: when a delayed discharge began, or when a P3 assessment ended and
  // the person began waiting for a placement (the order care homes take
  // people in).
  float fit_to_leave_since = 0.0F;
  float last_discharge = -1e30F;          // days: when the person last left a hospital bed
  std::uint32_t next_sequence = 0;        // per-person event sequence
  std::uint32_t death_event = 0;          // sequence of the valid death event
  std::uint32_t admission_event = 0;      // sequence of the valid admission event
  std::uint32_t health_event = 0;         // sequence of the valid health-change event
  std::uint16_t admission_draws = 0;      // draws of admission timing so far
  std::uint16_t admissions = 0;           // admissions so far (draw index for stays)
  std::uint16_t health_draws = 0;         // draws of health-change timing so far
  Sex sex = Sex::male;
  Setting setting = Setting::home;
  // The care-home place a person holds (kept while in hospital), or none.
  CareHomeType care_home_resident = CareHomeType::none;
  Frailty frailty = Frailty::fit;
  std::uint8_t conditions = 0;            // bits: see condition_bit()
  // Long-term conditions beyond the tracked ones: how many
  // (models/other_conditions.hpp), and the band of conditions.other's age
  // schedule the count has been brought up to.
  std::uint8_t other_conditions = 0;
  std::uint8_t other_conditions_band = 0;
  CapitalBand capital = CapitalBand::below_lower;
  std::uint8_t carer_hours = 0;           // unpaid care available, hours a week
  std::uint8_t home_care_hours = 0;       // package held, hours a week (0: none)
  std::uint8_t flags = 0;                 // PersonFlag bits
  // What a delayed-discharge patient waits for; in a P3 assessment bed, what
  // the assessed person waits for before leaving it (none while assessed).
  AwaitedService awaiting = AwaitedService::none;
};
static_assert(sizeof(PersonRecord) == 64, "a person is one cache line");

// The records of an area's people. At full scale an area's records span
// tens of MiB read at random, so they sit on huge pages where the system
// offers them (sim/huge_page_allocator.hpp).
using PersonRecords = std::vector<PersonRecord, sim::HugePageAllocator<PersonRecord>>;

// One field of every person, read and written as if it were its own array
// (people.frailty[person]), while the data stays in the person's record.
template <typename T, T PersonRecord::*Field>
class PersonColumn {
 public:
  explicit PersonColumn(PersonRecords& records) noexcept : records_(&records) {}
  [[nodiscard]] T& operator[](std::size_t person) noexcept { return (*records_)[person].*Field; }
  [[nodiscard]] const T& operator[](std::size_t person) const noexcept {
    return (*records_)[person].*Field;
  }

 private:
  PersonRecords* records_;
};

// The people of one area. Fields are reached column-style through the
// members below; the table is neither copied nor moved, because the columns
// point at its records.
class PersonTable {
 public:
  PersonTable() = default;
  PersonTable(const PersonTable&) = delete;
  PersonTable& operator=(const PersonTable&) = delete;
  PersonTable(PersonTable&&) = delete;
  PersonTable& operator=(PersonTable&&) = delete;
  ~PersonTable() = default;

 private:
  // Declared before the columns, which are built from it.
  PersonRecords records_;

 public:
  PersonColumn<float, &PersonRecord::age_at_start> age_at_start{records_};
  PersonColumn<float, &PersonRecord::age_joined> age_joined{records_};
  PersonColumn<Sex, &PersonRecord::sex> sex{records_};
  PersonColumn<Setting, &PersonRecord::setting> setting{records_};
  PersonColumn<CareHomeType, &PersonRecord::care_home_resident> care_home_resident{records_};
  PersonColumn<Frailty, &PersonRecord::frailty> frailty{records_};
  PersonColumn<std::uint8_t, &PersonRecord::conditions> conditions{records_};
  PersonColumn<std::uint8_t, &PersonRecord::other_conditions> other_conditions{records_};
  PersonColumn<std::uint8_t, &PersonRecord::other_conditions_band> other_conditions_band{
      records_};
  PersonColumn<CapitalBand, &PersonRecord::capital> capital{records_};
  PersonColumn<std::uint8_t, &PersonRecord::carer_hours> carer_hours{records_};
  PersonColumn<std::uint8_t, &PersonRecord::home_care_hours> home_care_hours{records_};
  PersonColumn<std::uint8_t, &PersonRecord::flags> flags{records_};
  PersonColumn<double, &PersonRecord::death_time> death_time{records_};
  PersonColumn<float, &PersonRecord::bed_since> bed_since{records_};
  PersonColumn<float, &PersonRecord::fit_to_leave_since> fit_to_leave_since{records_};
  PersonColumn<AwaitedService, &PersonRecord::awaiting> awaiting{records_};
  PersonColumn<float, &PersonRecord::last_discharge> last_discharge{records_};
  PersonColumn<std::uint32_t, &PersonRecord::next_sequence> next_sequence{records_};
  PersonColumn<std::uint32_t, &PersonRecord::death_event> death_event{records_};
  PersonColumn<std::uint32_t, &PersonRecord::admission_event> admission_event{records_};
  PersonColumn<std::uint16_t, &PersonRecord::admission_draws> admission_draws{records_};
  PersonColumn<std::uint16_t, &PersonRecord::admissions> admissions{records_};
  PersonColumn<std::uint32_t, &PersonRecord::health_event> health_event{records_};
  PersonColumn<std::uint16_t, &PersonRecord::health_draws> health_draws{records_};

  [[nodiscard]] std::size_t size() const noexcept { return records_.size(); }

  // New people start with the record's defaults.
  void resize(std::size_t count) { records_.resize(count); }

  // Room for `count` people, so entries during a run rarely move the
  // records. Callers hold indices, never references into the table, so a
  // move would be safe either way.
  void reserve(std::size_t count) { records_.reserve(count); }

  // A hint that `person` is about to be read: starts loading the record
  // into the cache. Changes nothing; out-of-range indices are ignored.
  void prefetch(std::uint32_t person) const noexcept {
    if (person < records_.size()) __builtin_prefetch(&records_[person]);
  }

  [[nodiscard]] double age_at(std::uint32_t person, double now_days) const noexcept {
    return age_at_years(person, clock_years(now_days));
  }
  // age_at with the clock turned into years once, for a pass over many
  // people at one time (a division a person was a measurable part of it).
  [[nodiscard]] static double clock_years(double now_days) noexcept {
    return now_days / sim::days_per_year;
  }
  [[nodiscard]] double age_at_years(std::uint32_t person, double clock_years) const noexcept {
    return static_cast<double>(records_[person].age_at_start) + clock_years;
  }

  [[nodiscard]] bool has(std::uint32_t person, Condition condition) const noexcept {
    return (records_[person].conditions & condition_bit(condition)) != 0;
  }

  // Hot state a person takes: one record.
  static constexpr std::size_t bytes_per_person = sizeof(PersonRecord);
};

}  // namespace hcsim::models
