#pragma once
// The measures the care model reports, per area and year. Their names are a
// contract: they appear in --json output and as HDF5 dataset names.
#include <array>
#include <cstddef>
#include <limits>
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
  // Denominators and the measures named by the care-model issue.
  measured_days,
  hospital_bed_capacity_days,
  readmissions_30d,
  deaths_in_hospital,
  deaths_at_home,
  deaths_in_care_home,
  population_end,
  population_85_plus_end,
  emergency_admissions_per_1000_per_year,
  mean_emergency_length_of_stay_days,
  bed_occupancy_rate,
  delayed_discharge_beds_per_day,
  // Social care, frailty and conditions.
  care_home_admissions_residential,
  care_home_admissions_nursing,
  care_home_refusals,
  home_care_refusals,
  home_care_packages_started,
  frailty_progressions,
  condition_onsets,
  delayed_discharge_days_home_care,
  delayed_discharge_days_funding_decision,
  home_care_hours,
  unpaid_care_hours,
  unmet_need_person_days,
  home_care_community_wait_days,
  population_frail_end,
  // Cost by service (adding cost_hospital, cost_care_home, cost_reablement,
  // cost_rehabilitation and cost_assessment) and by payer: both sets sum to cost_total.
  cost_home_care,
  cost_attendance_allowance,
  cost_unpaid_care,
  cost_interventions,
  cost_nhs,
  cost_local_authority,
  cost_pooled_fund,
  cost_dwp,
  cost_self_funders,
  cost_unpaid_care_value,
  cost_third_sector,
  cost_shunted_to_nhs,
  // People entering the population (births and net migration).
  entries,
  // Escalation beds opened when patients have waited too long for a bed, and
  // stays of a day or more (the published mean length of stay counts those).
  escalation_admissions,
  escalation_bed_days,
  overnight_stays_ended,
  overnight_stay_days,
  mean_overnight_length_of_stay_days,
  // General practice appointments (models/gp_access.hpp).
  gp_appointments,
  gp_appointments_unmet,
  gp_people_turned_away,
  gp_shortfall_admissions,
  cost_gp,
  // P3 care-home assessment beds: starts, beds in use, hospital delays
  // waiting for one, beds held after assessment waiting for a funding
  // decision or a place, their cost, and those assessed who went home.
  assessment_admissions,
  assessment_bed_days,
  delayed_discharge_days_assessment,
  assessment_bed_delay_days,
  cost_assessment,
  assessment_discharges_home,
  // P3 stays that ended and their total length (Little's law for P3 beds).
  assessment_stays_ended,
  ended_assessment_stay_days,
  // Prevalence at the end of each year among older people, and care-home
  // residents' emergency admissions, to set against published national
  // figures (validation/national_rows.cpp).
  population_65_plus_end,
  frail_people_85_plus_end,
  people_65_plus_with_dementia_end,
  people_65_plus_with_4_plus_conditions_end,
  emergency_admissions_from_care_homes,
  // Home-care package holders alive at the end of each year, all ages (by
  // age band in HDF5), to set against published numbers of users.
  people_with_home_care_end,
  // Emergency admissions of people who then die in hospital, made at the time
  // of a death that would have come at home or in a care home.
  end_of_life_admissions,
  // Patients who waited in hospital for a home-care package the longest
  // allowed and went home to wait for it there.
  home_care_waits_sent_home,
  // Period life expectancy at 65 of the simulated population, from its own
  // deaths and person-years at risk (models/life_table.hpp).
  life_expectancy_at_65_male,
  life_expectancy_at_65_female,
  // Delayed discharge the NHS and social care are jointly responsible for
  // (discharge.delay_responsibility): with the NHS's and social care's it
  // adds up to delayed_discharge_days.
  delayed_discharge_days_both,
  count_  // number of metrics
};

inline constexpr std::size_t metric_count = static_cast<std::size_t>(Metric::count_);

