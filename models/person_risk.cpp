#include "models/person_risk.hpp"

#include <algorithm>

namespace hcsim::models {
namespace {

// Every lower bound of the schedules that shape the hazard, so the
// normalised schedule is exact band by band.
std::vector<double> union_of_bounds(const Parameters& p) {
  // Age 0 begins every schedule; it is in the list whatever the parameters.
  std::vector<double> bounds{0.0};
  const auto& admission = p.emergency_admission.rate_per_person_year.lower_bounds;
  bounds.insert(bounds.end(), admission.begin(), admission.end());
  if (p.frailty.enabled) {
    const auto& frailty = p.frailty.initial_frail_share.lower_bounds;
    bounds.insert(bounds.end(), frailty.begin(), frailty.end());
  }
  if (p.conditions.enabled) {
    for (const auto& condition : p.conditions.tracked) {
      const auto& own = condition.prevalence.lower_bounds;
      bounds.insert(bounds.end(), own.begin(), own.end());
    }
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  return bounds;
}

double value_or(const AgeSchedule& schedule, double age, double otherwise) {
  return schedule.values.empty() ? otherwise : schedule.at(age);
}

}  // namespace

PersonRisk::PersonRisk(const Parameters& parameters) : parameters_(&parameters) {
  const auto& p = parameters;
  // mortality_ratio_of reads mortality_by_health_, and the means below read the tables.
  mortality_by_health_ = p.mortality.enabled && p.mortality.outside_care_homes_enabled &&
                         p.mortality.by_frailty_and_conditions;
  for (std::size_t level = 0; level < frailty_levels; ++level) {
    for (std::size_t set = 0; set < condition_sets; ++set) {
      const auto frailty = static_cast<Frailty>(level);
      const auto conditions = static_cast<std::uint8_t>(set);
      const std::size_t index = ratio_index(frailty, conditions);
      admission_ratios_[2 * index] = admission_ratio_of(frailty, conditions, false);
      admission_ratios_[2 * index + 1] = admission_ratio_of(frailty, conditions, true);
      mortality_ratios_[index] = mortality_ratio_of(frailty, conditions);
    }
  }
  admission_rate_.lower_bounds = union_of_bounds(p);
  for (const double age : admission_rate_.lower_bounds) {
    const auto shares = initial_frailty_shares(age);
    double mean = 0.0;
    for (std::size_t level = 0; level < frailty_levels; ++level) {
      mean += shares[level] * (p.frailty.enabled ? p.frailty.admission_hazard_ratio[level] : 1.0);
    }
    if (p.conditions.enabled) {
      for (const auto& condition : p.conditions.tracked) {
        const double prevalence = value_or(condition.prevalence, age, 0.0);
        mean *= 1.0 - prevalence + prevalence * condition.admission_hazard_ratio;
      }
    }
    admission_rate_.values.push_back(p.emergency_admission.rate_per_person_year.at(age) / mean);
  }
  admission_rate_.index_years();

  mortality_scale_.lower_bounds = union_of_bounds(p);
  for (const double age : mortality_scale_.lower_bounds) {
    mortality_scale_.values.push_back(1.0 / mean_mortality_ratio(age));
  }
  mortality_scale_.index_years();
}

double PersonRisk::mean_mortality_ratio(double age) const {
  const auto& p = *parameters_;
  if (!mortality_by_health_) return 1.0;
  double mean = 0.0;
  const auto shares = initial_frailty_shares(age);
  for (std::size_t level = 0; level < frailty_levels; ++level) {
    mean += shares[level] * (p.frailty.enabled ? p.frailty.mortality_hazard_ratio[level] : 1.0);
  }
  if (p.conditions.enabled) {
    for (const auto& condition : p.conditions.tracked) {
      const double prevalence = value_or(condition.prevalence, age, 0.0);
      mean *= 1.0 - prevalence + prevalence * condition.mortality_hazard_ratio;
    }
  }
  return mean;
}

double PersonRisk::mortality_ratio_of(Frailty frailty, std::uint8_t conditions) const noexcept {
  const auto& p = *parameters_;
  if (!mortality_by_health_) return 1.0;
  double ratio = p.frailty.enabled
                     ? p.frailty.mortality_hazard_ratio[static_cast<std::size_t>(frailty)]
                     : 1.0;
  if (p.conditions.enabled) {
    for (std::size_t c = 0; c < tracked_conditions; ++c) {
      if ((conditions & condition_bit(static_cast<Condition>(c))) != 0) {
        ratio *= p.conditions.tracked[c].mortality_hazard_ratio;
      }
    }
  }
  return ratio;
}

std::array<double, frailty_levels> PersonRisk::initial_frailty_shares(double age) const {
  const auto& frailty = parameters_->frailty;
  if (!frailty.enabled) return {1.0, 0.0, 0.0, 0.0};
  const double frail = value_or(frailty.initial_frail_share, age, 0.0);
  return {1.0 - frail, frail * frailty.split_of_frail[0], frail * frailty.split_of_frail[1],
          frail * frailty.split_of_frail[2]};
}

double PersonRisk::admission_ratio_of(Frailty frailty, std::uint8_t conditions,
                                      bool unmet_need) const noexcept {
  const auto& p = *parameters_;
  double ratio = p.frailty.enabled
                     ? p.frailty.admission_hazard_ratio[static_cast<std::size_t>(frailty)]
                     : 1.0;
  if (p.conditions.enabled) {
    for (std::size_t c = 0; c < tracked_conditions; ++c) {
      if ((conditions & condition_bit(static_cast<Condition>(c))) != 0) {
        ratio *= p.conditions.tracked[c].admission_hazard_ratio;
      }
    }
  }
  if (unmet_need) ratio *= p.social_care.unmet_need_admission_hazard_ratio;
  return ratio;
}

}  // namespace hcsim::models
