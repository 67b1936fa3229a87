// General practice in a care area: the cycle's balance of appointments
// (models/gp_access.hpp), who goes without and the admissions that adds
// (models/gp_shortfall.hpp).
#include <boost/random/uniform_01.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "models/care_area.hpp"
#include "models/random_purpose.hpp"

namespace hcsim::models {

void CareArea::start_gp_cycle() {
  const double now = scheduler_.now();
  const GpAccess::CycleStart start = gp_access_.start_cycle(now, people_);
  add_cost_rate(Payer::nhs, CareService::gp, start.cost_change_per_day);
  const std::uint64_t cycle = gp_cycles_++;

  // Last cycle's people have had their cycle: the raised hazard ends with it
  // (an admission it had drawn for later is void, see handle()). Only those
  // given such an admission carry the flag: nothing else reads it.
  constexpr auto without = static_cast<std::uint8_t>(PersonFlag::without_gp_appointment);
  for (const std::uint32_t person : gp_shortfall_admitted_) {
    people_.flags[person] &= static_cast<std::uint8_t>(~without);
  }
  gp_shortfall_admitted_.clear();
  turned_away_.clear();
  gp_shortfall_.start_cycle(gp_access_.unmet_share());
  const double highest = gp_shortfall_.highest_turned_away_probability();
  if (!(highest > 0.0)) return;  // nothing short

  // Who is turned away. Each person in the community is with probability
  // u x a(age), a few in a hundred: rather than a draw for every person,
  // candidates are picked at the highest such probability by geometric
  // skips along the people, and each is kept with their own probability
  // over it (thinning). A cycle then costs draws in proportion to the
  // people turned away. The candidates are a uniform sample of the people,
  // the one GpShortfall reads r from. One stream of the area's a cycle,
  // read in person order: the same on any thread.
  auto draws = stream(area_draws_person, purpose_id(Purpose::without_gp_appointment), cycle);
  boost::random::uniform_01<double> uniform;
  // Misses before the next candidate: geometric, in doubles so that a tiny
  // probability cannot overflow the index (none missed when all are).
  const double log_miss = highest < 1.0 ? std::log1p(-highest) : 0.0;
  const auto misses = [&]() {
    return highest < 1.0 ? std::floor(std::log(1.0 - uniform(draws)) / log_miss) : 0.0;
  };
  // The candidates and their keep draws first (the stream in the same
  // order as drawing them one by one), so that each record can be fetched
  // ahead of its turn.
  auto& candidates = gp_candidates_;
  candidates.clear();
  const auto people = static_cast<double>(people_.size());
  for (double at = misses(); at < people; at += 1.0 + misses()) {
    candidates.push_back({static_cast<std::uint32_t>(at), uniform(draws)});
  }
  const double readmission = parameters_.emergency_admission.readmission_ratio();
  // Each person's record is a cache miss among millions: the loop fetches
  // records this many candidates ahead of their turn.
  constexpr std::size_t fetch_ahead = 8;
  // Those turned away are counted by age band once the cycle's are known:
  // a count a person would cost as much as the rest of their turn.
  std::array<double, age_band_count> turned_away_by_band{};
  const double clock_years = PersonTable::clock_years(now);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (c + fetch_ahead < candidates.size()) people_.prefetch(candidates[c + fetch_ahead].person);
    const std::uint32_t person = candidates[c].person;
    if (!awaits_admission(people_.setting[person])) continue;
    const double age = age_of_at_years(person, clock_years);
    const double asks = gp_shortfall_.asks_probability(age);
    const double raised = now < readmission_window_end(person) ? readmission : 1.0;
    const double rate = admission_rate_outside_readmission_window(person, age);
    gp_shortfall_.add_to_sample(raised * rate, asks);
    const double turned_away = gp_shortfall_.turned_away_probability(asks);
    if (candidates[c].keep * highest < turned_away) {
      // Given that it turned them away, keep x highest / turned_away is a
      // uniform draw of its own: it times their raised hazard below.
      turned_away_.push_back({person, rate, candidates[c].keep * highest / turned_away});
      turned_away_by_band[band_of(person)] += 1.0;
    }
  }
  count_by_band(Metric::gp_people_turned_away, turned_away_by_band);

  // The raised part of their hazard, (r - 1) x h, held until the cycle ends:
  // an admission of its own when it comes first (a competing hazard, so the
  // admission already drawn for them stands). h is raised by the
  // readmission ratio until the weeks after a discharge end, and otherwise
  // held for the cycle.
  const double extra = gp_shortfall_.extra_hazard_ratio();
  if (!(extra > 0.0) || !parameters_.emergency_admission.enabled) return;
  const double cycle_end = now + plan_.window_days;
  // Its budget is -log(uniform), Exp(1); few run out within the cycle, so a
  // bound on the cycle's hazard that needs no one's record and no logarithm
  // settles most: a budget of at least `most` is one whose uniform is at
  // most exp(-most), which 1 - most never exceeds.
  const double raised_most = std::max(readmission, 1.0) * plan_.window_days / days_per_year;
  for (const TurnedAway& one : turned_away_) {
    const double per_day = extra * one.rate / days_per_year;
    if (!(per_day > 0.0) || one.budget_uniform <= 1.0 - raised_most * extra * one.rate) continue;
    const std::uint32_t person = one.person;
    double budget = -std::log(one.budget_uniform);
    double time = now;
    const double raised_days = std::max(0.0, std::min(readmission_window_end(person), cycle_end) - now);
    if (budget < raised_days * per_day * readmission) {
      time += budget / (per_day * readmission);
    } else {
      budget -= raised_days * per_day * readmission;
      time += raised_days + budget / per_day;
    }
    if (time < cycle_end && time < people_.death_time[person] && time < plan_.end_days) {
      people_.flags[person] |= without;
      gp_shortfall_admitted_.push_back(person);
      schedule(person, gp_shortfall_admission, time, next_sequence(person));
    }
  }
}

}  // namespace hcsim::models