// How a metric adds up over areas and years (for totals and summaries).
enum class Aggregation {
  sum,          // counts and integrals: add them
  ratio,        // numerator total / denominator total x scale
  daily_level,  // numerator total / days measured (summed over areas: a level)
  last_year,    // a snapshot at the end of each year: the last year, added over areas
  // A period life table from 65 (models/life_table.hpp) built from deaths
  // and person-years at risk added over areas and years: each cell is its
  // own area's and year's table, and tables do not add up, so the total
  // comes from the counts behind them (ReplicationResult), not from cells.
  life_table,
};

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  Aggregation aggregation = Aggregation::sum;
  std::size_t numerator = 0;    // metric index, for ratio and daily_level
  std::size_t denominator = 0;  // metric index, for ratio
  double scale = 1.0;
};

inline constexpr std::array<MetricInfo, metric_count> metric_info{{
    {"emergency_admissions", "admissions", "emergency admissions (arrivals needing a bed)"},
    {"bed_days", "bed-days", "hospital bed days occupied, delayed patients included"},
    {"delayed_discharge_days", "bed-days",
     "bed days of patients fit to leave who wait for a service, a place or a funding decision"},
    {"bed_wait_days", "person-days", "days patients spent waiting for a free hospital bed"},
    {"deaths", "people", "deaths in any setting"},
    {"care_home_admissions", "people", "new care-home placements from hospital"},
    {"care_home_resident_days", "person-days", "days of care-home places held by residents"},
    {"person_years", "person-years", "person-years lived by the simulated population"},
    {"cost_hospital", "GBP", "cost of acute hospital bed days, delayed ones included"},
    {"cost_care_home", "GBP",
     "cost of residential and nursing care-home places, whoever pays (self-funders at their "
     "higher rate)"},
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
    {"hospital_full_days", "area-days",
     "time during which every hospital bed of the area was occupied (per area, as "
     "measured_days)"},
    {"reablement_days", "person-days", "days of P1 reablement at home (slots in use)"},
    {"rehabilitation_bed_days", "bed-days", "days of P2 bedded rehabilitation (beds in use)"},
    {"delayed_discharge_days_reablement", "bed-days",
     "delayed discharge while waiting for a P1 reablement slot"},
    {"delayed_discharge_days_rehabilitation", "bed-days",
     "delayed discharge while waiting for a P2 rehabilitation bed"},
    {"delayed_discharge_days_care_home", "bed-days",
     "delayed discharge while waiting for a care-home place"},
    {"delayed_discharge_days_nhs", "bed-days",
     "delayed discharge the NHS alone is responsible for (the reasons "
     "discharge.delay_responsibility gives to nhs; by default waiting for P2 rehabilitation "
     "or a P3 assessment bed)"},
    {"delayed_discharge_days_social_care", "bed-days",
     "delayed discharge social care alone is responsible for (the reasons "
     "discharge.delay_responsibility gives to social_care; by default waiting for P1 "
     "reablement, a care-home place, a home-care package or a funding decision)"},
    {"cost_reablement", "GBP", "cost of P1 reablement days"},
    {"cost_rehabilitation", "GBP", "cost of P2 rehabilitation bed days"},
    {"measured_days", "area-days", "days measured (per area; the denominator of daily levels)"},
    {"hospital_bed_capacity_days", "bed-days", "hospital beds times days measured"},
    {"readmissions_30d", "admissions",
     "emergency admissions within 30 days of the person's last discharge from hospital"},
    {"deaths_in_hospital", "people",
     "deaths in an acute or rehabilitation bed, or while waiting for a bed"},
    {"deaths_at_home", "people", "deaths at home (with or without reablement)"},
    {"deaths_in_care_home", "people",
     "deaths of care-home residents in their care home, and of people in a P3 assessment bed "
     "(a care-home bed)"},
    {"population_end", "people", "people alive at the end of each year",
     Aggregation::last_year},
    {"population_85_plus_end", "people", "people aged 85 or over alive at the end of each year",
     Aggregation::last_year},
    {"emergency_admissions_per_1000_per_year", "admissions per 1,000 person-years",
     "emergency admissions per 1,000 person-years lived", Aggregation::ratio,
     static_cast<std::size_t>(Metric::emergency_admissions),
     static_cast<std::size_t>(Metric::person_years), 1000.0},
    {"mean_emergency_length_of_stay_days", "days",
     "mean length of the hospital stays that ended, delays included", Aggregation::ratio,
     static_cast<std::size_t>(Metric::ended_hospital_stay_days),
     static_cast<std::size_t>(Metric::hospital_stays_ended), 1.0},
    {"bed_occupancy_rate", "share",
     "occupied bed days, escalation beds included, over the hospital's own bed days "
     "(hospital_bed_capacity_days): above 1 when escalation beds carry more than the beds "
     "left free",
     Aggregation::ratio, static_cast<std::size_t>(Metric::bed_days),
     static_cast<std::size_t>(Metric::hospital_bed_capacity_days), 1.0},
    {"delayed_discharge_beds_per_day", "beds",
     "beds occupied by delayed-discharge patients on an average day", Aggregation::daily_level,
     static_cast<std::size_t>(Metric::delayed_discharge_days), 0, 1.0},
    {"care_home_admissions_residential", "people", "new residential care-home placements"},
    {"care_home_admissions_nursing", "people", "new nursing care-home placements"},
    {"care_home_refusals", "people",
     "patients needing a placement refused council funding (need below the eligibility "
     "threshold) and unable to pay"},
    {"home_care_refusals", "people",
     "requests for a home-care package refused council funding (need below the eligibility "
     "threshold)"},
    {"home_care_packages_started", "packages", "long-term home-care packages started"},
    {"frailty_progressions", "people", "steps up in frailty (fit to mild, and so on)"},
    {"condition_onsets", "people", "new diagnoses of a tracked long-term condition"},
    {"delayed_discharge_days_home_care", "bed-days",
     "delayed discharge while waiting for home-care capacity"},
    {"delayed_discharge_days_funding_decision", "bed-days",
     "delayed discharge while waiting for the local authority's funding decision"},
    {"home_care_hours", "hours", "hours of long-term home care given"},
    {"unpaid_care_hours", "hours", "hours of unpaid care given to people living at home"},
    {"unmet_need_person_days", "person-days",
     "days lived at home with moderate or high care need and no package"},
    {"home_care_community_wait_days", "person-days",
     "days people at home waited for a home-care package"},
    {"population_frail_end", "people",
     "people alive with moderate or severe frailty at the end of each year",
     Aggregation::last_year},
    {"cost_home_care", "GBP", "cost of long-term home care, whoever pays"},
    {"cost_attendance_allowance", "GBP",
     "Attendance Allowance (and PIP daily living under 65, at the same rates)"},
    {"cost_unpaid_care", "GBP", "unpaid care hours valued at replacement cost"},
    {"cost_interventions", "GBP", "running cost of interventions"},
    {"cost_nhs", "GBP", "cost borne by the NHS commissioner"},
    {"cost_local_authority", "GBP", "cost borne by local-authority adult social care"},
    {"cost_pooled_fund", "GBP", "cost borne by a pooled fund or integrated budget"},
    {"cost_dwp", "GBP", "cost borne by the DWP (Attendance Allowance)"},
    {"cost_self_funders", "GBP", "cost borne by people paying for their own care"},
    {"cost_unpaid_care_value", "GBP", "value of the care unpaid carers give"},
    {"cost_third_sector", "GBP", "cost borne by voluntary and community organisations"},
    {"cost_shunted_to_nhs", "GBP",
     "cost of NHS-funded bed days of patients delayed by social care alone "
     "(delayed_discharge_days_social_care; delays shared with the NHS are not shunted)"},
    {"entries", "people",
     "people who entered the population: births and net international migrants"},
    {"escalation_admissions", "admissions",
     "patients given an escalation bed beyond the hospital's capacity after waiting the longest "
     "allowed (hospital.escalation_beds)"},
    {"escalation_bed_days", "bed-days",
     "bed days above the hospital's capacity (escalation beds in use); included in bed_days"},
    {"overnight_stays_ended", "stays",
     "hospital stays of a day or more that ended (same-day stays left out)"},
    {"overnight_stay_days", "bed-days", "total length of the overnight stays that ended"},
    {"mean_overnight_length_of_stay_days", "days",
     "mean length of hospital stays of a day or more, delays included: the published mean "
     "length of emergency stays leaves same-day stays out",
     Aggregation::ratio, static_cast<std::size_t>(Metric::overnight_stay_days),
     static_cast<std::size_t>(Metric::overnight_stays_ended), 1.0},
    {"gp_appointments", "appointments",
     "general practice appointments given (with GPs and other practice staff)"},
    {"gp_appointments_unmet", "appointments",
     "general practice appointments asked for but not given: demand beyond practices' "
     "capacity"},
    {"gp_people_turned_away", "people",
     "people who asked for a general practice appointment in a budget cycle short of "
     "capacity and went without, admitted more often until the next cycle; counted once a "
     "cycle they are"},
    {"gp_shortfall_admissions", "admissions",
     "emergency admissions of people turned away by general practice from the raised part "
     "of their hazard: those the shortfall added (included in emergency_admissions)"},
    {"cost_gp", "GBP", "cost of general practice appointments given"},
    {"assessment_admissions", "people",
     "people who entered a P3 care-home assessment bed from hospital"},
    {"assessment_bed_days", "bed-days",
     "days of P3 care-home assessment beds in use, waits after assessment included"},
    {"delayed_discharge_days_assessment", "bed-days",
     "delayed discharge while waiting for a P3 care-home assessment bed"},
    {"assessment_bed_delay_days", "bed-days",
     "days of P3 assessment beds held by people already assessed as needing a permanent "
     "placement, waiting for the funding decision or a care-home place (not hospital delayed "
     "discharge; included in assessment_bed_days)"},
    {"cost_assessment", "GBP", "cost of P3 care-home assessment bed days"},
    {"assessment_discharges_home", "people",
     "people who left a P3 assessment bed for home rather than a permanent placement "
     "(assessed as not needing one, or refused council funding)"},
    {"assessment_stays_ended", "stays",
     "P3 assessment stays that ended (home, a care home, or death), counted when they end"},
    {"ended_assessment_stay_days", "bed-days",
     "total length of the P3 stays that ended, waits after assessment included; divided by "
     "assessment_stays_ended it is the mean P3 stay"},
    {"population_65_plus_end", "people", "people aged 65 or over alive at the end of each year",
     Aggregation::last_year},
    {"frail_people_85_plus_end", "people",
     "people aged 85 or over alive with moderate or severe frailty at the end of each year",
     Aggregation::last_year},
    {"people_65_plus_with_dementia_end", "people",
     "people aged 65 or over alive with dementia at the end of each year",
     Aggregation::last_year},
    {"people_65_plus_with_4_plus_conditions_end", "people",
     "people aged 65 or over alive with 4 or more long-term conditions at the end of each "
     "year: the four tracked ones (diabetes, COPD, heart failure, dementia) plus the count "
     "of others (conditions.other)",
     Aggregation::last_year},
    {"emergency_admissions_from_care_homes", "admissions",
     "emergency admissions of care-home residents (included in emergency_admissions)"},
    {"people_with_home_care_end", "people",
     "people alive holding a long-term home-care package (council- or self-funded) at the "
     "end of each year",
     Aggregation::last_year},
    {"end_of_life_admissions", "admissions",
     "emergency admissions at the end of life: people whose death would have come at home "
     "or in a care home, admitted to die in hospital (included in emergency_admissions)"},
    {"home_care_waits_sent_home", "people",
     "patients who waited in hospital for a home-care package as long as "
     "social_care.home_care.longest_hospital_wait_days allows and went home to wait for it "
     "there (in the community queue, with unmet need)"},
    {"life_expectancy_at_65_male", "years",
     "period life expectancy at 65 of men in the simulated population: a life table of their "
     "deaths and exact person-years at risk in the measured period, by single year of age to "
     "an open 100+ group",
     Aggregation::life_table},
    {"life_expectancy_at_65_female", "years",
     "period life expectancy at 65 of women in the simulated population, as for men",
     Aggregation::life_table},
    {"delayed_discharge_days_both", "bed-days",
     "delayed discharge the NHS and social care are jointly responsible for (the reasons "
     "discharge.delay_responsibility gives to both; none by default)"},
}};

