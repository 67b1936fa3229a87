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

void CareArea::add_cost_rate(Payer statutory, CareService service, double pounds_per_day) {
  if (pounds_per_day == 0.0) return;
  cost_rates_[index_of(route(service, statutory))][index_of(service)].change(scheduler_.now(),
                                                                             pounds_per_day);
}

void CareArea::person_costs(std::uint32_t person, double sign) {
  RunningCostLevels held = running_costs(person, sign, true);
  // costs_off and costs_on come in pairs around a change of one person, at
  // one time and in one band: the band's levels need only the difference.
  if (costs_taken_off_from_ != person) settle_band_costs();
  if (sign < 0.0) {
    costs_taken_off_ = held;
    costs_taken_off_from_ = person;
    return;
  }
  if (costs_taken_off_from_ == person) {
    for (std::size_t l = 0; l < running_cost_level_count; ++l) held[l] += costs_taken_off_[l];
    costs_taken_off_from_ = no_person;
  }
  const std::size_t band = band_of(person);
  const double now = scheduler_.now();
  for (std::size_t l = 0; l < running_cost_level_count; ++l) {
    if (held[l] != 0.0) {
      by_age_band_.change(band, static_cast<HeldLevel>(first_running_cost_level + l), now,
                          held[l]);
    }
  }
}

void CareArea::settle_band_costs() {
  if (costs_taken_off_from_ == no_person) return;
  const std::size_t band = band_of(costs_taken_off_from_);
  costs_taken_off_from_ = no_person;
  for (std::size_t l = 0; l < running_cost_level_count; ++l) {
    const double taken_off = costs_taken_off_[l];
    if (taken_off != 0.0) {
      by_age_band_.change(band, static_cast<HeldLevel>(first_running_cost_level + l),
                          scheduler_.now(), taken_off);
    }
  }
}

