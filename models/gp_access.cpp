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
  if (was == is) return;
  const std::size_t bin = bin_of(people, person);
  const int change = is ? 1 : -1;
  community_by_age_[bin] += change;
  const std::size_t band = band_of_bin(bin);
  if (band != no_band) community_by_band_[band] += change;
}

double GpAccess::capacity_per_day(sim::Days now) const noexcept {
  const double growth = std::pow(1.0 + parameters_->capacity_growth_per_year, now / days_per_year);
  return appointments_per_week_ / days_per_week * growth;
}

std::size_t GpAccess::first_bin_at(double age, sim::Days now) const noexcept {
  const std::size_t bins = community_by_age_.size();
  // From the closed form, then settled on the very expression the bins'
  // ages are read with, so that rounding cannot put a bin in two bands.
  const double guess = std::ceil((age - age_of_bin(0, now)) * bins_per_year);
  auto bin = static_cast<std::size_t>(std::clamp(guess, 0.0, static_cast<double>(bins)));
  while (bin > 0 && age_of_bin(bin - 1, now) >= age) --bin;
  while (bin < bins && age_of_bin(bin, now) < age) ++bin;
  return bin;
}

void GpAccess::count_bands(sim::Days now) {
  const AgeSchedule& rate = parameters_->appointments_per_person_year;
  band_first_bin_.clear();
  for (const double bound : rate.lower_bounds) band_first_bin_.push_back(first_bin_at(bound, now));
  community_by_band_.assign(band_first_bin_.size(), 0);
  band_by_bin_.resize(community_by_age_.size());
  for (std::size_t bin = 0; bin < community_by_age_.size(); ++bin) {
    const std::size_t band = band_of_bin(bin, band_first_bin_);
    band_by_bin_[bin] = band_entry(band);
    if (band != no_band) community_by_band_[band] += community_by_age_[bin];
  }
}

void GpAccess::age_bands_to(sim::Days now) {
  // Ages only grow, so each bound's first bin moves down; the bins between
  // its new and old place crossed it. Bounds are ascending, so the ranges
  // are too, and a cursor visits each bin once even if a cycle is longer
  // than a band.
  std::vector<std::size_t> before = band_first_bin_;
  for (std::size_t band = 0; band < band_first_bin_.size(); ++band) {
    band_first_bin_[band] =
        first_bin_at(parameters_->appointments_per_person_year.lower_bounds[band], now);
  }
  std::size_t cursor = 0;
  for (std::size_t band = 0; band < before.size(); ++band) {
    for (std::size_t bin = std::max(cursor, band_first_bin_[band]); bin < before[band]; ++bin) {
      // Only these bins can have changed band: the table follows them.
      const std::size_t is = band_of_bin(bin, band_first_bin_);
      band_by_bin_[bin] = band_entry(is);
      if (community_by_age_[bin] == 0) continue;
      const std::size_t was = band_of_bin(bin, before);
      if (was == is) continue;
      if (was != no_band) community_by_band_[was] -= community_by_age_[bin];
      if (is != no_band) community_by_band_[is] += community_by_age_[bin];
    }
    cursor = std::max(cursor, before[band]);
  }
}

double GpAccess::demand_per_day() const noexcept {
  const AgeSchedule& rate = parameters_->appointments_per_person_year;
  double per_year = 0.0;
  for (std::size_t band = 0; band < community_by_band_.size(); ++band) {
    per_year += static_cast<double>(community_by_band_[band]) * rate.values[band];
  }
  return per_year / days_per_year;
}

double GpAccess::demand_per_day_by_pass(sim::Days now) const {
  const AgeSchedule& rate = parameters_->appointments_per_person_year;
  double per_year = 0.0;
  for (std::size_t bin = 0; bin < community_by_age_.size(); ++bin) {
    if (community_by_age_[bin] == 0) continue;
    const double age = age_of_bin(bin, now);
    if (age < 0.0) continue;
    per_year += static_cast<double>(community_by_age_[bin]) * rate.at(age);
  }
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
    count_bands(now);
  } else {
    age_bands_to(now);
  }
  const double demand = demand_per_day();
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
