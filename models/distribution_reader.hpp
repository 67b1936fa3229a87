#pragma once
// Reads a duration's distribution from a scenario mapping such as
//   length_of_stay: {distribution: lognormal, mean: 20, sd: 12}
// or a bare number of days, which is a fixed duration (length_of_stay: 20),
// so every duration in every kind of scenario takes the same families with
// the same keys: fixed (value), exponential (mean), gamma and weibull (shape,
// scale), lognormal (mean, sd; or mu, sigma of its logarithm, as published
// length-of-stay fits give it) and normal (mean, sd; truncated at zero).
#include <string>

#include "models/yaml_reader.hpp"
#include "sim/distribution.hpp"

namespace hcsim::models {

// Replaces `distribution` with the one under `key` of `parent`; absent leaves
// it as it was, so defaults and overrides share the reader. A mapping
// without `distribution:` keeps the current family and takes new parameters.
// A bare number is a fixed duration. `mean_limits` bound a fixed value and
// the mean of any other family, for durations with a natural range (a
// same-day stay is under a day). Problems (unknown family, missing or
// out-of-range parameters, unknown keys) go to the reader's diagnostics.
void read_distribution(MapReader& parent, const std::string& key,
                       sim::Distribution& distribution,
                       const Limits& mean_limits = Limits::non_negative("days"));

}  // namespace hcsim::models
