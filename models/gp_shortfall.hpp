#pragma once
// Who goes without a general practice appointment in a cycle of shortfall,
// and how much likelier an emergency admission makes it.
//
// GpAccess balances appointments asked for and given in aggregate and
// leaves a share u of demand unmet. This says on whom it falls. A person
// living in the community asks for at least one appointment in the cycle
// with probability a(age) = 1 - exp(-appointments a year at their age x the
// cycle in years), and one who asks is turned away with probability u. Until
// the cycle ends those turned away carry their admission hazard h times r;
// everyone else is as without a shortfall. The raised part, (r - 1) x h, is
// a hazard of its own (models/care_area_gp.cpp), so a shortfall leaves every
// other draw of the run as it was.
//
// The hazard ratio HR (gp.unmet_admission_hazard_ratio) comes from
// practice-level evidence: a practice population whose demand goes unmet in
// share u is admitted 1 + u x (HR - 1) times as often. r keeps that total
// and puts it on those who went without:
//   sum h x (1 + u x a x (r - 1)) = sum h x (1 + u x (HR - 1)),
//   r = 1 + (HR - 1) x sum h / sum h x a,
// over the people in the community, with h each one's admission hazard now.
// The excess falls on those who asked, most of them old and frail. The sums
// are taken over the cycle's candidates (care_area_gp.cpp): a uniform
// sample of the people, so their ratio estimates that of the whole area.
#include <cstddef>
#include <vector>

#include "models/parameters.hpp"

namespace hcsim::models {

class GpShortfall {
 public:
  GpShortfall(const GpParameters& parameters, double cycle_days);

  // Starts a cycle in which share `unmet_share` of demand goes unmet.
  void start_cycle(double unmet_share) noexcept {
    unmet_share_ = unmet_share;
    hazard_ = 0.0;
    hazard_asking_ = 0.0;
  }
  // Adds someone in the community, of admission hazard `hazard` and
  // probability `asks` of asking for an appointment, to the sums r is read
  // from.
  void add_to_sample(double hazard, double asks) noexcept {
    hazard_ += hazard;
    hazard_asking_ += hazard * asks;
  }

  [[nodiscard]] double unmet_share() const noexcept { return unmet_share_; }
  // Probability that someone of `age` asks for an appointment in a cycle.
  [[nodiscard]] double asks_probability(double age) const noexcept {
    return asks_by_band_[parameters_->appointments_per_person_year.band_of(age)];
  }
  // Probability that someone who asks with probability `asks` is turned away.
  [[nodiscard]] double turned_away_probability(double asks) const noexcept {
    return unmet_share_ * asks;
  }
  // The highest turned_away_probability at any age.
  [[nodiscard]] double highest_turned_away_probability() const noexcept {
    return unmet_share_ * highest_asks_;
  }
  // r - 1 of the sample so far: the admission hazard those turned away
  // carry on top of their own, per unit of it (0 with an empty sample).
  [[nodiscard]] double extra_hazard_ratio() const noexcept;

 private:
  const GpParameters* parameters_;
  std::vector<double> asks_by_band_;  // a, by band of appointments_per_person_year
  double highest_asks_ = 0.0;
  double unmet_share_ = 0.0;
  double hazard_ = 0.0;         // sum h over the sample
  double hazard_asking_ = 0.0;  // sum h x a over the sample
};

}  // namespace hcsim::models
