#pragma once
// Who is responsible for a delayed discharge, by what the patient waits for.
// NHS England's delayed transfers of care returns attributed each delay to
// the NHS, to social care or to both; the model keeps its delays by reason
// (AwaitedService) and reports them by party through this mapping, which is
// a parameter (discharge.delay_responsibility) because local agreements on
// whose a wait is differ, and a pooled or integrated system may share them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/person_table.hpp"

namespace hcsim::models {

enum class ResponsibleParty : std::uint8_t { nhs, social_care, both };
inline constexpr std::size_t responsible_party_count = 3;
inline constexpr std::array<std::string_view, responsible_party_count> responsible_party_names{
    "nhs", "social_care", "both"};

// The party named `name`, or none when it is not one.
[[nodiscard]] std::optional<ResponsibleParty> parse_responsible_party(std::string_view name);

struct DelayResponsibility {
  // By AwaitedService; the entry for none is never used (nobody is delayed
  // waiting for nothing). The defaults are the model's long-standing
  // attribution: NHS rehabilitation and NHS-commissioned P3 assessment beds
  // are the NHS's; reablement, home care, care homes and funding decisions
  // are social care's.
  std::array<ResponsibleParty, awaited_service_count> party{
      ResponsibleParty::social_care,  // none
      ResponsibleParty::social_care,  // care_home
      ResponsibleParty::social_care,  // reablement
      ResponsibleParty::nhs,          // rehabilitation
      ResponsibleParty::social_care,  // home_care
      ResponsibleParty::social_care,  // funding_decision
      ResponsibleParty::nhs,          // assessment
  };

  [[nodiscard]] ResponsibleParty of(AwaitedService reason) const noexcept {
    return party[static_cast<std::size_t>(reason)];
  }

  // Delayed days `responsible` is responsible for: days_for(reason) added
  // over the reasons that are its, in AwaitedService order (which, from
  // zero, gives the same bits as the sums the model reported before the
  // mapping was a parameter).
  template <class DaysFor>
  [[nodiscard]] double days_of(ResponsibleParty responsible, const DaysFor& days_for) const {
    double days = 0.0;
    for (std::size_t r = 1; r < awaited_service_count; ++r) {
      if (party[r] == responsible) days += days_for(static_cast<AwaitedService>(r));
    }
    return days;
  }
};

}  // namespace hcsim::models
