#pragma once
// The people of one area, stored column-wise (structure of arrays) so the
// event loop touches only the columns it needs. A person is an index into the
// columns, never a pointer. Hot state is about 48 bytes a person.
#include <cstdint>
#include <vector>

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
};

// What a delayed-discharge patient waits for.
enum class AwaitedService : std::uint8_t { none, care_home, reablement, rehabilitation };

struct PersonTable {
  std::vector<float> age_at_start;      // years at simulation time 0
  std::vector<Sex> sex;
  std::vector<Setting> setting;
  std::vector<std::uint8_t> care_home_resident;  // holds a care-home place (even in hospital)
  std::vector<double> death_time;       // days
  std::vector<double> bed_since;        // days: when the current hospital stay took a bed
  std::vector<double> fit_to_leave_since;  // days: when a delayed discharge began
  std::vector<AwaitedService> awaiting;   // what a delayed-discharge patient waits for
  std::vector<float> last_discharge;      // days: when the person last left a hospital bed
  std::vector<std::uint32_t> next_sequence;       // per-person event sequence
  std::vector<std::uint32_t> death_event;         // sequence of the valid death event
  std::vector<std::uint32_t> admission_event;     // sequence of the valid admission event
  std::vector<std::uint16_t> admission_draws;     // draws of admission timing so far
  std::vector<std::uint16_t> admissions;          // admissions so far (draw index for stays)

  [[nodiscard]] std::size_t size() const noexcept { return setting.size(); }

  void resize(std::size_t count) {
    age_at_start.resize(count);
    sex.resize(count);
    setting.resize(count, Setting::home);
    care_home_resident.resize(count, 0);
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
  }

  [[nodiscard]] double age_at(std::uint32_t person, double now_days) const noexcept {
    return static_cast<double>(age_at_start[person]) + now_days / 365.25;
  }

  static constexpr std::size_t bytes_per_person =
      sizeof(float) + sizeof(Sex) + sizeof(Setting) + sizeof(std::uint8_t) +
      sizeof(AwaitedService) + sizeof(float) + 3 * sizeof(double) +
      3 * sizeof(std::uint32_t) + 2 * sizeof(std::uint16_t);
};

}  // namespace hcsim::models
