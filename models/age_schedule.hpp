#pragma once
// A value that is constant within age bands: a hazard, a probability or a
// share by age. Bands are given by their lower bounds (the first is 0); the
// last band is open-ended.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hcsim::models {

struct AgeSchedule {
  std::vector<double> lower_bounds;  // years, ascending, first 0
  std::vector<double> values;        // one per band
  // The band at each whole year of age from 0, built by index_years(): a
  // person's band is then that of their year or, when a bound falls within
  // the year, one of the next few. Only a hint: band_of checks that the
  // band it gives holds the age, so a schedule changed after indexing (or
  // never indexed) is still read right, only more slowly.
  std::vector<std::uint16_t> band_at_year;

  AgeSchedule() = default;
  // A schedule whose bounds are final: indexed at once.
  AgeSchedule(std::vector<double> bounds, std::vector<double> band_values)
      : lower_bounds(std::move(bounds)), values(std::move(band_values)) {
    index_years();
  }

  // Builds band_at_year for ages up to 130 years, or the last bound if
  // later (at most 255). Call once the bounds are final, on schedules read
  // often.
  void index_years() {
    band_at_year.clear();
    if (lower_bounds.empty() || lower_bounds.size() > 0xFFFF) return;
    const double last = std::min(std::max(lower_bounds.back(), 130.0), 255.0);
    const auto years = static_cast<std::size_t>(std::ceil(last)) + 1;
    band_at_year.reserve(years);
    for (std::size_t year = 0; year < years; ++year) {
      band_at_year.push_back(static_cast<std::uint16_t>(search(static_cast<double>(year))));
    }
  }

  // The band whose lower bound is the last at or below `age_years`: the
  // number of bounds after the first that are not above it, as
  // std::upper_bound counts them. Bounds are strictly ascending (checked
  // when parameters are read).
  [[nodiscard]] std::size_t band_of(double age_years) const noexcept {
    const std::size_t bands = lower_bounds.size();
    // The year's band, then any bounds passed within the year. With bounds
    // strictly ascending only one band's bounds hold the age, so checking
    // that they do catches a stale hint (bounds changed since). Counting
    // through a handful of bounds costs less than that.
    if (bands > counted_bands && age_years >= 0.0 && age_years < static_cast<double>(band_at_year.size())) {
      std::size_t band = band_at_year[static_cast<std::size_t>(age_years)];
      if (band < bands && !(age_years < lower_bounds[band])) {
        while (band + 1 < bands && !(age_years < lower_bounds[band + 1])) ++band;
        return band;
      }
    }
    return search(age_years);
  }
  // band_of without the year index (ages outside it, schedules without it).
  //
  // Schedules of up to few_bands bands are counted through. Larger ones are
  // mostly the derived hazards (frailty progression, condition onset):
  // one-year pieces up to the last bound after one or a few wider bands. So
  // three cheap answers come first: the first band, the last, and the band
  // the age would be in were every band before the last a year wide, taken
  // only when its bounds hold the age. Then a binary search that halves the
  // range by a conditional move: a branch at random ages would be
  // mispredicted half the time.
  [[nodiscard]] std::size_t search(double age_years) const noexcept {
    const std::size_t bands = lower_bounds.size();
    if (bands <= few_bands) {
      // Most schedules read at synthesis (shares and prevalences by age) have
      // a handful of bands: counting the bounds not above the age, without a
      // branch, beats searching, whose branches follow random ages. (Written
      // as "not below" so that a NaN age counts as std::upper_bound does.)
      std::size_t band = 0;
      for (std::size_t next = 1; next < bands; ++next) {
        band += static_cast<std::size_t>(!(age_years < lower_bounds[next]));
      }
      return band;
    }
    if (age_years < lower_bounds[1]) return 0;
    const double last = lower_bounds[bands - 1];
    if (age_years >= last) return bands - 1;
    const double years_back = std::ceil(last - age_years);  // NaN for a NaN age
    if (years_back >= 1.0 && years_back <= static_cast<double>(bands - 2)) {
      const std::size_t band = bands - 1 - static_cast<std::size_t>(years_back);
      if (!(age_years < lower_bounds[band]) && age_years < lower_bounds[band + 1]) return band;
    }
    const double* const first = lower_bounds.data() + 1;
    const double* base = first;
    std::size_t count = bands - 1;
    while (count > 1) {
      const std::size_t half = count / 2;
      base = age_years < base[half] ? base : base + half;
      count -= half;
    }
    return static_cast<std::size_t>(base - first) + (age_years < *base ? 0 : 1);
  }
  static constexpr std::size_t few_bands = 8;
  // Schedules of at most this many bands are counted through even when indexed.
  static constexpr std::size_t counted_bands = 5;
  // band_of for ages visited in ascending order: the search goes on from
  // the band of the age before, `from`, usually no step or one.
  [[nodiscard]] std::size_t band_of_from(double age_years, std::size_t from) const noexcept {
    std::size_t band = from;
    while (band + 1 < lower_bounds.size() && age_years >= lower_bounds[band + 1]) ++band;
    return band;
  }
  [[nodiscard]] double at(double age_years) const noexcept { return values[band_of(age_years)]; }
  // Mean value over ages [from, to), for ages spread evenly across them.
  [[nodiscard]] double mean_over(double from, double to) const noexcept {
    if (!(to > from)) return at(from);
    double total = 0.0;
    const std::size_t first = band_of(from);
    for (std::size_t band = first; band < values.size(); ++band) {
      const double start = band == first ? from : lower_bounds[band];
      const double end = band_end(band) < to ? band_end(band) : to;
      if (end > start) total += values[band] * (end - start);
      if (band_end(band) >= to) break;
    }
    return total / (to - from);
  }
  // Upper end of `band` in years (a very large number for the last band).
  [[nodiscard]] double band_end(std::size_t band) const noexcept {
    return band + 1 < lower_bounds.size() ? lower_bounds[band + 1] : 1e9;
  }
};

}  // namespace hcsim::models
