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
}};

[[nodiscard]] constexpr std::size_t index_of(Metric metric) noexcept {
  return static_cast<std::size_t>(metric);
}

}  // namespace hcsim::models