RunningCostLevels CareArea::running_costs(std::uint32_t person, double sign, bool book) {
  RunningCostLevels held{};
  auto add = [&held](HeldLevel level, double amount) {
    held[static_cast<std::size_t>(level) - first_running_cost_level] += amount;
  };
  // Each cost goes to the area's payer and service rates and to the
  // person's band by service.
  auto pay = [&](Payer statutory, CareService service, HeldLevel level, double pounds_per_day) {
    if (book) add_cost_rate(statutory, service, pounds_per_day);
    add(level, pounds_per_day);
  };
  const Setting setting = people_.setting[person];
  if (setting == Setting::dead) return held;
  const auto& costs = parameters_.costs;
  const auto& care = parameters_.social_care;
  const double now = scheduler_.now();
  const CapitalBand capital = people_.capital[person];
  const CareHomeType home_type = people_.care_home_resident[person];

  // A home-care package is paid while held (also while its holder is in
  // hospital: councils commonly keep paying to hold it).
  const double package = people_.home_care_hours[person];
  if (package > 0.0 && home_type == CareHomeType::none) {
    const CareCostShare split = funding_->means_test_share(capital, package * costs.home_care_hour);
    pay(Payer::local_authority, CareService::home_care, HeldLevel::cost_home_care,
        sign * split.local_authority / days_per_week);
    pay(Payer::self_funder, CareService::home_care, HeldLevel::cost_home_care,
        sign * split.person / days_per_week);
    if (book) home_care_hours_.change(now, sign * package);
    add(HeldLevel::home_care_hours, sign * package);
  }

  if (home_type != CareHomeType::none) {
    const bool nursing = home_type == CareHomeType::nursing;
    const CareService service = nursing ? CareService::nursing_care : CareService::residential_care;
    const double weekly = nursing ? costs.nursing_home_week : costs.care_home_week;
    if (capital == CapitalBand::above_upper) {
      // Self-funders pay the market rate, above what councils pay.
      pay(Payer::self_funder, service, HeldLevel::cost_care_home,
          sign * weekly * (1.0 + costs.self_funder_premium) / days_per_week);
    } else {
      const CareCostShare split = funding_->means_test_share(capital, weekly);
      pay(Payer::local_authority, service, HeldLevel::cost_care_home,
          sign * split.local_authority / days_per_week);
      pay(Payer::self_funder, service, HeldLevel::cost_care_home,
          sign * split.person / days_per_week);
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
    pay(Payer::dwp, CareService::attendance_allowance, HeldLevel::cost_attendance_allowance,
        sign * weekly * care.attendance_allowance_take_up / days_per_week);
  }

  // Unpaid care is given to people living at home.
  const double carer = people_.carer_hours[person];
  if (carer > 0.0 && lives_at_home(setting)) {
    if (book) unpaid_care_hours_.change(now, sign * carer);
    add(HeldLevel::unpaid_care_hours, sign * carer);
    pay(Payer::unpaid_carer, CareService::unpaid_care, HeldLevel::cost_unpaid_care,
        sign * unpaid_care_cost_per_day(carer));
  }
  return held;
}

double CareArea::unpaid_care_cost_per_day(double carer_hours) const noexcept {
  return carer_hours * parameters_.costs.unpaid_care_hour / days_per_week;
}

void CareArea::unpaid_care_changes(std::uint32_t person, double sign) {
  const double carer = people_.carer_hours[person];
  if (!(carer > 0.0)) return;
  // As running_costs books the unpaid-care terms, on the area and the band.
  settle_band_costs();
  const double now = scheduler_.now();
  const double cost = sign * unpaid_care_cost_per_day(carer);
  unpaid_care_hours_.change(now, sign * carer);
  add_cost_rate(Payer::unpaid_carer, CareService::unpaid_care, cost);
  const std::size_t band = band_of(person);
  by_age_band_.change(band, HeldLevel::unpaid_care_hours, now, sign * carer);
  by_age_band_.change(band, HeldLevel::cost_unpaid_care, now, cost);
}

HeldLevels CareArea::held_by(std::uint32_t person) {
  const Setting setting = people_.setting[person];
  if (setting == Setting::dead) return {};
  HeldLevels held{};
  const RunningCostLevels costs = running_costs(person, 1.0, false);
  std::copy(costs.begin(), costs.end(), held.begin() + first_running_cost_level);
  auto set = [&held](HeldLevel level) { held[static_cast<std::size_t>(level)] = 1.0; };
  set(HeldLevel::alive);
  if (setting == Setting::in_hospital || setting == Setting::delayed_discharge) {
    set(HeldLevel::hospital_bed);
  }
  if (setting == Setting::delayed_discharge) {
    set(HeldLevel::delayed_discharge);
    set(static_cast<HeldLevel>(static_cast<std::size_t>(HeldLevel::delayed_discharge) +
                               reason(people_.awaiting[person])));
  }
  if (setting == Setting::waiting_for_bed) set(HeldLevel::waiting_for_bed);
  if (setting == Setting::reablement) set(HeldLevel::reablement);
  if (setting == Setting::rehabilitation) set(HeldLevel::rehabilitation);
  if (setting == Setting::assessment) {
    set(HeldLevel::assessment);
    if (people_.awaiting[person] != AwaitedService::none) set(HeldLevel::assessment_delay);
  }
  if (people_.care_home_resident[person] != CareHomeType::none) set(HeldLevel::care_home_place);
  if (people_.flags[person] & PersonFlag::unmet_need) set(HeldLevel::unmet_need);
  if ((people_.flags[person] & PersonFlag::waiting_for_home_care) && setting == Setting::home) {
    set(HeldLevel::waiting_for_home_care);
  }
  return held;
}

AgeBandPrices CareArea::age_band_prices() const {
  AgeBandPrices prices;
  prices.hospital_bed_day = parameters_.costs.hospital_bed_day;
  prices.reablement_day = parameters_.discharge.reablement.cost_per_day;
  prices.rehabilitation_day = parameters_.discharge.rehabilitation.cost_per_day;
  prices.assessment_day = parameters_.discharge.assessment.service.cost_per_day;
  // As cost_shunted_to_nhs for the area (measure below).
  prices.delays_shunted_to_nhs = route(CareService::delayed_discharge, Payer::nhs) !=
                                 route(CareService::home_care, Payer::local_authority);
  return prices;
}

double CareArea::measure_by_age_band(Metric metric, std::size_t band, std::size_t year) const {
  return by_age_band_.measure(metric, band, year, age_band_prices(),
                              parameters_.discharge.delay_responsibility);
}

double CareArea::age_band_level_drift() {
  settle_band_costs();
  std::array<HeldLevels, age_band_count> held{};
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    const HeldLevels of_person = held_by(person);
    auto& band = held[band_of(person)];
    for (std::size_t l = 0; l < held_level_count; ++l) band[l] += of_person[l];
  }
  double drift = 0.0;
  for (std::size_t band = 0; band < age_band_count; ++band) {
    for (std::size_t l = 0; l < held_level_count; ++l) {
      drift = std::max(drift, std::abs(held[band][l] -
                                       by_age_band_.level(band, static_cast<HeldLevel>(l))));
    }
  }
  return drift;
}

