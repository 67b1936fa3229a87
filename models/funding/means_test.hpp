#pragma once
// The Care Act means test: who pays for a person's publicly arranged social
// care, from the band their capital falls in. Income is not modelled: below
// the lower capital limit the local authority pays all (a real assessment
// would take a contribution from income above the minimum income guarantee).
#include <optional>

#include "models/person_traits.hpp"

namespace hcsim::models {

struct MeansTestParameters {
  // Capital limits in pounds. Care and Support (Charging and Assessment of
  // Resources) Regulations 2014, regulations 12 and 25; Care and Support
  // Statutory Guidance (DHSC), annex B: lower 14,250, upper 23,250 (unchanged
  // since 2010-11).
  double lower_capital = 14250.0;
  double upper_capital = 23250.0;
  // Tariff income in pounds a week for every 250 pounds, or part of 250
  // pounds, of capital between the limits (same regulations, regulation 25).
  double tariff_pounds_per_250 = 1.0;
  // Capital of a representative person in the between band, in pounds: the
  // model knows the band, not the amount. ASSUMPTION: absent means the
  // midpoint of the limits (18,750 with the defaults, a tariff of 18 pounds
  // a week).
  std::optional<double> between_band_capital;

  bool operator==(const MeansTestParameters&) const = default;
};

// Who pays a weekly cost: the local authority and the person (as a
// self-funder, or as their tariff contribution). The two add up to the cost.
struct CareCostShare {
  double local_authority = 0.0;  // pounds a week
  double person = 0.0;           // pounds a week
};

class MeansTest {
 public:
  // Throws std::invalid_argument unless 0 <= lower < upper, the tariff is
  // non-negative and the between-band capital lies within the limits.
  explicit MeansTest(const MeansTestParameters& parameters);

  // Below the lower limit the local authority pays all; between the limits
  // the person pays the tariff (never more than the cost) and the authority
  // the rest; above the upper limit the person pays all. Throws
  // std::invalid_argument for a negative or non-finite cost.
  [[nodiscard]] CareCostShare share_weekly_cost(CapitalBand band, double weekly_cost) const;

  // The weekly tariff of the representative between-band person (pounds).
  [[nodiscard]] double between_band_tariff() const noexcept { return between_band_tariff_; }
  [[nodiscard]] const MeansTestParameters& parameters() const noexcept { return parameters_; }

 private:
  MeansTestParameters parameters_;
  double between_band_tariff_ = 0.0;
};

// The between-band capital the test uses: the given value or the midpoint.
[[nodiscard]] double representative_between_capital(const MeansTestParameters& parameters) noexcept;

}  // namespace hcsim::models