// cost_total by service: every cost lands in exactly one of them.
inline constexpr std::array<Metric, 10> cost_components{
    Metric::cost_hospital,      Metric::cost_care_home,           Metric::cost_reablement,
    Metric::cost_rehabilitation, Metric::cost_home_care,          Metric::cost_attendance_allowance,
    Metric::cost_unpaid_care,   Metric::cost_interventions,       Metric::cost_gp,
    Metric::cost_assessment};

// cost_total by payer, in the order of models/funding/payer.hpp.
inline constexpr std::array<Metric, 7> cost_by_payer{
    Metric::cost_nhs,          Metric::cost_local_authority, Metric::cost_pooled_fund,
    Metric::cost_dwp,          Metric::cost_self_funders,    Metric::cost_unpaid_care_value,
    Metric::cost_third_sector};

[[nodiscard]] constexpr std::size_t index_of(Metric metric) noexcept {
  return static_cast<std::size_t>(metric);
}

[[nodiscard]] constexpr std::string_view aggregation_name(Aggregation aggregation) noexcept {
  switch (aggregation) {
    case Aggregation::sum: return "sum";
    case Aggregation::ratio: return "ratio";
    case Aggregation::daily_level: return "daily_level";
    case Aggregation::last_year: return "last_year";
    case Aggregation::life_table: return "life_table";
  }
  return "sum";
}

