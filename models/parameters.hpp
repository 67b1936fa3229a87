#pragma once
// The care model's parameters. Defaults live in models/defaults/england.yaml
// (embedded in the binary, each number with its source); a scenario and each
// area may override any of them with the same keys.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "models/age_schedule.hpp"
#include "models/capacity_scaling.hpp"
#include "models/delay_responsibility.hpp"
#include "models/funding/funding_parameters.hpp"
#include "models/pathway.hpp"
#include "models/person_traits.hpp"
#include "models/yaml_reader.hpp"
#include "sim/distribution.hpp"

namespace hcsim::models {

// People entering an area's population while it runs: births at age 0 and
// net international migration by age at entry, both as rates per 1,000
// residents of all ages a year, so entries follow the population's size.
struct EntryParameters {
  bool enabled = true;
  double births_per_1000 = 0.0;
  AgeSchedule net_migration_per_1000;  // by age at entry; the bands' sum is the total
};

struct PopulationParameters {
  // false: everyone keeps the age they joined the population at (time 0,
  // or their entry), so nobody moves between age bands and every hazard is
  // read at that age (a switch for textbook cases).
  bool ageing_enabled = true;
  std::vector<double> age_band_lower_bounds;
  double oldest_age = 100.0;
  std::vector<double> age_counts;     // full-scale people per band
  std::vector<double> female_share;   // per band
  EntryParameters entries;
};

// Many people whose death comes at home or in a care home are admitted as an
// emergency first and die in hospital. When the hazard brings a person's
// death in one of those places, with the setting's probability they are
// admitted instead (an emergency admission like any other: a bed, or a wait
// for one) and die in hospital after `stay` days with no discharge.
struct EndOfLifeAdmissionParameters {
  bool enabled = false;
  double community_probability = 0.0;  // of deaths at home (with or without a package)
  double care_home_probability = 0.0;  // of care-home residents' deaths
  sim::Distribution stay = sim::Distribution::fixed(1.0);  // days, admission to death
};

struct MortalityParameters {
  // Switches, so the model reduces to textbook queues for validation:
  // `enabled` false means nobody dies; `outside_care_homes_enabled` false
  // means only care-home residents die.
  bool enabled = true;
  bool outside_care_homes_enabled = true;
  // Outside care homes, the Gompertz hazard is scaled by the person's
  // frailty and long-term conditions over their mean at that age (see
  // models/relative_mortality.hpp); false: one Gompertz hazard for everyone
  // of an age and sex, as the life-table validation needs.
  bool by_frailty_and_conditions = true;
  double gompertz_slope = 0.1;  // per year
  double modal_age_male = 85.0;
  double modal_age_female = 89.0;
  double care_home_multiplier = 1.0;
  // Mortality falls by this share a year from time 0, at every age and in
  // every setting (models/mortality.hpp, MortalityImprovement).
  double improvement_per_year = 0.0;
  // When > 0, care-home residents die at this constant hazard (per year)
  // instead of Gompertz x care_home_multiplier: an exponential stay.
  double care_home_constant_rate_per_year = 0.0;
  EndOfLifeAdmissionParameters end_of_life_admission;
};

struct EmergencyAdmissionParameters {
  // Switches, so the model reduces to textbook cases: `enabled` false means
  // nobody is admitted as an emergency, not even to die (end-of-life
  // admissions are emergency admissions); `readmissions_enabled` false
  // leaves the hazard unraised after a discharge.
  bool enabled = true;
  bool readmissions_enabled = true;
  AgeSchedule rate_per_person_year;
  double care_home_rate_per_person_year = 0.0;
  // The admission hazard is this many times higher for the first
  // readmission_window_days after a discharge from hospital (1: no change).
  double readmission_hazard_ratio = 1.0;
  double readmission_window_days = 30.0;

