#include "models/parameters.hpp"

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
}

void read_distribution(MapReader& parent, const std::string& key,
                       sim::Distribution& distribution) {
  if (!parent.has(key)) {
    parent.accept(key);
    return;
  }
  MapReader reader = parent.map(key);
  std::string family_text(sim::family_name(distribution.family()));
  reader.text("distribution", family_text);
  sim::DistributionFamily family{};
  if (!sim::parse_family(family_text, family)) {
    reader.error("distribution", "expected one of fixed, exponential, gamma, lognormal, "
                                 "weibull, normal; got '" + family_text + "'");
    reader.finish();
    return;
  }
  const double nan = std::nan("");
  double mean = nan, sd = nan, shape = nan, scale = nan, value = nan;
  auto require = [&](const char* name, double number) {
    if (std::isnan(number)) reader.error("", std::string("a ") + family_text +
                                                 " distribution needs '" + name + "'");
    return !std::isnan(number);
  };
  try {
    switch (family) {
      case sim::DistributionFamily::fixed:
        reader.number("value", value, Limits::non_negative("days"));
        if (require("value", value)) distribution = sim::Distribution::fixed(value);
        break;
      case sim::DistributionFamily::exponential:
        reader.number("mean", mean, Limits::positive("days"));
        if (require("mean", mean)) distribution = sim::Distribution::exponential(mean);
        break;
      case sim::DistributionFamily::gamma:
      case sim::DistributionFamily::weibull:
        reader.number("shape", shape, Limits::positive(""));
        reader.number("scale", scale, Limits::positive("days"));
        if (require("shape", shape) && require("scale", scale)) {
          distribution = family == sim::DistributionFamily::gamma
                             ? sim::Distribution::gamma(shape, scale)
                             : sim::Distribution::weibull(shape, scale);
        }
        break;
      case sim::DistributionFamily::lognormal:
      case sim::DistributionFamily::normal:
        reader.number("mean", mean, Limits::positive("days"));
        reader.number("sd", sd, Limits::positive("days"));
        if (require("mean", mean) && require("sd", sd)) {
          distribution = family == sim::DistributionFamily::lognormal
                             ? sim::Distribution::lognormal(mean, sd)
                             : sim::Distribution::normal(mean, sd);
        }
        break;
    }
  } catch (const std::invalid_argument& problem) {
    reader.error("", problem.what());
  }
  reader.finish();
}

void read_discharge_service(MapReader& parent, const std::string& key, const char* unit,
                            DischargeServiceParameters& service) {
  MapReader reader = parent.map(key);
  read_schedule(reader, "age_band_lower_bounds", "probability", service.probability,
                Limits::probability());
  const std::string capacity_unit = std::string(unit) + " per 1,000 residents";
  reader.number("capacity_per_1000", service.capacity_per_1000,
                Limits::between(0.0, 1000.0, capacity_unit.c_str()));
  read_distribution(reader, "length_of_service", service.length_of_service);
  reader.number("cost_per_day", service.cost_per_day, Limits::between(0.0, 1e6, "pounds per day"));
  reader.finish();
}

}  // namespace

std::string_view default_parameters_text() { return hcsim_default_parameters_yaml; }

void apply_parameters(MapReader& reader, Parameters& p) {
  {
    MapReader population = reader.map("population");
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
    if (!bounds.empty() && !(p.population.oldest_age > bounds.back())) {
      population.error("oldest_age", "must be above the last age band's lower bound");
    }
    population.finish();
  }
  {
    MapReader mortality = reader.map("mortality");
    mortality.flag("enabled", p.mortality.enabled);
    mortality.flag("outside_care_homes_enabled", p.mortality.outside_care_homes_enabled);
    mortality.number("gompertz_slope", p.mortality.gompertz_slope,
                     Limits::between(0.01, 0.5, "per year"));
    mortality.number("modal_age_male", p.mortality.modal_age_male,
                     Limits::between(40.0, 120.0, "years"));
    mortality.number("modal_age_female", p.mortality.modal_age_female,
                     Limits::between(40.0, 120.0, "years"));
    mortality.number("care_home_multiplier", p.mortality.care_home_multiplier,
                     Limits::positive("hazard ratio"));
    // 0 switches the constant hazard off; the upper limit (a mean stay of a
    // day) catches a rate given per day instead of per year.
    mortality.number("care_home_constant_rate_per_year",
                     p.mortality.care_home_constant_rate_per_year,
                     Limits::between(0.0, 365.25, "deaths per resident-year"));
    mortality.finish();
  }
  {
    MapReader admission = reader.map("emergency_admission");
    read_schedule(admission, "age_band_lower_bounds", "rate_per_person_year",
                  p.emergency_admission.rate_per_person_year,
                  Limits::between(0.0, 365.0, "admissions per person-year"));
    admission.number("care_home_rate_per_person_year",
                     p.emergency_admission.care_home_rate_per_person_year,
                     Limits::between(0.0, 365.0, "admissions per person-year"));
    admission.finish();
  }
  {
    MapReader hospital = reader.map("hospital");
    hospital.number("beds_per_1000", p.hospital.beds_per_1000,
                    Limits::between(0.0, 1000.0, "beds per 1,000 people"));
    hospital.flag("beds_weighted_by_need", p.hospital.beds_weighted_by_need);
    hospital.number("same_day_share", p.hospital.same_day_share, Limits::probability());
    hospital.number("same_day_stay_days", p.hospital.same_day_stay_days,
                    Limits::between(0.0, 1.0, "days"));
    read_distribution(hospital, "overnight_length_of_stay", p.hospital.overnight_length_of_stay);
    hospital.finish();
  }
  {
    MapReader discharge = reader.map("discharge");
    read_schedule(discharge, "care_home_age_band_lower_bounds", "care_home_probability",
                  p.discharge.care_home_probability, Limits::probability());
    read_discharge_service(discharge, "reablement", "slots", p.discharge.reablement);
    read_discharge_service(discharge, "rehabilitation", "beds", p.discharge.rehabilitation);
    // A discharge needs at most one service: the probabilities may not add
    // up to more than 1 at any age.
    for (double age = 0.0; age <= 120.0; age += 0.5) {
      const double total = p.discharge.reablement.probability.at(age) +
                           p.discharge.rehabilitation.probability.at(age);
      if (total > 1.0 + 1e-12) {
        discharge.error("", "reablement.probability + rehabilitation.probability is " +
                                std::to_string(total) + " at age " + std::to_string(age) +
                                "; together they may not exceed 1");
        break;
      }
    }
    discharge.finish();
  }
  {
    MapReader care_home = reader.map("care_home");
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
    costs.finish();
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
