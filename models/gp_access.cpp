#include "models/gp_access.hpp"

#include <algorithm>
#include <cmath>

#include "models/capacity.hpp"

namespace hcsim::models {
namespace {

constexpr double days_per_week = 7.0;

constexpr double oldest_at_start = 131.0;

bool lives_in_community(Setting setting) noexcept {
  return setting == Setting::home || setting == Setting::home_care ||
         setting == Setting::reablement || setting == Setting::care_home;
}

}  // namespace

double full_scale_gp_appointments_per_week(const AreaSpec& area) {
  const auto& gp = area.parameters.gp;
  double appointments = gp.capacity_per_1000_per_week * area.population / 1000.0;
  if (gp.capacity_weighted_by_need) {
    // England's age structure with the area's own demand by age, so the
    // weight reflects age structure only (as for hospital beds).
    static const Parameters england = default_parameters();
    const auto& rate = gp.appointments_per_person_year;
    const double national = expected_admissions_per_person(england.population, rate);
    const double local = expected_admissions_per_person(area.parameters.population, rate);
    if (national > 0.0 && local > 0.0) appointments *= local / national;
  }
  return appointments;
}

GpAccess::GpAccess(const GpParameters& parameters, double appointments_per_week,
                   sim::Days origin, double period_days, std::size_t periods, sim::Days end,
                   bool ageing)
    : parameters_(&parameters),
      ageing_(ageing),
      appointments_per_week_(appointments_per_week),
      given_(origin, period_days, periods),
      unmet_(origin, period_days, periods) {
  if (!parameters.enabled) return;
  youngest_at_start_ = -std::ceil(end / days_per_year) - 1.0;
  community_by_age_.assign(
      static_cast<std::size_t>(std::ceil((oldest_at_start - youngest_at_start_) * bins_per_year)),
      0);
}

std::size_t GpAccess::bin_of(float age_at_start) const noexcept {
  const double offset = (static_cast<double>(age_at_start) - youngest_at_start_) * bins_per_year;
  const double last = static_cast<double>(community_by_age_.size() - 1);
  return static_cast<std::size_t>(std::clamp(std::floor(offset), 0.0, last));
}

void GpAccess::on_move(const PersonTable& people, std::uint32_t person, Setting before,
                       Setting after) noexcept {
  if (!counted_) return;
  const bool was = lives_in_community(before);
  const bool is = lives_in_community(after);
  if (was != is) community_by_age_[bin_of(people, person)] += is ? 1 : -1;
}

double GpAccess::capacity_per_day(sim::Days now) const noexcept {
  const double growth = std::pow(1.0 + parameters_->capacity_growth_per_year, now / days_per_year);
  return appointments_per_week_ / days_per_week * growth;
}

double GpAccess::demand_per_day(sim::Days now) const {
  const AgeSchedule& rate = parameters_->appointments_per_person_year;
  if (rate.values.empty()) return 0.0;
  double per_year = 0.0;
  // Ages come in ascending order, so the rate's band is found by walking on
  // from the last one: a cycle reads some 14,000 bins.
  std::size_t band = 0;
  visit_community_ages(now, [&](double age, double people) {
    band = rate.band_of_from(age, band);
    per_year += people * rate.values[band];
  });
  return per_year / days_per_year;
}

GpAccess::CycleStart GpAccess::start_cycle(sim::Days now, const PersonTable& people) {
  CycleStart start;
  if (!parameters_->enabled) return start;
  if (!counted_) {
    for (std::uint32_t person = 0; person < people.size(); ++person) {
      if (lives_in_community(people.setting[person])) {
        ++community_by_age_[bin_of(people, person)];
      }
    }
    counted_ = true;
  }
  const double demand = demand_per_day(now);
  const double given = std::min(demand, capacity_per_day(now));
  const double unmet = demand - given;
  given_.change(now, given - given_.level());
  unmet_.change(now, unmet - unmet_.level());
  const double cost = given * parameters_->cost_per_appointment;
  start.cost_change_per_day = cost - cost_per_day_;
  cost_per_day_ = cost;

  unmet_share_ = demand > 0.0 ? unmet / demand : 0.0;
  return start;
}

}  // namespace hcsim::models
