#pragma once
// Who pays, and for what. Every cost the care model incurs lands on exactly
// one payer for one service line, so totals by payer and by service are both
// conserved.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hcsim::models {

enum class Payer : std::uint8_t {
  nhs,              // NHS commissioner (ICB)
  local_authority,  // adult social care
  pooled_fund,      // a Better Care Fund style pool, or an integrated budget
  dwp,              // Attendance Allowance
  self_funder,      // people paying for their own care
  unpaid_carer,     // hours of unpaid care, valued at replacement cost
  third_sector,     // voluntary and community organisations
};
inline constexpr std::size_t payer_count = 7;
// Names as they appear in YAML, JSON (cost_<name>) and HDF5.
inline constexpr std::array<std::string_view, payer_count> payer_names{
    "nhs", "local_authority", "pooled_fund", "dwp", "self_funders", "unpaid_care_value",
    "third_sector"};

// Service lines a cost is for.
enum class CareService : std::uint8_t {
  hospital,              // acute bed days of patients receiving care or waiting for a bed
  delayed_discharge,     // acute bed days of patients fit to leave
  reablement,            // P1 reablement at home
  rehabilitation,        // P2 bedded rehabilitation (intermediate-care beds)
  home_care,             // long-term home-care packages
  residential_care,      // residential care-home placements
  nursing_care,          // nursing care-home placements
  attendance_allowance,  // DWP benefit paid to people with care needs
  unpaid_care,           // unpaid carers' hours
  gp,                    // GP consultations
  intervention,          // the running cost of interventions
  assessment,            // P3 care-home assessment beds (appended: earlier indices hold)
};
inline constexpr std::size_t care_service_count = 12;
inline constexpr std::array<std::string_view, care_service_count> care_service_names{
    "hospital",     "delayed_discharge",    "reablement",  "rehabilitation",
    "home_care",    "residential_care",     "nursing_care", "attendance_allowance",
    "unpaid_care",  "gp",                   "intervention", "assessment"};

[[nodiscard]] constexpr std::size_t index_of(Payer payer) noexcept {
  return static_cast<std::size_t>(payer);
}
[[nodiscard]] constexpr std::size_t index_of(CareService service) noexcept {
  return static_cast<std::size_t>(service);
}

}  // namespace hcsim::models
