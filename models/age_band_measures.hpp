#pragma once
// An area's measures split by age band (0-17, 18-64, 65-74, 75-84, 85+).
//
// A person's band is that of their age at the start of the measured year, as
// population estimates fix age at a date, so it changes only at year ends.
// What a person does at an instant (an admission, a death) counts in their
// band then; what they hold over time (a bed, a care-home place, a package,
// being alive) is a level per band, moved to the new band at the year end
// when their band changes. Summed over bands, every banded measure is the
// area's.
#include <array>
#include <cassert>
#include <cstddef>
#include <string_view>
#include <vector>

#include "models/delay_responsibility.hpp"
#include "models/metrics.hpp"
#include "sim/period_totals.hpp"

namespace hcsim::models {

inline constexpr std::size_t age_band_count = 5;
inline constexpr std::array<std::string_view, age_band_count> age_band_names{
    "0-17", "18-64", "65-74", "75-84", "85+"};

[[nodiscard]] constexpr std::size_t age_band_of(double age) noexcept {
  return static_cast<std::size_t>(age >= 18.0) + static_cast<std::size_t>(age >= 65.0) +
         static_cast<std::size_t>(age >= 75.0) + static_cast<std::size_t>(age >= 85.0);
}

// The metrics reported by age band, in the order results store them: every
// metric that adds up over people (counts, person-days, the costs of what a
// person uses) and the population snapshots. Left out: what belongs to the
// area rather than its people (capacity, days measured, days the hospital is
// full, escalation beds in use), costs that follow budgets (interventions, the
// split by payer, hence cost_total), population_85_plus_end (an age band itself) and ratios, which
// readers form from the banded numerators and denominators. Likewise
// population_65_plus_end (the bands from 65 of population_end) and
// frail_people_85_plus_end (the 85+ band of population_frail_end); the 65+
// prevalence snapshots are banded, zero in the bands under 65.
inline constexpr std::array<Metric, 68> age_band_metrics{
    Metric::emergency_admissions,
    Metric::bed_days,
    Metric::delayed_discharge_days,
    Metric::bed_wait_days,
    Metric::deaths,
    Metric::care_home_admissions,
    Metric::care_home_resident_days,
    Metric::person_years,
    Metric::cost_hospital,
    Metric::cost_care_home,
    Metric::admissions_waited_for_bed,
    Metric::hospital_stays_ended,
    Metric::ended_hospital_stay_days,
    Metric::care_home_placements_delayed,
    Metric::care_home_placement_delay_days,
    Metric::reablement_days,
    Metric::rehabilitation_bed_days,
    Metric::delayed_discharge_days_reablement,
    Metric::delayed_discharge_days_rehabilitation,
    Metric::delayed_discharge_days_care_home,
    Metric::delayed_discharge_days_nhs,
    Metric::delayed_discharge_days_social_care,
    Metric::cost_reablement,
    Metric::cost_rehabilitation,
    Metric::readmissions_30d,
    Metric::deaths_in_hospital,
    Metric::deaths_at_home,
    Metric::deaths_in_care_home,
    Metric::population_end,
    Metric::care_home_admissions_residential,
    Metric::care_home_admissions_nursing,
    Metric::care_home_refusals,
    Metric::home_care_refusals,
    Metric::home_care_packages_started,
    Metric::frailty_progressions,
    Metric::condition_onsets,
    Metric::delayed_discharge_days_home_care,
    Metric::delayed_discharge_days_funding_decision,
    Metric::home_care_hours,
    Metric::unpaid_care_hours,
    Metric::unmet_need_person_days,
    Metric::home_care_community_wait_days,
    Metric::population_frail_end,
    Metric::cost_home_care,
    Metric::cost_attendance_allowance,
    Metric::cost_unpaid_care,
    Metric::cost_shunted_to_nhs,
    Metric::entries,
    Metric::escalation_admissions,
    Metric::overnight_stays_ended,
    Metric::overnight_stay_days,
    Metric::assessment_admissions,
    Metric::assessment_bed_days,
    Metric::delayed_discharge_days_assessment,
    Metric::assessment_bed_delay_days,
    Metric::cost_assessment,
    Metric::assessment_discharges_home,
    Metric::assessment_stays_ended,
    Metric::ended_assessment_stay_days,
    Metric::people_65_plus_with_dementia_end,
    Metric::people_65_plus_with_4_plus_conditions_end,
    Metric::emergency_admissions_from_care_homes,
    Metric::people_with_home_care_end,
    Metric::end_of_life_admissions,
    Metric::home_care_waits_sent_home,
    Metric::delayed_discharge_days_both,
    Metric::gp_people_turned_away,
    Metric::gp_shortfall_admissions,
};
inline constexpr std::size_t age_band_metric_count = age_band_metrics.size();

// Where each metric is in age_band_metrics (age_band_metric_count when it is
// not reported by age band): a table, as counting looks it up at every event.
inline constexpr std::array<std::size_t, metric_count> age_band_slots = [] {
  std::array<std::size_t, metric_count> slots{};
  slots.fill(age_band_metric_count);
  for (std::size_t slot = 0; slot < age_band_metric_count; ++slot) {
    slots[index_of(age_band_metrics[slot])] = slot;
  }
  return slots;
}();
[[nodiscard]] constexpr std::size_t age_band_slot(Metric metric) noexcept {
  return age_band_slots[index_of(metric)];
}

// The banded metrics that are snapshots of the living at a year end rather
// than counted or held over the year, in the order AgeBandMeasures keeps them.
inline constexpr std::array<Metric, 5> age_band_snapshot_metrics{
    Metric::population_end,
    Metric::population_frail_end,
    Metric::people_65_plus_with_dementia_end,
    Metric::people_65_plus_with_4_plus_conditions_end,
    Metric::people_with_home_care_end,
};
[[nodiscard]] constexpr std::size_t age_band_snapshot_slot(Metric metric) noexcept {
  std::size_t slot = 0;
  while (slot < age_band_snapshot_metrics.size() && age_band_snapshot_metrics[slot] != metric) {
    ++slot;
  }
  return slot;
}

// What a person holds over time, as levels: one each, or hours a week, or
// pounds a day for the running costs paid per person.
enum class HeldLevel : std::size_t {
  hospital_bed,
  delayed_discharge,
  // Delayed discharge by what the patient waits for (AwaitedService order,
  // without none).
  delayed_for_care_home,
  delayed_for_reablement,
  delayed_for_rehabilitation,
  delayed_for_home_care,
  delayed_for_funding_decision,
  delayed_for_assessment,
  waiting_for_bed,
  care_home_place,
  alive,
  reablement,
  rehabilitation,
  unmet_need,
  waiting_for_home_care,
  assessment,        // a P3 assessment bed held
  assessment_delay,  // a P3 bed held after assessment, waiting for a placement
  // The levels that follow a person's running costs, last and together.
  home_care_hours,    // hours a week
  unpaid_care_hours,  // hours a week
  cost_home_care,             // pounds a day
  cost_care_home,             // pounds a day
  cost_attendance_allowance,  // pounds a day
  cost_unpaid_care,           // pounds a day
  count_
};
inline constexpr std::size_t held_level_count = static_cast<std::size_t>(HeldLevel::count_);
using HeldLevels = std::array<double, held_level_count>;
inline constexpr std::size_t first_running_cost_level =
    static_cast<std::size_t>(HeldLevel::home_care_hours);
inline constexpr std::size_t running_cost_level_count =
    held_level_count - first_running_cost_level;
// A person's running-cost levels, from HeldLevel::home_care_hours on.
using RunningCostLevels = std::array<double, running_cost_level_count>;

// Prices of what is paid per bed or slot rather than per person (constant
// over a run), and whether delayed bed days are shunted to the NHS.
struct AgeBandPrices {
  double hospital_bed_day = 0.0;
  double reablement_day = 0.0;
  double rehabilitation_day = 0.0;
  double assessment_day = 0.0;
  bool delays_shunted_to_nhs = false;
};

class AgeBandMeasures {
 public:
  // Years are [origin + k * period, origin + (k + 1) * period), k < years.
  AgeBandMeasures(double origin, double period, std::size_t years);

