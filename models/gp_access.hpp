#pragma once
// General practice appointments of an area, in aggregate.
//
// Some 300 million appointments a year in England would be an event each;
// instead demand and supply are balanced once a budget cycle. At the start
// of each cycle the people living in the community (at home, in
// reablement or in a care home) are expected to ask for appointments at
// their age's rate; practices give up to their capacity. The share of
// demand left unmet, u, falls on people drawn by GpShortfall
// (models/gp_shortfall.hpp), who carry a raised emergency-admission hazard
// for the cycle.
//
// Demand is read from a count of the people in the community by age at
// day 0, kept as they move (a person's age band follows from it at any
// time), and from it a count by band of the appointment rate, kept with it.
// A cycle moves between bands only the bins whose age crossed a band's
// bound since the last one: a few dozen bins, not the 14,000 or the people.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/parameters.hpp"
#include "models/person_table.hpp"
#include "models/scenario.hpp"
#include "sim/period_totals.hpp"
#include "sim/time.hpp"

namespace hcsim::models {

// Full-scale general practice appointments a week an area's practices can
// give: capacity_per_1000_per_week of its residents, weighted by need when
// gp.capacity_weighted_by_need is on.
[[nodiscard]] double full_scale_gp_appointments_per_week(const AreaSpec& area);

class GpAccess {
 public:
  // `appointments_per_week` is the simulated area's capacity (already
  // scaled to the simulated population); `end` is the end of the run, which
  // bounds how young at day 0 an entrant can be.
  // `ageing` false (population.ageing_enabled): demand is that of the
  // age each person joined at, for the whole run.
  GpAccess(const GpParameters& parameters, double appointments_per_week, sim::Days origin,
           double period_days, std::size_t periods, sim::Days end, bool ageing = true);

  // Every change of a person's setting after the first cycle has started,
  // and every entrant (who starts at home), is reported here.
  void on_move(const PersonTable& people, std::uint32_t person, Setting before,
               Setting after) noexcept;
  void on_entry(const PersonTable& people, std::uint32_t person) noexcept {
    on_move(people, person, Setting::dead, Setting::home);
  }

  // What starting a cycle changed, for the care area to act on.
  struct CycleStart {
    double cost_change_per_day = 0.0;  // pounds a day, on the NHS's GP line
  };
  // Starts the cycle at `now`: demand from the people in the community now,
  // and appointments given and unmet from now on. Does nothing when
  // switched off.
  CycleStart start_cycle(sim::Days now, const PersonTable& people);

  // Appointments a day the people in the community ask for, as of the
  // last start_cycle (0 before the first).
  [[nodiscard]] double demand_per_day() const noexcept;
  // The same from a pass over every age bin at `now`, the definition the
  // kept counts follow (for tests).
  [[nodiscard]] double demand_per_day_by_pass(sim::Days now) const;

  [[nodiscard]] bool enabled() const noexcept { return parameters_->enabled; }
  [[nodiscard]] double cost_per_day() const noexcept { return cost_per_day_; }
  // The unmet share of demand in the current cycle.
  [[nodiscard]] double unmet_share() const noexcept { return unmet_share_; }

  // Appointments given and demanded but not given in reporting period `year`.
  [[nodiscard]] double appointments(std::size_t year) const {
    return given_.totals().total(year);
  }
  [[nodiscard]] double unmet_appointments(std::size_t year) const {
    return unmet_.totals().total(year);
  }
  // Brings the integrals up to `end` (the end of the run).
  void finish(sim::Days end) {
    given_.flush(end);
    unmet_.flush(end);
  }

 private:
  // The age of the middle of `bin` at `now`: a bin's people are all taken
  // to be that age.
  [[nodiscard]] double age_of_bin(std::size_t bin, sim::Days now) const noexcept {
    const double years = ageing_ ? now / sim::days_per_year : 0.0;
    return youngest_at_start_ + (static_cast<double>(bin) + 0.5) / bins_per_year + years;
  }
  // The first bin at or above `age` at `now`.
  [[nodiscard]] std::size_t first_bin_at(double age, sim::Days now) const noexcept;
  // The rate band of `bin` when the bands start at bins `first_bins` (none
  // below the first band); band_first_bin_ unless told otherwise.
  static constexpr std::size_t no_band = static_cast<std::size_t>(-1);
  [[nodiscard]] static std::size_t band_of_bin(std::size_t bin,
                                               const std::vector<std::size_t>& first_bins) noexcept {
    if (first_bins.empty() || bin < first_bins.front()) return no_band;
    // The bands' first bins ascend, so the band is the count of later bands
    // begun by `bin`: counted without a branch, which at people's random
    // ages would be mispredicted at every move.
    std::size_t band = 0;
    for (std::size_t next = 1; next < first_bins.size(); ++next) {
      band += static_cast<std::size_t>(bin >= first_bins[next]);
    }
    return band;
  }
  // The band of `bin` at the last cycle's bounds, from the table.
  [[nodiscard]] std::size_t band_of_bin(std::size_t bin) const noexcept {
    const std::uint16_t band = band_by_bin_[bin];
    return band == no_band_entry ? no_band : band;
  }
  [[nodiscard]] static std::uint16_t band_entry(std::size_t band) noexcept {
    return band == no_band ? no_band_entry : static_cast<std::uint16_t>(band);
  }
  // Builds the counts by band from the bins, with the bands' bounds at `now`.
  void count_bands(sim::Days now);
  // Moves the bins whose age crossed a band's bound between the last cycle
  // and `now` into their new band.
  void age_bands_to(sim::Days now);
  [[nodiscard]] double capacity_per_day(sim::Days now) const noexcept;
  [[nodiscard]] std::size_t bin_of(float age_at_start) const noexcept;
  // A person's bin: by age at day 0, or with ageing off by the age they
  // joined at (which the bins then hold for good).
  [[nodiscard]] std::size_t bin_of(const PersonTable& people, std::uint32_t person) const noexcept {
    return bin_of(ageing_ ? people.age_at_start[person] : people.age_joined[person]);
  }

  // Fine enough that a bin straddles an age band's bound for a few days only.
  static constexpr double bins_per_year = 100.0;

  const GpParameters* parameters_;
  // People in the community by age at day 0, in bins of 1 / bins_per_year
  // years from youngest_at_start_ (entrants are younger than 0 at day 0).
  // Counts, not doubles: every move touches one bin at random, and at half
  // the size the array stays in the caches more often.
  std::vector<std::int32_t> community_by_age_;
  // The first bin of each band of appointments_per_person_year at the last
  // cycle (band 0 from age 0: younger bins are people not born yet), and
  // the people in the community in each band.
  std::vector<std::size_t> band_first_bin_;
  std::vector<std::int64_t> community_by_band_;
  // Each bin's band at band_first_bin_ (no_band_entry for none), kept up to
  // date where bins cross a bound: every move into or out of the community
  // reads it, and counting it from the bounds cost a loop over the bands.
  static constexpr std::uint16_t no_band_entry = 0xFFFF;
  std::vector<std::uint16_t> band_by_bin_;
  double youngest_at_start_ = 0.0;
  bool counted_ = false;  // the count is built at the first cycle
  bool ageing_ = true;
  double appointments_per_week_;
  sim::IntegratedLevel given_;  // appointments a day
  sim::IntegratedLevel unmet_;  // appointments a day
  double cost_per_day_ = 0.0;
  double unmet_share_ = 0.0;
};

}  // namespace hcsim::models
