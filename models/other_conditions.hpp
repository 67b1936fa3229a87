#pragma once
// Long-term conditions other than the tracked ones, kept only as a count a
// person (PersonRecord::other_conditions), so that multimorbidity ("4 or
// more conditions", prevalence.hpp) can be counted over the longer lists the
// published figures use.
//
// At synthesis a person aged a gets Poisson(m(a)) other conditions, m being
// conditions.other.mean_count by age band. After the start the count's
// distribution by age is kept stationary the way conditions.onset:
// stationary keeps the tracked conditions' prevalence: where the mean steps
// up from m_below to m at a band's lower bound, a person entering the band
// gains Poisson(m - m_below) more, and nobody loses any where it falls. A sum
// of independent Poisson counts is Poisson, so a closed cohort ageing into
// the band holds Poisson(m) there, exactly. The count has no effect on death
// (nor, by default, on anything else), so no extra deaths need replacing.
//
// The gains are not events: a person's count is brought up to the band of
// their age when it is read (the year-end snapshots), each band's gain drawn
// from its own stream (Purpose::other_condition_onset, draw index: the band
// entered). No other draw and no event changes, so every other result is as
// it was without the count.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <boost/random/poisson_distribution.hpp>

#include "models/age_schedule.hpp"
#include "models/parameters.hpp"

namespace hcsim::models {

// The count is one byte; more than 15 other conditions is no different for
// any figure the model is set against, and a Poisson mean under 2 reaches
// it about once in 10^10 draws.
inline constexpr std::uint8_t max_other_conditions = 15;

class OtherConditions {
 public:
  explicit OtherConditions(const ConditionsParameters& conditions)
      : enabled_(conditions.enabled && conditions.other.enabled &&
                 !conditions.other.mean_count.values.empty()),
        mean_(conditions.other.mean_count) {}

  [[nodiscard]] bool enabled() const noexcept { return enabled_; }

  // The band of the mean-count schedule at `age_years`.
  [[nodiscard]] std::uint8_t band_of(double age_years) const noexcept {
    return static_cast<std::uint8_t>(mean_.band_of(age_years));
  }
  // Whether `age_years` lies beyond band `from` (band_of_from would move on).
  [[nodiscard]] bool band_passed(double age_years, std::uint8_t from) const noexcept {
    return from + std::size_t{1} < mean_.lower_bounds.size() &&
           age_years >= mean_.lower_bounds[from + std::size_t{1}];
  }
  // band_of for an age at or above the one that gave band `from`.
  [[nodiscard]] std::uint8_t band_of_from(double age_years, std::uint8_t from) const noexcept {
    return static_cast<std::uint8_t>(mean_.band_of_from(age_years, from));
  }

  // A person's count at synthesis, at `age_years`.
  template <class Stream>
  [[nodiscard]] std::uint8_t draw_at_synthesis(double age_years, Stream& stream) const {
    return capped(poisson(mean_.at(age_years), stream));
  }

  // `count` brought from band `from` up to band `to`: the gains on entering
  // each band between, `stream_of(band)` giving the stream of that band's
  // draw.
  template <class StreamOf>
  [[nodiscard]] std::uint8_t brought_up_to(std::uint8_t count, std::size_t from, std::size_t to,
                                           StreamOf&& stream_of) const {
    unsigned total = count;
    for (std::size_t band = from + 1; band <= to && band < mean_.values.size(); ++band) {
      const double rise = mean_.values[band] - mean_.values[band - 1];
      if (!(rise > 0.0)) continue;
      auto stream = stream_of(band);
      total += poisson(rise, stream);
    }
    return capped(total);
  }

 private:
  template <class Stream>
  static unsigned poisson(double mean, Stream& stream) {
    // Boost's Poisson requires a positive mean; a mean of 0 is no conditions.
    if (!(mean > 0.0)) return 0;
    boost::random::poisson_distribution<unsigned, double> draw(mean);
    return draw(stream);
  }
  static std::uint8_t capped(unsigned count) noexcept {
    return static_cast<std::uint8_t>(std::min<unsigned>(count, max_other_conditions));
  }

  bool enabled_;
  AgeSchedule mean_;
};

}  // namespace hcsim::models
