#include "models/age_band_measures.hpp"

namespace hcsim::models {
namespace {

constexpr double days_per_week = 7.0;

// Only metrics that add up over people can be split among them.
constexpr bool banded_metrics_add_up() {
  for (const Metric metric : age_band_metrics) {
    const Aggregation aggregation = metric_info[index_of(metric)].aggregation;
    if (aggregation != Aggregation::sum && aggregation != Aggregation::last_year) return false;
  }
  return true;
}
static_assert(banded_metrics_add_up());

// Every snapshot is a banded metric kept at the year end.
constexpr bool snapshots_are_banded() {
  for (const Metric metric : age_band_snapshot_metrics) {
    if (age_band_slot(metric) == age_band_metric_count) return false;
    if (metric_info[index_of(metric)].aggregation != Aggregation::last_year) return false;
  }
  return true;
}
static_assert(snapshots_are_banded());

// measure() finds the level of each delay reason from delayed_discharge.
static_assert(static_cast<std::size_t>(HeldLevel::delayed_for_assessment) ==
              static_cast<std::size_t>(HeldLevel::delayed_discharge) +
                  static_cast<std::size_t>(AwaitedService::assessment));

}  // namespace

AgeBandMeasures::AgeBandMeasures(double origin, double period, std::size_t years)
    : counts_(age_band_count * age_band_metric_count, sim::PeriodTotals(origin, period, years)),
      years_(years) {
  for (auto& snapshot : snapshots_) snapshot.assign(age_band_count * years, 0.0);
  for (auto& band : levels_) {
    for (auto& level : band) level = sim::IntegratedLevel(origin, period, years);
  }
}

void AgeBandMeasures::move(std::size_t from, std::size_t to, double time,
                           const HeldLevels& held) noexcept {
  for (std::size_t l = 0; l < held_level_count; ++l) {
    if (held[l] == 0.0) continue;
    levels_[from][l].change(time, -held[l]);
    levels_[to][l].change(time, held[l]);
  }
}

void AgeBandMeasures::clear(HeldLevel level, double time) noexcept {
  for (auto& band : levels_) {
    auto& held = band[static_cast<std::size_t>(level)];
    held.change(time, -held.level());
  }
}

void AgeBandMeasures::flush(double end) noexcept {
  for (auto& band : levels_) {
    for (auto& level : band) level.flush(end);
  }
}

void AgeBandMeasures::set_snapshot(Metric metric, std::size_t band, std::size_t year,
                                   double value) {
  assert(age_band_snapshot_slot(metric) < age_band_snapshot_metrics.size());
  snapshots_[age_band_snapshot_slot(metric)][band * years_ + year] = value;
}

double AgeBandMeasures::measure(Metric metric, std::size_t band, std::size_t year,
                                const AgeBandPrices& prices,
                                const DelayResponsibility& responsibility) const {
  auto held = [&](HeldLevel level) { return integral(band, level, year); };
  // The delayed_for_ levels follow delayed_discharge in AwaitedService order.
  auto delayed = [&](AwaitedService reason) {
    return held(static_cast<HeldLevel>(static_cast<std::size_t>(HeldLevel::delayed_discharge) +
                                       static_cast<std::size_t>(reason)));
  };
  switch (metric) {
    case Metric::bed_days: return held(HeldLevel::hospital_bed);
    case Metric::delayed_discharge_days: return held(HeldLevel::delayed_discharge);
    case Metric::bed_wait_days: return held(HeldLevel::waiting_for_bed);
    case Metric::care_home_resident_days: return held(HeldLevel::care_home_place);
    case Metric::person_years: return held(HeldLevel::alive) / sim::days_per_year;
    case Metric::reablement_days: return held(HeldLevel::reablement);
    case Metric::rehabilitation_bed_days: return held(HeldLevel::rehabilitation);
    case Metric::delayed_discharge_days_reablement: return held(HeldLevel::delayed_for_reablement);
    case Metric::delayed_discharge_days_rehabilitation:
      return held(HeldLevel::delayed_for_rehabilitation);
    case Metric::delayed_discharge_days_care_home: return held(HeldLevel::delayed_for_care_home);
    case Metric::delayed_discharge_days_home_care: return held(HeldLevel::delayed_for_home_care);
    case Metric::delayed_discharge_days_funding_decision:
      return held(HeldLevel::delayed_for_funding_decision);
    case Metric::delayed_discharge_days_assessment: return held(HeldLevel::delayed_for_assessment);
    case Metric::assessment_bed_days: return held(HeldLevel::assessment);
    case Metric::assessment_bed_delay_days: return held(HeldLevel::assessment_delay);
    // Responsibility as for the area (care_area_accounts.cpp).
    case Metric::delayed_discharge_days_nhs:
      return responsibility.days_of(ResponsibleParty::nhs, delayed);
    case Metric::delayed_discharge_days_social_care:
      return responsibility.days_of(ResponsibleParty::social_care, delayed);
    case Metric::delayed_discharge_days_both:
      return responsibility.days_of(ResponsibleParty::both, delayed);
    case Metric::home_care_hours: return held(HeldLevel::home_care_hours) / days_per_week;
    case Metric::unpaid_care_hours: return held(HeldLevel::unpaid_care_hours) / days_per_week;
    case Metric::unmet_need_person_days: return held(HeldLevel::unmet_need);
    case Metric::home_care_community_wait_days: return held(HeldLevel::waiting_for_home_care);
    // Beds and discharge-service slots cost the same whoever holds them.
    case Metric::cost_hospital: return held(HeldLevel::hospital_bed) * prices.hospital_bed_day;
    case Metric::cost_reablement: return held(HeldLevel::reablement) * prices.reablement_day;
    case Metric::cost_rehabilitation:
      return held(HeldLevel::rehabilitation) * prices.rehabilitation_day;
    case Metric::cost_assessment: return held(HeldLevel::assessment) * prices.assessment_day;
    case Metric::cost_shunted_to_nhs:
      return prices.delays_shunted_to_nhs
                 ? measure(Metric::delayed_discharge_days_social_care, band, year, prices,
                           responsibility) *
                       prices.hospital_bed_day
                 : 0.0;
    case Metric::cost_home_care: return held(HeldLevel::cost_home_care);
    case Metric::cost_care_home: return held(HeldLevel::cost_care_home);
    case Metric::cost_attendance_allowance: return held(HeldLevel::cost_attendance_allowance);
    case Metric::cost_unpaid_care: return held(HeldLevel::cost_unpaid_care);
    case Metric::population_end:
    case Metric::population_frail_end:
    case Metric::people_65_plus_with_dementia_end:
    case Metric::people_65_plus_with_4_plus_conditions_end:
    case Metric::people_with_home_care_end:
      return snapshots_[age_band_snapshot_slot(metric)][band * years_ + year];
    default: break;
  }
  return counts_[band * age_band_metric_count + age_band_slot(metric)].total(year);
}

}  // namespace hcsim::models
