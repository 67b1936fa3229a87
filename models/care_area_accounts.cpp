// The care area's accounts: who pays for what, the measures reported per
// year, and the budget cycle's report and levers.
#include <algorithm>
#include <cmath>

#include "models/care_area.hpp"
#include "models/funding/means_test.hpp"

namespace hcsim::models {
namespace {

constexpr double days_per_week = 7.0;

std::size_t reason(AwaitedService awaited) { return static_cast<std::size_t>(awaited); }

}  // namespace

Payer CareArea::route(CareService service, Payer statutory) const {
  return regime_ ? regime_->payer_for(service, statutory) : statutory;
}

void CareArea::add_cost_rate(Payer statutory, CareService service, double pounds_per_day) {
  if (pounds_per_day == 0.0) return;
  cost_rates_[index_of(route(service, statutory))][index_of(service)].change(scheduler_.now(),
                                                                             pounds_per_day);
}

void CareArea::person_costs(std::uint32_t person, double sign) {
  const Setting setting = people_.setting[person];
  if (setting == Setting::dead) return;
  const auto& costs = parameters_.costs;
  const auto& care = parameters_.social_care;
  const double now = scheduler_.now();
  const CapitalBand capital = people_.capital[person];
  const CareHomeType home_type = people_.care_home_resident[person];

  // A home-care package is paid while held (also while its holder is in
  // hospital: councils commonly keep paying to hold it).
  const double package = people_.home_care_hours[person];
  if (package > 0.0 && home_type == CareHomeType::none) {
    const CareCostShare split = means_test_.share_weekly_cost(capital, package * costs.home_care_hour);
    add_cost_rate(Payer::local_authority, CareService::home_care,
                  sign * split.local_authority / days_per_week);
    add_cost_rate(Payer::self_funder, CareService::home_care, sign * split.person / days_per_week);
    home_care_hours_.change(now, sign * package);
  }

  if (home_type != CareHomeType::none) {
    const bool nursing = home_type == CareHomeType::nursing;
    const CareService service = nursing ? CareService::nursing_care : CareService::residential_care;
    const double weekly = nursing ? costs.nursing_home_week : costs.care_home_week;
    if (capital == CapitalBand::above_upper) {
      // Self-funders pay the market rate, above what councils pay.
      add_cost_rate(Payer::self_funder, service,
                    sign * weekly * (1.0 + costs.self_funder_premium) / days_per_week);
    } else {
      const CareCostShare split = means_test_.share_weekly_cost(capital, weekly);
      add_cost_rate(Payer::local_authority, service, sign * split.local_authority / days_per_week);
      add_cost_rate(Payer::self_funder, service, sign * split.person / days_per_week);
    }
  }

  // Attendance Allowance (PIP's daily living part under 65 has the same
  // rates) for moderate or high need, except council-funded residents.
  const CareNeed need = need_of(person);
  const bool council_resident =
      home_type != CareHomeType::none && capital != CapitalBand::above_upper;
  if (need >= CareNeed::moderate && !council_resident) {
    const double weekly = need == CareNeed::high ? care.attendance_allowance_higher_week
                                                 : care.attendance_allowance_lower_week;
    add_cost_rate(Payer::dwp, CareService::attendance_allowance,
                  sign * weekly * care.attendance_allowance_take_up / days_per_week);
  }

  // Unpaid care is given to people living at home.
  const double carer = people_.carer_hours[person];
  if (carer > 0.0 && lives_at_home(setting)) {
    unpaid_care_hours_.change(now, sign * carer);
    add_cost_rate(Payer::unpaid_carer, CareService::unpaid_care,
                  sign * carer * costs.unpaid_care_hour / days_per_week);
  }
}

double CareArea::bed_level_cost_per_day(CareService service) const {
  switch (service) {
    case CareService::hospital:
    case CareService::delayed_discharge: return parameters_.costs.hospital_bed_day;
    case CareService::reablement: return parameters_.discharge.reablement.cost_per_day;
    case CareService::rehabilitation: return parameters_.discharge.rehabilitation.cost_per_day;
    default: return 0.0;
  }
}

double CareArea::spend(Payer payer, CareService service, std::size_t year) const {
  double level = 0.0;  // the occupancy behind a per-bed or per-slot cost
  Payer statutory = Payer::nhs;
  switch (service) {
    case CareService::hospital:
      level = occupied_beds_.totals().total(year) - delayed_patients_.totals().total(year);
      break;
    case CareService::delayed_discharge: level = delayed_patients_.totals().total(year); break;
    case CareService::reablement:
      level = services_[0].used.totals().total(year);
      statutory = Payer::local_authority;
      break;
    case CareService::rehabilitation: level = services_[1].used.totals().total(year); break;
    default: break;
  }
  double total = cost_rates_[index_of(payer)][index_of(service)].totals().total(year);
  if (level != 0.0 && route(service, statutory) == payer) {
    total += level * bed_level_cost_per_day(service);
  }
  return total;
}

double CareArea::spend_to(Payer payer, CareService service, sim::Days now) const {
  double level = 0.0;
  Payer statutory = Payer::nhs;
  switch (service) {
    case CareService::hospital:
      level = occupied_beds_.cumulative_to(now) - delayed_patients_.cumulative_to(now);
      break;
    case CareService::delayed_discharge: level = delayed_patients_.cumulative_to(now); break;
    case CareService::reablement:
      level = services_[0].used.cumulative_to(now);
      statutory = Payer::local_authority;
      break;
    case CareService::rehabilitation: level = services_[1].used.cumulative_to(now); break;
    default: break;
  }
  double total = cost_rates_[index_of(payer)][index_of(service)].cumulative_to(now);
  if (level != 0.0 && route(service, statutory) == payer) {
    total += level * bed_level_cost_per_day(service);
  }
  return total;
}

CycleReport CareArea::cycle_report(std::size_t cycle, sim::Days at) {
  CycleReport report;
  report.cycle = cycle;
  report.start_days = last_cycle_end_;
  report.end_days = at;
  report.measuring = at > plan_.origin_days + 1e-9;
  if (report.measuring) {
    const double into = (at - plan_.origin_days) / days_per_year;
    report.year = static_cast<std::size_t>(std::ceil(into - 1e-9)) - 1;
    report.year_fraction_elapsed = into - static_cast<double>(report.year);
  }
  for (std::size_t p = 0; p < payer_count; ++p) {
    for (std::size_t s = 0; s < care_service_count; ++s) {
      const double to_date = spend_to(static_cast<Payer>(p), static_cast<CareService>(s), at);
      report.spend[p][s] = to_date - spend_at_last_cycle_[p][s];
      spend_at_last_cycle_[p][s] = to_date;
    }
  }
  std::array<double, 6> delayed{};
  for (std::size_t r = 0; r < delayed.size(); ++r) {
    const double to_date = delayed_by_reason_[r].cumulative_to(at);
    delayed[r] = to_date - delayed_at_last_cycle_[r];
    delayed_at_last_cycle_[r] = to_date;
  }
  const std::array<double, commissioned_service_count> use_to_date{
      services_[0].used.cumulative_to(at), services_[1].used.cumulative_to(at),
      home_care_hours_.cumulative_to(at), care_home_residents_.cumulative_to(at)};
  const double length = std::max(at - last_cycle_end_, 1e-9);
  const auto& costs = parameters_.costs;
  const std::array<AwaitedService, commissioned_service_count> awaited{
      AwaitedService::reablement, AwaitedService::rehabilitation, AwaitedService::home_care,
      AwaitedService::care_home};
  const std::array<double, commissioned_service_count> unit_cost{
      parameters_.discharge.reablement.cost_per_day,
      parameters_.discharge.rehabilitation.cost_per_day, costs.home_care_hour / days_per_week,
      costs.care_home_week / days_per_week};
  for (std::size_t s = 0; s < commissioned_service_count; ++s) {
    auto& use = report.services[s];
    use.capacity = levers_.capacity[s];
    use.mean_in_use = (use_to_date[s] - use_at_last_cycle_[s]) / length;
    use_at_last_cycle_[s] = use_to_date[s];
    use.delayed_bed_days = delayed[reason(awaited[s])];
    use.waiting_at_end = delayed_by_reason_[reason(awaited[s])].level();
    use.cost_per_unit_day = unit_cost[s];
  }
  report.services[2].waiting_at_end += community_waiting_.level();
  report.delayed_bed_day_cost = costs.hospital_bed_day;
  report.approval_delay_bed_days = delayed[reason(AwaitedService::funding_decision)];
  last_cycle_end_ = at;
  return report;
}

void CareArea::on_budget_cycle(std::size_t cycle, sim::Days at) {
  const CycleReport report = cycle_report(cycle, at);
  if (!interventions_.empty()) {
    // Effects are held for a cycle; when they change, every pending
    // admission is redrawn under the new hazards.
    const bool changed = interventions_.effects_change_between(effects_time_, at);
    effects_time_ = at;
    if (changed) {
      for (std::uint32_t person = 0; person < people_.size(); ++person) {
        const Setting setting = people_.setting[person];
        if (setting == Setting::home || setting == Setting::home_care ||
            setting == Setting::care_home) {
          schedule_next_admission(person);
        }
      }
    }
    book_intervention_costs(at);
  }
  ledger_->record_cycle(report);
  FundingLevers levers = levers_;
  if (ledger_->in_budget_year()) regime_->on_cycle(report, *ledger_, levers, baseline_levers_);
  ledger_->record_history(report, levers);
  apply_levers(levers);
}

void CareArea::apply_levers(const FundingLevers& levers) {
  levers_ = levers;
  for (auto& capacity : levers_.capacity) capacity = std::max(0.0, capacity);
  levers_.approval_delay_days = std::max(0.0, levers_.approval_delay_days);
  for (std::size_t s = 0; s < commissioned_service_count; ++s) {
    effective_capacity_[s] =
        levers_.capacity[s] *
        interventions_.capacity_multiplier(static_cast<CommissionedService>(s), effects_time_);
  }
  services_[0].capacity = std::llround(effective_capacity_[0]);
  services_[1].capacity = std::llround(effective_capacity_[1]);
  home_care_capacity_hours_ = effective_capacity_[2];
  fill_from_queues();
}

void CareArea::book_intervention_costs(sim::Days from) {
  const auto& all = interventions_.interventions();
  if (all.empty()) return;
  const double now = scheduler_.now();
  const double until = from + plan_.bucket_days;
  for (std::size_t i = 0; i < all.size(); ++i) {
    // The people the intervention targets now, living where it reaches them.
    double targeted = 0.0;
    if (all[i].cost.per_person_per_year > 0.0) {
      for (std::uint32_t person = 0; person < people_.size(); ++person) {
        if (people_.setting[person] == Setting::dead) continue;
        if (all[i].target.matches(people_.age_at(person, now), people_.frailty[person],
                                  people_.conditions[person], need_of(person),
                                  residence_of(person))) {
          targeted += 1.0;
        }
      }
    }
    const double rate =
        interventions_.running_cost(i, from, until, targeted, population_scale_) / (until - from);
    auto& level = intervention_cost_rates_[i];
    const double change = rate - level.level();
    level.change(now, change);
    cost_rates_[index_of(all[i].cost.payer)][index_of(CareService::intervention)].change(now,
                                                                                         change);
  }
}

std::string CareArea::first_non_finite_measure() const {
  for (std::size_t m = 0; m < metric_count; ++m) {
    for (std::size_t year = 0; year < plan_.years; ++year) {
      if (!std::isfinite(measure(static_cast<Metric>(m), year))) {
        return std::string(metric_info[m].name) + " (year " + std::to_string(year + 1) + ")";
      }
    }
  }
  return {};
}

double CareArea::measure(Metric metric, std::size_t year) const {
  auto delayed = [&](AwaitedService awaited) {
    return delayed_by_reason_[reason(awaited)].totals().total(year);
  };
  auto service_total = [&](std::initializer_list<CareService> services) {
    double total = 0.0;
    for (std::size_t p = 0; p < payer_count; ++p) {
      for (const CareService service : services) total += spend(static_cast<Payer>(p), service, year);
    }
    return total;
  };
  auto payer_total = [&](Payer payer) {
    double total = 0.0;
    for (std::size_t s = 0; s < care_service_count; ++s) {
      total += spend(payer, static_cast<CareService>(s), year);
    }
    return total;
  };
  switch (metric) {
    case Metric::bed_days: return occupied_beds_.totals().total(year);
    case Metric::delayed_discharge_days: return delayed_patients_.totals().total(year);
    case Metric::bed_wait_days: return bed_waiters_.totals().total(year);
    case Metric::care_home_resident_days: return care_home_residents_.totals().total(year);
    case Metric::person_years: return alive_.totals().total(year) / days_per_year;
    case Metric::hospital_full_days: return hospital_full_.totals().total(year);
    case Metric::reablement_days: return services_[0].used.totals().total(year);
    case Metric::rehabilitation_bed_days: return services_[1].used.totals().total(year);
    case Metric::delayed_discharge_days_reablement: return delayed(AwaitedService::reablement);
    case Metric::delayed_discharge_days_rehabilitation:
      return delayed(AwaitedService::rehabilitation);
    case Metric::delayed_discharge_days_care_home: return delayed(AwaitedService::care_home);
    case Metric::delayed_discharge_days_home_care: return delayed(AwaitedService::home_care);
    case Metric::delayed_discharge_days_funding_decision:
      return delayed(AwaitedService::funding_decision);
    // Responsibility follows the DToC convention: waiting for NHS
    // rehabilitation is the NHS's; reablement, home care, care homes and
    // funding decisions are social care's.
    case Metric::delayed_discharge_days_nhs: return delayed(AwaitedService::rehabilitation);
    case Metric::delayed_discharge_days_social_care:
      return delayed(AwaitedService::reablement) + delayed(AwaitedService::care_home) +
             delayed(AwaitedService::home_care) + delayed(AwaitedService::funding_decision);
    case Metric::cost_hospital:
      return service_total({CareService::hospital, CareService::delayed_discharge});
    case Metric::cost_care_home:
      return service_total({CareService::residential_care, CareService::nursing_care});
    case Metric::cost_reablement: return service_total({CareService::reablement});
    case Metric::cost_rehabilitation: return service_total({CareService::rehabilitation});
    case Metric::cost_home_care: return service_total({CareService::home_care});
    case Metric::cost_attendance_allowance:
      return service_total({CareService::attendance_allowance});
    case Metric::cost_unpaid_care: return service_total({CareService::unpaid_care});
    case Metric::cost_interventions: return service_total({CareService::intervention});
    case Metric::cost_nhs: return payer_total(Payer::nhs);
    case Metric::cost_local_authority: return payer_total(Payer::local_authority);
    case Metric::cost_pooled_fund: return payer_total(Payer::pooled_fund);
    case Metric::cost_dwp: return payer_total(Payer::dwp);
    case Metric::cost_self_funders: return payer_total(Payer::self_funder);
    case Metric::cost_unpaid_care_value: return payer_total(Payer::unpaid_carer);
    case Metric::cost_third_sector: return payer_total(Payer::third_sector);
    case Metric::cost_total: {
      double total = 0.0;
      for (std::size_t p = 0; p < payer_count; ++p) total += payer_total(static_cast<Payer>(p));
      return total;
    }
    case Metric::cost_shunted_to_nhs:
      // Bed days the NHS pays for while social care's part of the pathway
      // keeps the patient in hospital; zero when one budget pays for both.
      return route(CareService::delayed_discharge, Payer::nhs) == Payer::nhs &&
                     route(CareService::home_care, Payer::local_authority) != Payer::nhs
                 ? measure(Metric::delayed_discharge_days_social_care, year) *
                       parameters_.costs.hospital_bed_day
                 : 0.0;
    case Metric::home_care_hours: return home_care_hours_.totals().total(year) / days_per_week;
    case Metric::unpaid_care_hours:
      return unpaid_care_hours_.totals().total(year) / days_per_week;
    case Metric::unmet_need_person_days: return unmet_need_.totals().total(year);
    case Metric::home_care_community_wait_days: return community_waiting_.totals().total(year);
    case Metric::measured_days: {
      const double start = plan_.origin_days + static_cast<double>(year) * days_per_year;
      return std::max(0.0, std::min(plan_.end_days, start + days_per_year) - start);
    }
    case Metric::hospital_bed_capacity_days:
      return static_cast<double>(beds_) * measure(Metric::measured_days, year);
    case Metric::population_end: return population_end_[year];
    case Metric::population_85_plus_end: return population_85_end_[year];
    case Metric::population_frail_end: return frail_end_[year];
    default:
      break;
  }
  if (metric_info[index_of(metric)].aggregation != Aggregation::sum) {
    // Ratios and daily levels of this area in this year.
    return aggregate(metric, 1, 1, [this, year](std::size_t m, std::size_t, std::size_t) {
      return measure(static_cast<Metric>(m), year);
    });
  }
  return counts_[index_of(metric)].total(year);
}

}  // namespace hcsim::models