void CareArea::service_cost(const DischargeServiceState& service, double sign) {
  // P1 reablement is the local authority's; P2 rehabilitation and P3
  // assessment beds are the NHS's (discharge-to-assess beds commissioned by
  // the ICB; ASSUMPTION, see england.yaml), each on its own service line.
  const double pounds_per_day = sign * service.parameters->cost_per_day;
  switch (service.setting) {
    case Setting::reablement:
      add_cost_rate(Payer::local_authority, CareService::reablement, pounds_per_day);
      break;
    case Setting::rehabilitation:
      add_cost_rate(Payer::nhs, CareService::rehabilitation, pounds_per_day);
      break;
    default:
      add_cost_rate(Payer::nhs, CareService::assessment, pounds_per_day);
      break;
  }
}

double CareArea::spend(Payer payer, CareService service, std::size_t year) const {
  return cost_rates_[index_of(payer)][index_of(service)].totals().total(year);
}

void CareArea::reroute_costs() {
  // Every running cost is a sum of the terms below, so zeroing the rates
  // and adding the terms again under the new routing is exact. Interventions
  // book their own payer and are not rerouted.
  const double now = scheduler_.now();
  for (auto& by_service : cost_rates_) {
    for (std::size_t s = 0; s < care_service_count; ++s) {
      if (s != index_of(CareService::intervention)) by_service[s].change(now, -by_service[s].level());
    }
  }
  home_care_hours_.change(now, -home_care_hours_.level());
  unpaid_care_hours_.change(now, -unpaid_care_hours_.level());
  settle_band_costs();
  for (const HeldLevel level : {HeldLevel::home_care_hours, HeldLevel::unpaid_care_hours,
                                HeldLevel::cost_home_care, HeldLevel::cost_care_home,
                                HeldLevel::cost_attendance_allowance, HeldLevel::cost_unpaid_care}) {
    by_age_band_.clear(level, now);
  }
  const double delayed = delayed_patients_.level();
  bed_cost(CareService::hospital, static_cast<double>(beds_occupied_) - delayed);
  bed_cost(CareService::delayed_discharge, delayed);
  for (const auto& service : services_) service_cost(service, static_cast<double>(service.in_use));
  add_cost_rate(Payer::nhs, CareService::gp, gp_access_.cost_per_day());
  for (std::uint32_t person = 0; person < people_.size(); ++person) costs_on(person);
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
  const bool new_year = report.year != year_of_last_cycle_;
  for (std::size_t p = 0; p < payer_count; ++p) {
    for (std::size_t s = 0; s < care_service_count; ++s) {
      sim::IntegratedLevel& rate = cost_rates_[p][s];
      const double to_date = rate.cumulative_to(at);
      report.spend[p][s] = to_date - spend_at_last_cycle_[p][s];
      spend_at_last_cycle_[p][s] = to_date;
      // The yearly totals split spend exactly at the year's start; warm-up
      // and run-out are in none of them.
      if (!report.measuring || report.year >= rate.totals().period_count()) continue;
      rate.flush(at);
      const double in_year = rate.totals().total(report.year);
      report.spend_in_year[p][s] = in_year - (new_year ? 0.0 : year_spend_at_last_cycle_[p][s]);
      year_spend_at_last_cycle_[p][s] = in_year;
    }
  }
  year_of_last_cycle_ = report.year;
  std::array<double, awaited_service_count> delayed{};
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
    use.capacity = levers().capacity[s];
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
  // Interventions' effects and GP access are held for a cycle; when either
  // changes, every pending admission is redrawn under the new hazards.
  bool changed = false;
  if (!interventions_.empty()) {
    changed = interventions_.effects_change_between(effects_time_, at);
    effects_time_ = at;
  }
  start_gp_cycle();
  if (changed) {
    for (std::uint32_t person = 0; person < people_.size(); ++person) {
      if (awaits_admission(people_.setting[person])) schedule_next_admission(person);
    }
  }
  if (!interventions_.empty()) book_intervention_costs(at);
  const bool routed = funding_->ledger().allocated();
  funding_->end_cycle(report);
  if (!routed && funding_->ledger().allocated()) reroute_costs();
  obey_levers();
}

void CareArea::obey_levers() {
  for (std::size_t s = 0; s < commissioned_service_count; ++s) {
    effective_capacity_[s] =
        std::max(0.0, levers().capacity[s]) *
        interventions_.capacity_multiplier(static_cast<CommissionedService>(s), effects_time_);
  }
  services_[0].capacity = std::llround(effective_capacity_[0]);
  services_[1].capacity = std::llround(effective_capacity_[1]);
  fill_from_queues();
}

