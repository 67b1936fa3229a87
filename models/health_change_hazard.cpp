#include "models/health_change_hazard.hpp"

#include <algorithm>

namespace hcsim::models {

HealthChangeHazard::HealthChangeHazard(const FrailtyProgression& progression,
                                       const ConditionOnset& onset, bool frailty,
                                       bool conditions)
    : progression_(&progression), onset_(&onset), frailty_(frailty), conditions_(conditions) {
  totals_.resize(combinations);
  for (const Sex sex : {Sex::male, Sex::female}) {
    for (std::uint8_t level = 0; level < 4; ++level) {
      for (std::uint8_t held = 0; held < (1u << tracked_conditions); ++held) {
        const auto parts = components(sex, static_cast<Frailty>(level), held);
        std::vector<double> bounds;
        for (const AgeSchedule* part : parts) {
          if (part) bounds.insert(bounds.end(), part->lower_bounds.begin(), part->lower_bounds.end());
        }
        if (bounds.empty()) continue;  // nothing can change: empty values
        std::sort(bounds.begin(), bounds.end());
        bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
        AgeSchedule& total = totals_[index(sex, static_cast<Frailty>(level), held)];
        total.lower_bounds = bounds;
        total.values.assign(bounds.size(), 0.0);
        for (std::size_t band = 0; band < bounds.size(); ++band) {
          // Each union band lies inside one band of every component, so
          // its lower bound reads the component's value over all of it.
          for (const AgeSchedule* part : parts) {
            if (part) total.values[band] += part->at(bounds[band]);
          }
        }
        total.index_years();
      }
    }
  }
}

std::array<const AgeSchedule*, 1 + tracked_conditions> HealthChangeHazard::components(
    Sex sex, Frailty level, std::uint8_t held) const noexcept {
  std::array<const AgeSchedule*, 1 + tracked_conditions> parts{};
  if (frailty_ && level != Frailty::severe) {
    const AgeSchedule& step = progression_->step_rate(level, sex);
    if (!step.values.empty()) parts[0] = &step;
  }
  if (conditions_) {
    for (std::size_t c = 0; c < tracked_conditions; ++c) {
      const auto condition = static_cast<Condition>(c);
      if ((held & condition_bit(condition)) != 0) continue;
      const AgeSchedule& rate = onset_->rate(condition, sex);
      if (!rate.values.empty()) parts[c + 1] = &rate;
    }
  }
  return parts;
}

std::uint32_t HealthChangeHazard::which(Sex sex, Frailty level, std::uint8_t held,
                                        std::size_t band, double age, double u) const noexcept {
  const AgeSchedule& total = totals_[index(sex, level, held)];
  // An age inside the band (past `age`, where the walk began): every
  // component is constant over the band, so any such age gives its value.
  const double start = std::max(total.lower_bounds[band], age);
  const double end = total.band_end(band);
  const double inside = end >= 1e9 ? start + 1.0 : 0.5 * (start + end);
  const auto parts = components(sex, level, held);
  std::array<double, 1 + tracked_conditions> rates{};
  double sum = 0.0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    rates[i] = parts[i] ? parts[i]->at(inside) : 0.0;
    sum += rates[i];
  }
  double threshold = u * sum;
  std::uint32_t last = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!(rates[i] > 0.0)) continue;
    last = static_cast<std::uint32_t>(i);
    if (threshold < rates[i]) return last;
    threshold -= rates[i];
  }
  return last;  // rounding left u x sum at the end: the last that could come
}

}  // namespace hcsim::models