  // The ratio in force after a discharge: 1 with readmissions switched off.
  [[nodiscard]] double readmission_ratio() const noexcept {
    return readmissions_enabled ? readmission_hazard_ratio : 1.0;
  }
};

// How a person's age and frailty stretch or shorten an overnight stay: the
// drawn stay is multiplied by the age band's and the frailty level's
// multipliers over their mean across the admissions of the starting
// population, so the calibrated mean stay holds at the start (see
// models/stay_length.hpp).
struct StayLengthParameters {
  bool enabled = true;
  AgeSchedule age_multiplier;
  std::array<double, frailty_levels> frailty_multiplier{1.0, 1.0, 1.0, 1.0};
};

struct HospitalParameters {
  double beds_per_1000 = 0.0;
  bool beds_weighted_by_need = true;  // see models/capacity.hpp
  double same_day_share = 0.0;
  // Days a same-day stay holds a bed: a number (fixed) or any family.
  sim::Distribution same_day_stay_days = sim::Distribution::fixed(0.25);
  sim::Distribution overnight_length_of_stay = sim::Distribution::fixed(1.0);
  StayLengthParameters stay_length_by_person;
  // When every bed is taken, a patient waits at most this long before the
  // hospital opens an escalation bed (over its capacity) for them; off, they
  // wait for a bed however long it takes (a pure queue).
  bool escalation_enabled = false;
  double escalation_after_wait_days = 0.5;
};

// A capacity-limited service between hospital and home (P1 reablement at
// home, P2 bedded rehabilitation). A patient who needs it and finds no
// capacity waits in the hospital bed: delayed discharge.
struct DischargeServiceParameters {
  // false: the service does not exist (no capacity, no cost), and a
  // discharge that would have needed it goes home without it (P1, P2) or
  // waits for its placement in hospital (P3, off unless switched on).
  bool enabled = true;
  AgeSchedule probability;          // of a discharge (not to a care home) needing it
  double capacity_per_1000 = 0.0;   // slots or beds per 1,000 residents
  sim::Distribution length_of_service = sim::Distribution::fixed(1.0);
  double cost_per_day = 0.0;        // pounds
  // Its utilisation at full scale, for keeping its queue at reduced scale
  // (capacity_scaling.hpp); 1 scales its capacity with the population.
  double reference_utilisation = 1.0;
};

// P3 discharge to assess: a discharge that needs a care-home placement may
// go first to an assessment bed, where the long-term decision is made. The
// service's `probability` is the share of those discharges it takes (by age);
// at the end of the stay `permanent_placement_share` of them need a
// permanent place (sought while they hold the bed) and the rest go home.
// Switched off (enabled false, or no capacity), discharges needing a
// placement wait in hospital for it as they did before P3 existed.
struct AssessmentParameters {
  DischargeServiceParameters service = [] {  // off unless a scenario switches it on
    DischargeServiceParameters off;
    off.enabled = false;
    return off;
  }();
  double permanent_placement_share = 1.0;