  // `metric` must be in age_band_metrics (every metric counted at an instant
  // is someone's, so all of them are).
  void count(std::size_t band, Metric metric, double time, double amount) noexcept {
    assert(age_band_slot(metric) < age_band_metric_count);
    counts_[band * age_band_metric_count + age_band_slot(metric)].add_at(time, amount);
  }
  void change(std::size_t band, HeldLevel level, double time, double delta) noexcept {
    levels_[band][static_cast<std::size_t>(level)].change(time, delta);
  }
  // Moves what one person holds from band `from` to band `to` at `time`.
  void move(std::size_t from, std::size_t to, double time, const HeldLevels& held) noexcept;
  // Sets `level` to zero in every band (before costs are put back).
  void clear(HeldLevel level, double time) noexcept;
  void flush(double end) noexcept;
  [[nodiscard]] double level(std::size_t band, HeldLevel level) const noexcept {
    return levels_[band][static_cast<std::size_t>(level)].level();
  }
  // Population snapshots at the end of `year`; `metric` must be in
  // age_band_snapshot_metrics.
  void set_snapshot(Metric metric, std::size_t band, std::size_t year, double value);

  // Value of a banded metric in `band` and `year`.
  [[nodiscard]] double measure(Metric metric, std::size_t band, std::size_t year,
                               const AgeBandPrices& prices,
                               const DelayResponsibility& responsibility) const;

 private:
  [[nodiscard]] double integral(std::size_t band, HeldLevel level, std::size_t year) const {
    return levels_[band][static_cast<std::size_t>(level)].totals().total(year);
  }

  std::vector<sim::PeriodTotals> counts_;  // [band][slot]
  std::array<std::array<sim::IntegratedLevel, held_level_count>, age_band_count> levels_;
  // [age_band_snapshot_slot][band][year]
  std::array<std::vector<double>, age_band_snapshot_metrics.size()> snapshots_;
  std::size_t years_;
};

}  // namespace hcsim::models
