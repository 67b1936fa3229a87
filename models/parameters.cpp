#include "models/parameters.hpp"

#include "models/distribution_reader.hpp"
#include "models/input_error.hpp"
#include "models/mortality.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

extern const std::string_view hcsim_default_parameters_yaml;

namespace hcsim::models {
namespace {

void check_bounds(MapReader& reader, const std::string& key, const std::vector<double>& bounds) {
  if (bounds.empty()) return;
  if (bounds.front() != 0.0) reader.error(key, "the first age band must start at 0");
  for (std::size_t i = 1; i < bounds.size(); ++i) {
    if (!(bounds[i] > bounds[i - 1])) {
      reader.error(key, "age band lower bounds must be strictly ascending (band " +
                            std::to_string(i) + " does not start after band " +
                            std::to_string(i - 1) + ")");
      return;
    }
  }
}

void check_lengths(MapReader& reader, const std::string& key, std::size_t got,
                   const std::string& bounds_key, std::size_t expected) {
  if (got != expected) {
    reader.error(key, "expected one value per age band of " + bounds_key + " (" +
                          std::to_string(expected) + "), got " + std::to_string(got));
  }
}

void read_schedule(MapReader& reader, const std::string& bounds_key,
                   const std::string& values_key, AgeSchedule& schedule, const Limits& limits) {
  reader.numbers(bounds_key, schedule.lower_bounds, Limits::between(0.0, 130.0, "years"));
  reader.numbers(values_key, schedule.values, limits);
  check_bounds(reader, bounds_key, schedule.lower_bounds);
  check_lengths(reader, values_key, schedule.values.size(), bounds_key,
                schedule.lower_bounds.size());
  schedule.index_years();
}

// The keys every discharge service has, read from its own map (the caller
// reads any others and finishes it).
void read_discharge_service_keys(MapReader& reader, const char* unit,
                                 DischargeServiceParameters& service) {
  read_schedule(reader, "age_band_lower_bounds", "probability", service.probability,
                Limits::probability());
  const std::string capacity_unit = std::string(unit) + " per 1,000 residents";
  reader.number("capacity_per_1000", service.capacity_per_1000,
                Limits::between(0.0, 1000.0, capacity_unit.c_str()));
  read_distribution(reader, "length_of_service", service.length_of_service);
  reader.number("cost_per_day", service.cost_per_day, Limits::between(0.0, 1e6, "pounds per day"));
  reader.number("reference_utilisation", service.reference_utilisation,
                {0.0, 1.0, true, "share of capacity in use at full scale"});
}

// P1 or P2, each with its own switch.
void read_discharge_service(MapReader& parent, const std::string& key, const char* unit,
                            DischargeServiceParameters& service) {
  MapReader reader = parent.map(key);
  reader.flag("enabled", service.enabled);
  read_discharge_service_keys(reader, unit, service);
  reader.finish();
}

void read_assessment(MapReader& parent, AssessmentParameters& assessment) {
  MapReader reader = parent.map("assessment");
  reader.flag("enabled", assessment.service.enabled);
  read_discharge_service_keys(reader, "beds", assessment.service);
  reader.number("permanent_placement_share", assessment.permanent_placement_share,
                Limits::probability());
  reader.finish();
}

// Reasons map to parties; every reason and party is named, so a misspelt
// one is refused with the names that are allowed.
void read_delay_responsibility(MapReader& parent, DelayResponsibility& responsibility) {
  if (parent.has("delay_responsibility") && !parent.is_mapping("delay_responsibility")) {
    parent.error("delay_responsibility", "expected a mapping of delay reasons to nhs, "
                                         "social_care or both");
  }
  MapReader reader = parent.map("delay_responsibility");
  std::vector<std::string> reasons;
  std::string reason_list;
  for (std::size_t r = 1; r < awaited_service_count; ++r) {
    reasons.emplace_back(awaited_service_names[r]);
    reason_list += (r > 1 ? ", " : "") + reasons.back();
  }
  for (const std::string& key : reader.keys()) {
    if (std::find(reasons.begin(), reasons.end(), key) != reasons.end()) continue;
    std::string message = "unknown delay reason '" + key + "': expected one of " + reason_list;
    const std::string suggestion = closest_match(key, reasons);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    reader.error(key, message);
    reader.accept(key);
  }
  for (std::size_t r = 1; r < awaited_service_count; ++r) {
    const std::string& key = reasons[r - 1];
    std::string name(responsible_party_names[static_cast<std::size_t>(responsibility.party[r])]);
    reader.text(key, name);
    if (const auto party = parse_responsible_party(name)) {
      responsibility.party[r] = *party;
    } else {
      reader.error(key, "expected nhs, social_care or both (the party the delay is attributed "
                        "to), got '" + name + "'");
    }
  }
  reader.finish();
}

template <std::size_t N>
void read_array(MapReader& reader, const std::string& key, std::array<double, N>& target,
                const Limits& limits) {
  if (!reader.has(key)) {
    reader.accept(key);
    return;
  }
  std::vector<double> values(target.begin(), target.end());
  reader.numbers(key, values, limits);
  if (values.size() != N) {
    reader.error(key, "expected " + std::to_string(N) + " values, got " +
                          std::to_string(values.size()));
    return;
  }
  std::copy(values.begin(), values.end(), target.begin());
}

void read_entries(MapReader& reader, EntryParameters& entries) {
  reader.flag("enabled", entries.enabled);
  // Upper limits catch a count given for a rate: no country has more than
  // about 50 births per 1,000 residents a year.
  reader.number("births_per_1000", entries.births_per_1000,
                Limits::between(0.0, 100.0, "births per 1,000 residents a year"));
  MapReader migration = reader.map("net_migration");
  read_schedule(migration, "age_band_lower_bounds", "per_1000", entries.net_migration_per_1000,
                Limits::between(0.0, 100.0, "net migrants per 1,000 residents a year"));
  migration.finish();
  reader.finish();
}

void read_stay_length(MapReader& reader, StayLengthParameters& stay) {
  reader.flag("enabled", stay.enabled);
  read_schedule(reader, "age_band_lower_bounds", "age_multiplier", stay.age_multiplier,
                Limits::between(0.01, 100.0, "multiplier of the stay"));
  read_array(reader, "frailty_multiplier", stay.frailty_multiplier,
             Limits::between(0.01, 100.0, "multiplier of the stay"));
  reader.finish();
}

void read_frailty(MapReader& reader, FrailtyParameters& frailty) {
  reader.flag("enabled", frailty.enabled);
  std::string progression =
      frailty.progression == FrailtyProgressionModel::stationary ? "stationary" : "published_onset";
  reader.text("progression", progression);
  if (progression == "stationary") {
    frailty.progression = FrailtyProgressionModel::stationary;
  } else if (progression == "published_onset") {
    frailty.progression = FrailtyProgressionModel::published_onset;
  } else {
    reader.error("progression", "expected stationary (rates implied by the starting prevalence "
                                "by age) or published_onset (onset_rate_per_person_year x "
                                "step_rate_multiplier), got '" + progression + "'");
  }
  read_schedule(reader, "age_band_lower_bounds", "initial_frail_share",
                frailty.initial_frail_share, Limits::probability());
  {
    // The onset schedule shares the bands of the initial shares.
    reader.numbers("onset_rate_per_person_year", frailty.onset_rate.values,
                   Limits::between(0.0, 100.0, "transitions per person-year"));
    frailty.onset_rate.lower_bounds = frailty.initial_frail_share.lower_bounds;
    check_lengths(reader, "onset_rate_per_person_year", frailty.onset_rate.values.size(),
                  "age_band_lower_bounds", frailty.onset_rate.lower_bounds.size());
    frailty.onset_rate.index_years();
  }
  read_array(reader, "split_of_frail", frailty.split_of_frail, Limits::probability());
  const double split = frailty.split_of_frail[0] + frailty.split_of_frail[1] +
                       frailty.split_of_frail[2];
  if (std::abs(split - 1.0) > 1e-6) {
    reader.error("split_of_frail", "the mild, moderate and severe shares must sum to 1 (they "
                                   "sum to " + format_number(split) + ")");
  }
  read_array(reader, "step_rate_multiplier", frailty.step_rate_multiplier,
             Limits::between(0.0, 100.0, "ratio"));
  read_array(reader, "admission_hazard_ratio", frailty.admission_hazard_ratio,
             Limits::between(0.01, 100.0, "hazard ratio"));
  read_array(reader, "mortality_hazard_ratio", frailty.mortality_hazard_ratio,
             Limits::between(0.01, 100.0, "hazard ratio"));
  reader.finish();
}

void read_other_conditions(MapReader& reader, OtherConditionsParameters& other) {
  reader.flag("enabled", other.enabled);
  read_schedule(reader, "age_band_lower_bounds", "mean_count", other.mean_count,
                Limits::between(0.0, 15.0, "conditions per person"));
  // A person's record keeps the band its count is up to date with in a byte.
  if (other.mean_count.lower_bounds.size() > 255) {
    reader.error("age_band_lower_bounds", "at most 255 age bands (got " +
                                              std::to_string(other.mean_count.lower_bounds.size()) +
                                              ")");
  }
  reader.finish();
}

void read_conditions(MapReader& reader, ConditionsParameters& conditions) {
  reader.flag("enabled", conditions.enabled);
  std::string onset = conditions.onset == ConditionOnsetModel::stationary ? "stationary" : "published";
  reader.text("onset", onset);
  if (onset == "stationary") {
    conditions.onset = ConditionOnsetModel::stationary;
  } else if (onset == "published") {
    conditions.onset = ConditionOnsetModel::published;
  } else {
    reader.error("onset", "expected stationary (rates implied by the starting prevalence by age) "
                          "or published (each condition's onset_rate_per_person_year), got '" +
                              onset + "'");
  }
  std::vector<double> bounds;
  const bool shared_bounds = reader.has("age_band_lower_bounds");
  if (shared_bounds) {
    reader.numbers("age_band_lower_bounds", bounds, Limits::between(0.0, 130.0, "years"));
    check_bounds(reader, "age_band_lower_bounds", bounds);
  } else {
    reader.accept("age_band_lower_bounds");
  }
  for (std::size_t c = 0; c < tracked_conditions; ++c) {
    const std::string name(condition_names[c]);
    MapReader condition = reader.map(name);
    ConditionParameters& target = conditions.tracked[c];
    if (shared_bounds) {
      target.prevalence.lower_bounds = bounds;
      target.onset_rate.lower_bounds = bounds;
    }
    condition.numbers("prevalence", target.prevalence.values, Limits::probability());
    condition.numbers("onset_rate_per_person_year", target.onset_rate.values,
                      Limits::between(0.0, 100.0, "onsets per person-year"));
    condition.number("admission_hazard_ratio", target.admission_hazard_ratio,
                     Limits::between(0.01, 100.0, "hazard ratio"));
    condition.number("mortality_hazard_ratio", target.mortality_hazard_ratio,
                     Limits::between(0.01, 100.0, "hazard ratio"));
    if (condition.has("prevalence") || shared_bounds) {
      check_lengths(condition, "prevalence", target.prevalence.values.size(),
                    "conditions.age_band_lower_bounds", target.prevalence.lower_bounds.size());
      check_lengths(condition, "onset_rate_per_person_year", target.onset_rate.values.size(),
                    "conditions.age_band_lower_bounds", target.onset_rate.lower_bounds.size());
    }
    target.prevalence.index_years();
    target.onset_rate.index_years();
    condition.finish();
  }
  {
    MapReader other = reader.map("other");
    read_other_conditions(other, conditions.other);
  }
  reader.finish();
}

void read_social_care(MapReader& reader, SocialCareParameters& care) {
  {
    MapReader capital = reader.map("capital");
    AgeSchedule between = care.capital_between_share;
    read_schedule(capital, "age_band_lower_bounds", "between_share", between,
                  Limits::probability());
    care.capital_between_share = between;
    care.capital_above_upper_share.lower_bounds = between.lower_bounds;
    capital.numbers("above_upper_share", care.capital_above_upper_share.values,
                    Limits::probability());
    check_lengths(capital, "above_upper_share", care.capital_above_upper_share.values.size(),
                  "age_band_lower_bounds", between.lower_bounds.size());
    for (std::size_t band = 0; band < between.values.size() &&
                               band < care.capital_above_upper_share.values.size();
         ++band) {
      if (between.values[band] + care.capital_above_upper_share.values[band] > 1.0 + 1e-9) {
        capital.error("above_upper_share", "between_share + above_upper_share exceeds 1 in age "
                                           "band " + std::to_string(band));
        break;
      }
    }
    capital.finish();
  }
  {
    MapReader unpaid = reader.map("unpaid_care");
    unpaid.flag("enabled", care.unpaid_care_enabled);
    read_array(unpaid, "carer_probability_by_need", care.carer_probability, Limits::probability());
    read_array(unpaid, "hours_per_week_by_need", care.carer_hours_per_week,
               Limits::between(0.0, 168.0, "hours a week"));
    unpaid.finish();
  }
  {
    MapReader home_care = reader.map("home_care");
    home_care.flag("enabled", care.home_care_enabled);
    read_array(home_care, "hours_per_week_by_need", care.home_care_hours_per_week,
               Limits::between(0.0, 168.0, "hours a week"));
    home_care.number("initial_share_receiving", care.initial_home_care_share,
                     Limits::probability());
    home_care.number("new_package_share", care.new_package_share, Limits::probability());
    home_care.number("initial_utilisation", care.home_care_initial_utilisation,
                     {0.0, 1.0, true, "share of capacity in use"});
    home_care.number("reference_utilisation", care.home_care_reference_utilisation,
                     {0.0, 1.0, true, "share of capacity in use at full scale"});
    home_care.number("unmet_need_admission_hazard_ratio", care.unmet_need_admission_hazard_ratio,
                     Limits::between(0.01, 100.0, "hazard ratio"));
    home_care.number("longest_hospital_wait_days", care.longest_hospital_wait_days,
                     Limits::between(0.0, 3650.0, "days (0: no limit)"));
    home_care.finish();
  }
  read_distribution(reader, "assessment_days", care.assessment_days,
                    Limits::between(0.0, 365.0, "days"));
  {
    MapReader homes = reader.map("care_homes");
    homes.number("nursing_share_of_initial_residents", care.nursing_share_of_initial_residents,
                 Limits::probability());
    homes.finish();
  }
  {
    MapReader allowance = reader.map("attendance_allowance");
    allowance.number("lower_rate_week", care.attendance_allowance_lower_week,
                     Limits::between(0.0, 1e4, "pounds a week"));
    allowance.number("higher_rate_week", care.attendance_allowance_higher_week,
                     Limits::between(0.0, 1e4, "pounds a week"));
    allowance.number("take_up", care.attendance_allowance_take_up, Limits::probability());
    allowance.finish();
  }
  reader.finish();
}

void read_gp(MapReader& reader, GpParameters& gp) {
  reader.flag("enabled", gp.enabled);
  // Upper limits catch a yearly figure given for a weekly one, or a count
  // per person given per 1,000.
  read_schedule(reader, "age_band_lower_bounds", "appointments_per_person_year",
                gp.appointments_per_person_year,
                Limits::between(0.0, 365.0, "appointments per person-year"));
  reader.number("capacity_per_1000_per_week", gp.capacity_per_1000_per_week,
                Limits::between(0.0, 7000.0, "appointments a week per 1,000 residents"));
  reader.flag("capacity_weighted_by_need", gp.capacity_weighted_by_need);
  reader.number("capacity_growth_per_year", gp.capacity_growth_per_year,
                Limits::between(-0.5, 1.0, "share a year"));
  // Below 1 would make going without an appointment protective.
  reader.number("unmet_admission_hazard_ratio", gp.unmet_admission_hazard_ratio,
                Limits::between(1.0, 100.0, "hazard ratio"));
  reader.number("cost_per_appointment", gp.cost_per_appointment,
                Limits::between(0.0, 1e4, "pounds per appointment"));
  reader.finish();
}

}  // namespace

std::string_view default_parameters_text() { return hcsim_default_parameters_yaml; }

void apply_parameters(MapReader& reader, Parameters& p) {
  {
    MapReader population = reader.map("population");
    population.flag("ageing_enabled", p.population.ageing_enabled);
    population.numbers("age_band_lower_bounds", p.population.age_band_lower_bounds,
                       Limits::between(0.0, 130.0, "years"));
    population.number("oldest_age", p.population.oldest_age, Limits::between(1.0, 130.0, "years"));
    population.numbers("age_counts", p.population.age_counts, Limits::non_negative("people"));
    population.numbers("female_share", p.population.female_share, Limits::probability());
    const auto& bounds = p.population.age_band_lower_bounds;
    check_bounds(population, "age_band_lower_bounds", bounds);
    check_lengths(population, "age_counts", p.population.age_counts.size(),
                  "age_band_lower_bounds", bounds.size());
    check_lengths(population, "female_share", p.population.female_share.size(),
                  "age_band_lower_bounds", bounds.size());
    // Counts give the age mix (and, without an area's population, its size):
    // all zero leaves nobody to simulate and no mix to draw ages from.
    const auto& counts = p.population.age_counts;
    if (!counts.empty() && std::all_of(counts.begin(), counts.end(),
                                       [](double count) { return count == 0.0; })) {
      population.error("age_counts", "every age count is 0; expected the number of people in "
                                     "each age band, with people in at least one band");
    }
    if (!bounds.empty() && !(p.population.oldest_age > bounds.back())) {
      population.error("oldest_age", "must be above the last age band's lower bound");
    }
    {
      MapReader entries = population.map("entries");
      read_entries(entries, p.population.entries);
      const auto& migration = p.population.entries.net_migration_per_1000.lower_bounds;
      if (!migration.empty() && !(p.population.oldest_age > migration.back())) {
        entries.error("net_migration.age_band_lower_bounds",
                      "the last band must start below population.oldest_age (" +
                          format_number(p.population.oldest_age) + ")");
      }
    }
    population.finish();
  }
  {
    MapReader mortality = reader.map("mortality");
    mortality.flag("enabled", p.mortality.enabled);
    mortality.flag("outside_care_homes_enabled", p.mortality.outside_care_homes_enabled);
    mortality.flag("by_frailty_and_conditions", p.mortality.by_frailty_and_conditions);
    mortality.number("gompertz_slope", p.mortality.gompertz_slope,
                     Limits::between(0.01, 0.5, "per year"));
    mortality.number("modal_age_male", p.mortality.modal_age_male,
                     Limits::between(40.0, 120.0, "years"));
    mortality.number("modal_age_female", p.mortality.modal_age_female,
                     Limits::between(40.0, 120.0, "years"));
    mortality.number("care_home_multiplier", p.mortality.care_home_multiplier,
                     Limits::positive("hazard ratio"));
    // Above a tenth a year would halve mortality in seven years, far beyond
    // any projection; the share is per year, not per cent.
    mortality.number("improvement_per_year", p.mortality.improvement_per_year,
                     Limits::between(0.0, 0.1, "share of mortality a year"));
    if (p.mortality.improvement_per_year > 0.0 &&
        MortalityImprovement{p.mortality.improvement_per_year}.log_rate() >=
            p.mortality.gompertz_slope) {
      mortality.error("improvement_per_year",
                      "mortality must still rise with age along a life: -log(1 - improvement) "
                      "must be below gompertz_slope (" +
                          format_number(p.mortality.gompertz_slope) + ")");
    }
    // 0 switches the constant hazard off; the upper limit (a mean stay of a
    // day) catches a rate given per day instead of per year.
    mortality.number("care_home_constant_rate_per_year",
                     p.mortality.care_home_constant_rate_per_year,
                     Limits::between(0.0, 365.25, "deaths per resident-year"));
    {
      MapReader end_of_life = mortality.map("end_of_life_admission");
      auto& target = p.mortality.end_of_life_admission;
      end_of_life.flag("enabled", target.enabled);
      end_of_life.number("community_probability", target.community_probability,
                         Limits::probability());
      end_of_life.number("care_home_probability", target.care_home_probability,
                         Limits::probability());
      read_distribution(end_of_life, "stay", target.stay);
      end_of_life.finish();
    }
    mortality.finish();
  }
  {
    MapReader admission = reader.map("emergency_admission");
    admission.flag("enabled", p.emergency_admission.enabled);
    admission.flag("readmissions_enabled", p.emergency_admission.readmissions_enabled);
    read_schedule(admission, "age_band_lower_bounds", "rate_per_person_year",
                  p.emergency_admission.rate_per_person_year,
                  Limits::between(0.0, 365.0, "admissions per person-year"));
    admission.number("care_home_rate_per_person_year",
                     p.emergency_admission.care_home_rate_per_person_year,
                     Limits::between(0.0, 365.0, "admissions per person-year"));
    admission.number("readmission_hazard_ratio", p.emergency_admission.readmission_hazard_ratio,
                     Limits::between(0.01, 1000.0, "hazard ratio"));
    admission.number("readmission_window_days", p.emergency_admission.readmission_window_days,
                     Limits::between(0.0, 365.0, "days"));
    admission.finish();
  }
  {
    MapReader hospital = reader.map("hospital");
    hospital.number("beds_per_1000", p.hospital.beds_per_1000,
                    Limits::between(0.0, 1000.0, "beds per 1,000 people"));
    hospital.flag("beds_weighted_by_need", p.hospital.beds_weighted_by_need);
    hospital.number("same_day_share", p.hospital.same_day_share, Limits::probability());
    read_distribution(hospital, "same_day_stay_days", p.hospital.same_day_stay_days,
                      Limits::between(0.0, 1.0, "days"));
    read_distribution(hospital, "overnight_length_of_stay", p.hospital.overnight_length_of_stay);
    {
      MapReader stay = hospital.map("stay_length_by_person");
      read_stay_length(stay, p.hospital.stay_length_by_person);
    }
    {
      MapReader escalation = hospital.map("escalation_beds");
      escalation.flag("enabled", p.hospital.escalation_enabled);
      escalation.number("after_wait_days", p.hospital.escalation_after_wait_days,
                        Limits::between(0.0, 365.0, "days"));
      escalation.finish();
    }
    hospital.finish();
  }
  {
    MapReader discharge = reader.map("discharge");
    read_schedule(discharge, "care_home_age_band_lower_bounds", "care_home_probability",
                  p.discharge.care_home_probability, Limits::probability());
    read_discharge_service(discharge, "reablement", "slots", p.discharge.reablement);
    read_discharge_service(discharge, "rehabilitation", "beds", p.discharge.rehabilitation);
    read_assessment(discharge, p.discharge.assessment);
    read_delay_responsibility(discharge, p.discharge.delay_responsibility);
    // A discharge needs at most one service: the probabilities may not add
    // up to more than 1 at any age.
    for (double age = 0.0; age <= 120.0; age += 0.5) {
      const double total = p.discharge.reablement.probability.at(age) +
                           p.discharge.rehabilitation.probability.at(age);
      if (total > 1.0 + 1e-12) {
        discharge.error("", "reablement.probability + rehabilitation.probability is " +
                                format_number(total) + " at age " + format_number(age) +
                                "; together they may not exceed 1");
        break;
      }
    }
    discharge.finish();
  }
  {
    MapReader care_home = reader.map("care_home");
    care_home.flag("admissions_enabled", p.care_home.admissions_enabled);
    read_schedule(care_home, "initial_resident_age_band_lower_bounds", "initial_resident_share",
                  p.care_home.initial_resident_share, Limits::probability());
    care_home.number("initial_occupancy", p.care_home.initial_occupancy,
                     {0.0, 1.0, true, "share of places filled"});
    care_home.finish();
  }
  {
    MapReader pathway = reader.map("pathway");
    read_pathway(pathway, p.pathway);
    pathway.finish();
  }
  {
    MapReader costs = reader.map("costs");
    // Upper limits catch unit slips (pence for pounds) and keep totals finite.
    costs.number("hospital_bed_day", p.costs.hospital_bed_day,
                 Limits::between(0.0, 1e6, "pounds per bed day"));
    costs.number("care_home_week", p.costs.care_home_week,
                 Limits::between(0.0, 1e6, "pounds per resident week"));
    costs.number("nursing_home_week", p.costs.nursing_home_week,
                 Limits::between(0.0, 1e6, "pounds per resident week"));
    costs.number("self_funder_premium", p.costs.self_funder_premium,
                 Limits::between(0.0, 10.0, "share above the council rate"));
    costs.number("home_care_hour", p.costs.home_care_hour,
                 Limits::between(0.0, 1e4, "pounds per hour"));
    costs.number("unpaid_care_hour", p.costs.unpaid_care_hour,
                 Limits::between(0.0, 1e4, "pounds per hour"));
    costs.finish();
  }
  {
    MapReader frailty = reader.map("frailty");
    read_frailty(frailty, p.frailty);
  }
  {
    MapReader conditions = reader.map("conditions");
    read_conditions(conditions, p.conditions);
  }
  {
    MapReader social_care = reader.map("social_care");
    read_social_care(social_care, p.social_care);
  }
  {
    MapReader funding = reader.map("funding");
    apply_funding_parameters(funding, p.funding);
    funding.finish();
  }
  {
    MapReader gp = reader.map("gp");
    read_gp(gp, p.gp);
  }
  {
    MapReader scaling = reader.map("scaling");
    std::string capacity{capacity_scaling_name(p.scaling.capacity)};
    scaling.text("capacity", capacity);
    if (capacity == "square_root") {
      p.scaling.capacity = CapacityScaling::square_root;
    } else if (capacity == "proportional") {
      p.scaling.capacity = CapacityScaling::proportional;
    } else {
      scaling.error("capacity", "expected square_root (spare capacity scales with the square "
                                "root of population_scale, so queues behave as at full scale) or "
                                "proportional (every capacity times population_scale), got '" +
                                    capacity + "'");
    }
    scaling.finish();
  }
}

Parameters default_parameters() {
  Diagnostics diagnostics;
  const YAML::Node root =
      parse_yaml(std::string(default_parameters_text()), default_parameters_name);
  Parameters parameters;
  MapReader reader(root, default_parameters_name, "", diagnostics);
  apply_parameters(reader, parameters);
  reader.finish();
  diagnostics.throw_if_any();
  return parameters;
}

}  // namespace hcsim::models