  // Whether any discharge can use the service (given an area's capacity).
  [[nodiscard]] bool in_use() const noexcept {
    return service.enabled && service.capacity_per_1000 > 0.0 &&
           std::any_of(service.probability.values.begin(), service.probability.values.end(),
                       [](double p) { return p > 0.0; });
  }
};

struct DischargeParameters {
  AgeSchedule care_home_probability;
  DischargeServiceParameters reablement;       // P1
  DischargeServiceParameters rehabilitation;   // P2
  AssessmentParameters assessment;             // P3
  // Whose each delayed discharge is, by what the patient waits for.
  DelayResponsibility delay_responsibility;
};

struct CareHomeParameters {
  // false: nobody enters a care home during the run; a discharge that needs
  // a placement goes home instead (asking for home care as a refused
  // placement does). Residents at the start stay.
  bool admissions_enabled = true;
  AgeSchedule initial_resident_share;
  double initial_occupancy = 0.85;
};

struct CostParameters {
  double hospital_bed_day = 0.0;  // pounds
  double care_home_week = 0.0;    // pounds, council-paid residential care
  double nursing_home_week = 0.0; // pounds, council-paid nursing care
  double self_funder_premium = 0.0;  // share self-funders pay above the council rate
  double home_care_hour = 0.0;    // pounds
  double unpaid_care_hour = 0.0;  // pounds, replacement value
};

// Where the rates of the frailty steps come from (frailty_progression.hpp).
enum class FrailtyProgressionModel : std::uint8_t {
  stationary,       // implied by the starting prevalence by age
  published_onset,  // onset_rate x step_rate_multiplier
};

// Frailty (eFI categories) at the start and its progression, and how it
// scales the hazards of emergency admission and death.
struct FrailtyParameters {
  bool enabled = true;
  FrailtyProgressionModel progression = FrailtyProgressionModel::stationary;
  AgeSchedule initial_frail_share;   // share with any frailty (mild or worse)
  std::array<double, 3> split_of_frail{1.0, 0.0, 0.0};  // mild, moderate, severe
  AgeSchedule onset_rate;            // fit -> mild, per person-year
  std::array<double, 3> step_rate_multiplier{1.0, 1.0, 1.0};  // of onset_rate, per step
  std::array<double, frailty_levels> admission_hazard_ratio{1.0, 1.0, 1.0, 1.0};
  std::array<double, frailty_levels> mortality_hazard_ratio{1.0, 1.0, 1.0, 1.0};
};

struct ConditionParameters {
  AgeSchedule prevalence;   // at the start
  AgeSchedule onset_rate;   // per person-year without the condition
  double admission_hazard_ratio = 1.0;
  double mortality_hazard_ratio = 1.0;
};

// Where the onset rates of the tracked conditions come from
// (condition_onset.hpp).
enum class ConditionOnsetModel : std::uint8_t {
  stationary,  // implied by the starting prevalence by age
  published,   // onset_rate_per_person_year of each condition
};

// Long-term conditions beyond the tracked ones, only counted
// (other_conditions.hpp).
struct OtherConditionsParameters {
  bool enabled = true;
  AgeSchedule mean_count;  // mean number a person has, by age
};

struct ConditionsParameters {
  bool enabled = true;
  ConditionOnsetModel onset = ConditionOnsetModel::stationary;
  std::array<ConditionParameters, tracked_conditions> tracked;
  OtherConditionsParameters other;
};

// Social care: the means test's capital bands, unpaid care, long-term home
// care and the split of care homes into residential and nursing.
struct SocialCareParameters {
  AgeSchedule capital_between_share;      // capital between the means-test limits
  AgeSchedule capital_above_upper_share;  // capital above the upper limit (self-funders)
  // false: nobody has an unpaid carer, so no unpaid care is given.
  bool unpaid_care_enabled = true;
  std::array<double, care_need_levels> carer_probability{};  // has an unpaid carer, by need
  std::array<double, care_need_levels> carer_hours_per_week{};
  // Long-term home care. false: no packages, none held at the start and
  // none asked for (so none waited for); people whose need calls for one
  // go without, with unmet need.
  bool home_care_enabled = true;
  // Hours a week a package gives, by need (0 = none).
  std::array<double, care_need_levels> home_care_hours_per_week{};
  double initial_home_care_share = 0.0;  // of people at home with need >= moderate
  double new_package_share = 0.0;  // of those whose need newly calls for one, who ask
  double home_care_initial_utilisation = 0.95;  // capacity = initial hours / this
  // Utilisation of home-care hours at full scale (capacity_scaling.hpp).
  double home_care_reference_utilisation = 1.0;
  double unmet_need_admission_hazard_ratio = 1.0;
  // A patient fit to leave who has waited this long in hospital (days, all
  // reasons) and still waits for a package goes home and waits there, in
  // the community queue; 0: no limit, they wait in hospital however long.
  double longest_hospital_wait_days = 0.0;
  // Days a council-funded discharge home with a package or to a care home
  // waits in hospital for the council's assessment and funding decision at
  // baseline: a number (the same wait for everyone) or a distribution of
  // each person's wait. Its mean is the baseline of the approval-delay
  // lever, and the split regime's rationing adds days to every wait.
  sim::Distribution assessment_days = sim::Distribution::fixed(0.0);
  double nursing_share_of_initial_residents = 0.5;
  // Attendance Allowance: pounds a week (lower, higher rate) and take-up.
  double attendance_allowance_lower_week = 0.0;
  double attendance_allowance_higher_week = 0.0;
  double attendance_allowance_take_up = 0.0;
};

// General practice appointments, balanced in aggregate once a budget cycle
// (models/gp_access.hpp): demand by age from the people living in the
// community, capacity per 1,000 residents, and how a shortfall raises
// emergency admissions.
struct GpParameters {
  bool enabled = true;
  AgeSchedule appointments_per_person_year;  // asked for, by age
  double capacity_per_1000_per_week = 0.0;   // appointments practices can give
  bool capacity_weighted_by_need = true;     // see full_scale_gp_appointments_per_week
  double capacity_growth_per_year = 0.0;     // share a year, compounding from day 0
  // Admission hazard of a practice population when none of its demand is
  // met; a share u unmet gives 1 + u x (ratio - 1), put on the people who
  // went without (models/gp_shortfall.hpp).
  double unmet_admission_hazard_ratio = 1.0;
  double cost_per_appointment = 0.0;  // pounds, paid by the NHS
};

// How capacities follow population_scale (capacity_scaling.hpp). Hospital
// beds and GP appointments always scale with the population.
struct ScalingParameters {
  CapacityScaling capacity = CapacityScaling::proportional;
};

struct Parameters {
  PopulationParameters population;
  MortalityParameters mortality;
  EmergencyAdmissionParameters emergency_admission;
  HospitalParameters hospital;
  DischargeParameters discharge;
  CareHomeParameters care_home;
  CostParameters costs;
  PathwayParameters pathway;
  FrailtyParameters frailty;
  ConditionsParameters conditions;
  SocialCareParameters social_care;
  FundingParameters funding;
  GpParameters gp;
  ScalingParameters scaling;
};

// The embedded defaults as text (models/defaults/england.yaml).
[[nodiscard]] std::string_view default_parameters_text();
inline constexpr const char* default_parameters_name = "<embedded models/defaults/england.yaml>";

// Applies the keys present under `reader` onto `parameters`, then checks the
// result as a whole (band lists ascending, list lengths matching). Problems go
// to the reader's diagnostics.
void apply_parameters(MapReader& reader, Parameters& parameters);

// The embedded defaults, parsed and checked.
[[nodiscard]] Parameters default_parameters();

}  // namespace hcsim::models