// Combines a metric over cells (areas and/or years) from the cells' values of
// every metric: value(m, cell) gives metric m in a cell; cells are visited as
// (area, year) pairs. `areas` is how many areas the cells span. A life-table
// metric cannot be combined from its cells (NaN): ReplicationResult combines
// the deaths and person-years behind them.
template <class Value>
[[nodiscard]] double aggregate(Metric metric, std::size_t areas, std::size_t years,
                               const Value& value) {
  const MetricInfo& info = metric_info[index_of(metric)];
  auto sum_of = [&](std::size_t m, bool last_year_only) {
    double total = 0.0;
    for (std::size_t a = 0; a < areas; ++a) {
      for (std::size_t y = last_year_only && years > 0 ? years - 1 : 0; y < years; ++y) {
        total += value(m, a, y);
      }
    }
    return total;
  };
  switch (info.aggregation) {
    case Aggregation::sum: return sum_of(index_of(metric), false);
    case Aggregation::last_year: return sum_of(index_of(metric), true);
    case Aggregation::ratio: {
      const double denominator = sum_of(info.denominator, false);
      return denominator > 0.0 ? sum_of(info.numerator, false) / denominator * info.scale : 0.0;
    }
    case Aggregation::daily_level: {
      const double days = sum_of(index_of(Metric::measured_days), false);
      return days > 0.0 ? sum_of(info.numerator, false) / (days / static_cast<double>(areas))
                        : 0.0;
    }
    case Aggregation::life_table: return std::numeric_limits<double>::quiet_NaN();
  }
  return 0.0;
}

}  // namespace hcsim::models