void CareArea::book_intervention_costs(sim::Days from) {
  const auto& all = interventions_.interventions();
  if (all.empty()) return;
  const double now = scheduler_.now();
  const double until = from + plan_.window_days;
  for (std::size_t i = 0; i < all.size(); ++i) {
    // The people the intervention targets now, living where it reaches them.
    double targeted = 0.0;
    if (all[i].cost.per_person_per_year > 0.0) {
      for (std::uint32_t person = 0; person < people_.size(); ++person) {
        if (people_.setting[person] == Setting::dead) continue;
        if (all[i].target.matches(age_of(person, now), people_.frailty[person],
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

std::string CareArea::first_non_finite_measure(std::size_t first_year,
                                               std::size_t end_year) const {
  end_year = std::min(end_year, plan_.years);
  for (std::size_t m = 0; m < metric_count; ++m) {
    for (std::size_t year = first_year; year < end_year; ++year) {
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
    case Metric::escalation_bed_days: return escalation_beds_.totals().total(year);
    case Metric::reablement_days: return services_[0].used.totals().total(year);
    case Metric::rehabilitation_bed_days: return services_[1].used.totals().total(year);
    case Metric::assessment_bed_days: return services_[2].used.totals().total(year);
    case Metric::assessment_bed_delay_days: return assessment_waiting_.totals().total(year);
    case Metric::delayed_discharge_days_assessment: return delayed(AwaitedService::assessment);
    case Metric::delayed_discharge_days_reablement: return delayed(AwaitedService::reablement);
    case Metric::delayed_discharge_days_rehabilitation:
      return delayed(AwaitedService::rehabilitation);
    case Metric::delayed_discharge_days_care_home: return delayed(AwaitedService::care_home);
    case Metric::delayed_discharge_days_home_care: return delayed(AwaitedService::home_care);
    case Metric::delayed_discharge_days_funding_decision:
      return delayed(AwaitedService::funding_decision);
    // Responsibility by reason, as the area's parameters attribute it.
    case Metric::delayed_discharge_days_nhs:
      return parameters_.discharge.delay_responsibility.days_of(ResponsibleParty::nhs, delayed);
    case Metric::delayed_discharge_days_social_care:
      return parameters_.discharge.delay_responsibility.days_of(ResponsibleParty::social_care,
                                                                delayed);
    case Metric::delayed_discharge_days_both:
      return parameters_.discharge.delay_responsibility.days_of(ResponsibleParty::both, delayed);
    case Metric::cost_hospital:
      return service_total({CareService::hospital, CareService::delayed_discharge});
    case Metric::cost_care_home:
      return service_total({CareService::residential_care, CareService::nursing_care});
    case Metric::cost_reablement: return service_total({CareService::reablement});
    case Metric::cost_rehabilitation: return service_total({CareService::rehabilitation});
    case Metric::cost_assessment: return service_total({CareService::assessment});
    case Metric::cost_home_care: return service_total({CareService::home_care});
    case Metric::cost_attendance_allowance:
      return service_total({CareService::attendance_allowance});
    case Metric::cost_unpaid_care: return service_total({CareService::unpaid_care});
    case Metric::cost_interventions: return service_total({CareService::intervention});
    case Metric::cost_gp: return service_total({CareService::gp});
    case Metric::gp_appointments: return gp_access_.appointments(year);
    case Metric::gp_appointments_unmet: return gp_access_.unmet_appointments(year);
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
      return route(CareService::delayed_discharge, Payer::nhs) !=
                     route(CareService::home_care, Payer::local_authority)
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
    case Metric::population_end: return year_end_[year].alive;
    case Metric::population_85_plus_end: return year_end_[year].aged_85_plus;
    case Metric::population_frail_end: return year_end_[year].frail;
    case Metric::population_65_plus_end: return year_end_[year].aged_65_plus;
    case Metric::frail_people_85_plus_end: return year_end_[year].frail_85_plus;
    case Metric::people_65_plus_with_dementia_end: return year_end_[year].dementia_65_plus;
    case Metric::people_with_home_care_end: return year_end_[year].home_care_holders;
    case Metric::people_65_plus_with_4_plus_conditions_end:
      return year_end_[year].multimorbid_65_plus;
    case Metric::life_expectancy_at_65_male:
    case Metric::life_expectancy_at_65_female:
      return life_table_.life_expectancy(life_table_sex(metric), year);
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
