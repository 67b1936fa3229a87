#pragma once
// The measures the care model reports, per area and year. Their names are a
// contract: they appear in --json output and as HDF5 dataset names.
#include <array>
#include <cstddef>
#include <string_view>

namespace hcsim::models {

enum class Metric : std::size_t {
  emergency_admissions,
  bed_days,
  delayed_discharge_days,
  bed_wait_days,
  deaths,
  care_home_admissions,
  care_home_resident_days,
  person_years,
  cost_hospital,
  cost_care_home,
  cost_total,
  // Added for validation and Little's law; appended so earlier indices hold.
  admissions_waited_for_bed,
  hospital_stays_ended,
  ended_hospital_stay_days,
  care_home_placements_delayed,
  care_home_placement_delay_days,
  hospital_full_days,
  // Discharge services (P1 reablement, P2 rehabilitation) and delayed
  // discharge by reason and responsible party.
  reablement_days,
  rehabilitation_bed_days,
  delayed_discharge_days_reablement,
  delayed_discharge_days_rehabilitation,
  delayed_discharge_days_care_home,
  delayed_discharge_days_nhs,
  delayed_discharge_days_social_care,
  cost_reablement,
  cost_rehabilitation,
  count_  // number of metrics
};

inline constexpr std::size_t metric_count = static_cast<std::size_t>(Metric::count_);

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};

inline constexpr std::array<MetricInfo, metric_count> metric_info{{
    {"emergency_admissions", "admissions", "emergency admissions (arrivals needing a bed)"},
    {"bed_days", "bed-days", "hospital bed days occupied, delayed patients included"},
    {"delayed_discharge_days", "bed-days",
     "bed days of patients fit to leave who wait for a care-home place"},
    {"bed_wait_days", "person-days", "days patients spent waiting for a free hospital bed"},
    {"deaths", "people", "deaths in any setting"},
    {"care_home_admissions", "people", "new care-home placements from hospital"},
    {"care_home_resident_days", "person-days", "days of care-home places held by residents"},
    {"person_years", "person-years", "person-years lived by the simulated population"},
    {"cost_hospital", "GBP", "cost of hospital bed days"},
    {"cost_care_home", "GBP", "cost of care-home resident days"},
    {"cost_total", "GBP", "total cost across payers"},
    {"admissions_waited_for_bed", "admissions",
     "emergency admissions that found every bed occupied and waited for one"},
    {"hospital_stays_ended", "stays",
     "hospital stays that ended (discharge, or death in a bed), counted when they end"},
    {"ended_hospital_stay_days", "bed-days",
     "total length of the hospital stays that ended, from taking a bed to leaving it, delays "
     "included; divided by hospital_stays_ended it is the mean length of stay"},
    {"care_home_placements_delayed", "people",
     "care-home placements of patients who had to wait in hospital for a place"},
    {"care_home_placement_delay_days", "bed-days",
     "total wait in hospital, from fit to leave to entering the care home, of the delayed "
     "placements, counted at placement"},
    {"hospital_full_days", "days", "time during which every hospital bed was occupied"},
    {"reablement_days", "person-days", "days of P1 reablement at home (slots in use)"},
    {"rehabilitation_bed_days", "bed-days", "days of P2 bedded rehabilitation (beds in use)"},
    {"delayed_discharge_days_reablement", "bed-days",
     "delayed discharge while waiting for a P1 reablement slot"},
    {"delayed_discharge_days_rehabilitation", "bed-days",
     "delayed discharge while waiting for a P2 rehabilitation bed"},
    {"delayed_discharge_days_care_home", "bed-days",
     "delayed discharge while waiting for a care-home place"},
    {"delayed_discharge_days_nhs", "bed-days",
     "delayed discharge the NHS is responsible for (waiting for P2 rehabilitation)"},
    {"delayed_discharge_days_social_care", "bed-days",
     "delayed discharge social care is responsible for (waiting for P1 reablement or a "
     "care-home place)"},
    {"cost_reablement", "GBP", "cost of P1 reablement days"},
    {"cost_rehabilitation", "GBP", "cost of P2 rehabilitation bed days"},
}};

// The parts of cost_total: every cost lands in exactly one of them.
inline constexpr std::array<Metric, 4> cost_components{
    Metric::cost_hospital, Metric::cost_care_home, Metric::cost_reablement,
    Metric::cost_rehabilitation};

[[nodiscard]] constexpr std::size_t index_of(Metric metric) noexcept {
  return static_cast<std::size_t>(metric);
}

}  // namespace hcsim::models
