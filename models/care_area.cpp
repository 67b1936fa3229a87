#include "models/care_area.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <algorithm>
#include <cmath>

#include "models/capacity.hpp"
#include "models/hazard_timing.hpp"
#include "models/prevalence.hpp"
#include "models/random_purpose.hpp"

namespace hcsim::models {
namespace {

// Width of the scheduler's buckets. Bucketing decides only when an event
// enters the heap, never the order events run in, so results do not depend
// on it. Since crowded buckets are drained a slice at a time, a month-wide
// bucket keeps the heap as small as a day-wide one, and scheduling writes
// to the ends of a few hundred bucket lists instead of thousands, which
// stay in the caches: 1 to 365 days were measured, 30 to 120 fastest
// (benchmarks/README.md, fifteenth round).
constexpr sim::Days scheduler_bucket_days = 30.4375;

// Equal-time ties: deaths first (a person who dies does not then get
// discharged), then the end of a hospital stay (freeing a bed), then arrivals.
// Indexed by CareArea's event kinds: admission, death, stay end, service
// end, year end (after everything else), health change, funding decision,
// entry (an arrival), bed-wait limit (after beds freed at the same instant),
// home-care wait limit (with the other ends of waits), GP shortfall
// admission (an arrival).
constexpr std::array<std::uint16_t, 11> event_priorities{2, 0, 1, 1, 3, 2, 1, 2, 2, 1, 2};

constexpr std::uint16_t priority_of(std::uint16_t kind) noexcept {
  return event_priorities[kind];
}

double exponential_budget(sim::RandomStream& stream) {
  return boost::random::exponential_distribution<double>(1.0)(stream);
}

bool bernoulli(sim::RandomStream& stream, double probability) {
  return boost::random::bernoulli_distribution<double>(probability)(stream);
}

// A yes with `probability`, from word `index` of a person's trait words.
// A certain answer reads no word, so the block holding it may never be
// computed (the young have no chance of most conditions).
bool yes_with(sim::RandomWords& traits, std::size_t index, double probability) {
  if (!(probability > 0.0)) return false;
  if (probability >= 1.0) return true;
  return sim::uniform_from_word(traits[index]) < probability;
}

// A person's sex from their trait words, female with `female_share`.
Sex drawn_sex(sim::RandomWords& traits, double female_share) {
  return yes_with(traits, word_of(TraitWord::sex), female_share) ? Sex::female : Sex::male;
}

static_assert(tracked_conditions <= word_of(TraitWord::capital) - word_of(TraitWord::first_condition),
              "every tracked condition has a trait word");

std::size_t place_index(CareHomeType type) noexcept {
  return type == CareHomeType::nursing ? 1 : 0;
}

// The held level of delayed discharge waiting for `awaited`.
HeldLevel delayed_for(AwaitedService awaited) noexcept {
  static_assert(static_cast<std::size_t>(HeldLevel::delayed_for_assessment) -
                    static_cast<std::size_t>(HeldLevel::delayed_discharge) ==
                static_cast<std::size_t>(AwaitedService::assessment));
  static_assert(static_cast<std::size_t>(AwaitedService::assessment) + 1 ==
                awaited_service_count);
  return static_cast<HeldLevel>(static_cast<std::size_t>(HeldLevel::delayed_discharge) +
                                static_cast<std::size_t>(awaited));
}

HeldLevel use_of(const DischargeServiceState& service) noexcept {
  switch (service.setting) {
    case Setting::reablement: return HeldLevel::reablement;
    case Setting::rehabilitation: return HeldLevel::rehabilitation;
    default: return HeldLevel::assessment;
  }
}

// Slots or beds of a discharge service for an area of `population`
// (full-scale residents) simulated at `population_scale`; none when the
// service is switched off, so it costs nothing and no lever grows it.
std::int64_t discharge_capacity(const DischargeServiceParameters& service, double population,
                                double population_scale, CapacityScaling scaling) {
  if (!service.enabled) return 0;
  return scaled_capacity(service.capacity_per_1000 * population / 1000.0, population_scale,
                         scaling, service.reference_utilisation);
}


}  // namespace

CareArea::CareArea(const AreaSpec& spec, std::uint32_t area_index, double population_scale,
                   const MeasurementPlan& plan, const sim::RandomStreams& streams)
    : name_(spec.name),
      area_index_(area_index),
      parameters_(spec.parameters),
      plan_(plan),
      streams_(streams),
      ageing_(parameters_.population.ageing_enabled),
      risk_(parameters_),
      frailty_progression_(parameters_, risk_),
      condition_onset_(parameters_, risk_),
      health_change_hazard_(frailty_progression_, condition_onset_, parameters_.frailty.enabled,
                            parameters_.conditions.enabled),
      other_conditions_(parameters_.conditions),
      care_home_admission_rate_{{0.0},
                                {parameters_.emergency_admission.care_home_rate_per_person_year}},
      stay_length_(parameters_, risk_),
      gp_access_(parameters_.gp, full_scale_gp_appointments_per_week(spec) * population_scale,
                 plan.origin_days, days_per_year, plan.years, plan.end_days,
                 parameters_.population.ageing_enabled),
      gp_shortfall_(parameters_.gp, plan.window_days),
      interventions_(spec.interventions),
      population_scale_(population_scale),
      occupied_beds_(plan.origin_days, days_per_year, plan.years),
      delayed_patients_(plan.origin_days, days_per_year, plan.years),
      delayed_by_reason_{{{plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years},
                          {plan.origin_days, days_per_year, plan.years}}},
      assessment_waiting_(plan.origin_days, days_per_year, plan.years),
      bed_waiters_(plan.origin_days, days_per_year, plan.years),
      care_home_residents_(plan.origin_days, days_per_year, plan.years),
      alive_(plan.origin_days, days_per_year, plan.years),
      hospital_full_(plan.origin_days, days_per_year, plan.years),
      escalation_beds_(plan.origin_days, days_per_year, plan.years),
      home_care_hours_(plan.origin_days, days_per_year, plan.years),
      unpaid_care_hours_(plan.origin_days, days_per_year, plan.years),
      unmet_need_(plan.origin_days, days_per_year, plan.years),
      community_waiting_(plan.origin_days, days_per_year, plan.years),
      services_{{{parameters_.discharge.reablement, Setting::reablement, AwaitedService::reablement,
                   discharge_capacity(parameters_.discharge.reablement, spec.population,
                                      population_scale, parameters_.scaling.capacity),
                   plan.origin_days, days_per_year, plan.years},
                  {parameters_.discharge.rehabilitation, Setting::rehabilitation,
                   AwaitedService::rehabilitation,
                   discharge_capacity(parameters_.discharge.rehabilitation, spec.population,
                                      population_scale, parameters_.scaling.capacity),
                   plan.origin_days, days_per_year, plan.years},
                  {parameters_.discharge.assessment.service, Setting::assessment,
                   AwaitedService::assessment,
                   discharge_capacity(parameters_.discharge.assessment.service, spec.population,
                                      population_scale, parameters_.scaling.capacity),
                   plan.origin_days, days_per_year, plan.years}}},
      by_age_band_(plan.origin_days, days_per_year, plan.years),
      band_reference_years_(PersonTable::clock_years(plan.origin_days)),
      life_table_(plan.origin_days, days_per_year, plan.years) {
  for (auto& by_service : cost_rates_) {
    for (auto& rate : by_service) rate = sim::IntegratedLevel(plan.origin_days, days_per_year,
                                                              plan.years);
  }
  const auto& mortality = parameters_.mortality;
  period_mortality_[static_cast<std::size_t>(Sex::male)] = {mortality.gompertz_slope,
                                                            mortality.modal_age_male};
  period_mortality_[static_cast<std::size_t>(Sex::female)] = {mortality.gompertz_slope,
                                                              mortality.modal_age_female};
  const MortalityImprovement improvement{mortality.improvement_per_year};
  for (std::size_t sex = 0; sex < mortality_.size(); ++sex) {
    mortality_[sex] = improvement.law_along_a_life(period_mortality_[sex]);
  }
  counts_.assign(metric_count, sim::PeriodTotals(plan.origin_days, days_per_year, plan.years));

  const auto people = static_cast<std::size_t>(scaled_count(spec.population, population_scale));
  beds_ = scaled_count(full_scale_hospital_beds(spec), population_scale);
  // Capacities are fixed before the population is drawn, so they are the
  // same in every replication: care-home places either as given or from the
  // expected initial residents at the default occupancy; home-care hours
  // from the expected initial packages at the initial utilisation. With
  // scaling.capacity square_root, home-care hours and the P1-P3 services
  // keep their full-scale queues at reduced scale (capacity_scaling.hpp);
  // beds and care-home places scale with the population: occupancy is a
  // calibration target, and care homes fill over years rather than queue
  // around a steady level.
  const double all_places =
      spec.care_home_places
          ? static_cast<double>(scaled_count(*spec.care_home_places, population_scale))
          : std::round(expected_initial_resident_share() * static_cast<double>(people) /
                       parameters_.care_home.initial_occupancy);
  const double nursing_share = parameters_.social_care.nursing_share_of_initial_residents;
  places_[1].capacity = static_cast<std::int64_t>(std::llround(all_places * nursing_share));
  places_[0].capacity = static_cast<std::int64_t>(std::llround(all_places)) - places_[1].capacity;
  FundingLevers baseline;
  baseline.eligibility_threshold = static_cast<double>(CareNeed::moderate);
  baseline.approval_delay_days = parameters_.social_care.assessment_days.mean();
  baseline.capacity = {static_cast<double>(services_[0].capacity),
                       static_cast<double>(services_[1].capacity),
                       std::round(expected_initial_home_care_hours_per_person() *
                                  static_cast<double>(people) /
                                  parameters_.social_care.home_care_initial_utilisation *
                                  capacity_scale_factor(
                                      parameters_.scaling.capacity, population_scale,
                                      parameters_.social_care.home_care_reference_utilisation)),
                       all_places};
  funding_.emplace(parameters_.funding, baseline, static_cast<double>(people), plan.origin_days);
  obey_levers();
  intervention_cost_rates_.assign(interventions_.size(),
                                  sim::IntegratedLevel(plan.origin_days, days_per_year, plan.years));
  // Room for those expected to enter as well (at the starting rate, with a
  // tenth to spare), so the columns rarely move during the run.
  const double expected_entries = static_cast<double>(people) *
                                  (entries_per_1000() / 1000.0) *
                                  (plan.end_days / days_per_year) * 1.1;
  people_.reserve(people + static_cast<std::size_t>(expected_entries));
  people_.resize(people);
  people_at_start_ = people;
  synthesise();

  year_end_.assign(plan_.years, YearEndSnapshot{});
  for (std::size_t year = 0; year < plan_.years; ++year) {
    const double end_of_year = plan_.origin_days + static_cast<double>(year + 1) * days_per_year;
    if (end_of_year >= plan_.end_days) break;  // the last one is taken in finish()
    sim::Event event;
    event.time = end_of_year;
    event.kind = year_end;
    event.priority = priority_of(year_end);
    event.payload = static_cast<std::uint32_t>(year);
    scheduler_.schedule(event);
  }
}

void CareArea::close_year(std::size_t year, YearEnd kind) {
  // One pass over the people does all of a year end's work: at full scale
  // an area's records are far beyond the caches, and each pass over them
  // costs as much as a few hundred thousand events.
  const bool take_snapshot = year < year_end_.size() && !year_end_[year].taken;
  const bool advance_bands = kind == YearEnd::within_run;
  if (!take_snapshot && !advance_bands) return;
  // The band levels take the net of a pending costs_off before people move.
  if (advance_bands) settle_band_costs();
  const double now = scheduler_.now();
  // By age band too: by the age people have at the snapshot, as
  // population_85_plus_end counts them.
  YearEndSnapshot snapshot;
  std::array<double, age_band_count> alive{};
  std::array<double, age_band_count> frail_by_band{};
  std::array<double, age_band_count> dementia_by_band{};
  std::array<double, age_band_count> multimorbid_by_band{};
  std::array<double, age_band_count> home_care_by_band{};
  const double clock_years = PersonTable::clock_years(now);
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    if (people_.setting[person] == Setting::dead) continue;
    const double age = age_of_at_years(person, clock_years);
    const std::size_t band = age_band_of(age);
    if (advance_bands) {
      // From now on bands are those of people's ages now (the same bands
      // with ageing off).
      const std::size_t from = band_of(person);
      if (from != band) by_age_band_.move(from, band, now, held_by(person));
    }
    if (!take_snapshot) continue;
    ++alive[band];
    const bool is_frail = counts_as_frail(people_.frailty[person]);
    if (age >= 85.0) {
      ++snapshot.aged_85_plus;
      if (is_frail) ++snapshot.frail_85_plus;
    }
    if (is_frail) {
      ++snapshot.frail;
      ++frail_by_band[band];
    }
    if (people_.home_care_hours[person] > 0) ++home_care_by_band[band];
    // The published prevalence of dementia and of multimorbidity is of
    // people 65 and over.
    if (age >= 65.0) {
      // Other conditions gained since the last snapshot: they are not
      // events, and nothing but this count reads them, so younger people's
      // are brought up to date only from 65 (each band's gain has its own
      // draw, so the count is the same whenever it is brought up).
      update_other_conditions(person, age);
      ++snapshot.aged_65_plus;
      const std::uint8_t conditions = people_.conditions[person];
      if ((conditions & condition_bit(Condition::dementia)) != 0) ++dementia_by_band[band];
      if (has_multimorbidity(conditions, people_.other_conditions[person])) {
        ++multimorbid_by_band[band];
      }
    }
  }
  if (advance_bands) band_reference_years_ = clock_years;
  if (!take_snapshot) return;
  snapshot.taken = true;
  snapshot.alive = alive_.level();
  for (std::size_t band = 0; band < age_band_count; ++band) {
    by_age_band_.set_snapshot(Metric::population_end, band, year, alive[band]);
    by_age_band_.set_snapshot(Metric::population_frail_end, band, year, frail_by_band[band]);
    by_age_band_.set_snapshot(Metric::people_65_plus_with_dementia_end, band, year,
                              dementia_by_band[band]);
    by_age_band_.set_snapshot(Metric::people_65_plus_with_4_plus_conditions_end, band, year,
                              multimorbid_by_band[band]);
    snapshot.dementia_65_plus += dementia_by_band[band];
    by_age_band_.set_snapshot(Metric::people_with_home_care_end, band, year,
                              home_care_by_band[band]);
    snapshot.multimorbid_65_plus += multimorbid_by_band[band];
    snapshot.home_care_holders += home_care_by_band[band];
  }
  year_end_[year] = snapshot;
}

void CareArea::bring_other_conditions_up_to_date() {
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    if (people_.setting[person] == Setting::dead) continue;
    update_other_conditions(person, age_of(person, plan_.end_days));
  }
}

void CareArea::bring_other_conditions_to(std::uint32_t person, double age) {
  // Ages only rise, so the search starts from the band reached before
  // (update_other_conditions calls this only once the age has passed it).
  const std::uint8_t from = people_.other_conditions_band[person];
  const std::uint8_t band = other_conditions_.band_of_from(age, from);
  people_.other_conditions[person] = other_conditions_.brought_up_to(
      people_.other_conditions[person], from, band, [&](std::size_t entered) {
        return stream(person, purpose_id(Purpose::other_condition_onset), entered);
      });
  people_.other_conditions_band[person] = band;
}

double CareArea::expected_initial_resident_share() const {
  const auto& population = parameters_.population;
  const auto& bounds = population.age_band_lower_bounds;
  double people = 0.0;
  double residents = 0.0;
  for (std::size_t band = 0; band < bounds.size(); ++band) {
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    people += population.age_counts[band];
    residents += population.age_counts[band] *
                 parameters_.care_home.initial_resident_share.mean_over(bounds[band], upper);
  }
  return people > 0.0 ? residents / people : 0.0;
}

double CareArea::expected_initial_home_care_hours_per_person() const {
  // People at home with moderate or high need at the start, times the share
  // holding a package, times its hours (dementia prevalence at the band's
  // lower bound raises need by one level).
  const auto& population = parameters_.population;
  const auto& care = parameters_.social_care;
  if (!care.home_care_enabled) return 0.0;  // no packages, so no hours commissioned
  const auto& bounds = population.age_band_lower_bounds;
  double people = 0.0;
  double hours = 0.0;
  for (std::size_t band = 0; band < bounds.size(); ++band) {
    const double age = bounds[band];
    const auto frailty = risk_.initial_frailty_shares(age);
    const auto& dementia = parameters_.conditions.tracked[static_cast<std::size_t>(Condition::dementia)];
    const double with_dementia = parameters_.conditions.enabled && !dementia.prevalence.values.empty()
                                     ? dementia.prevalence.at(age)
                                     : 0.0;
    double expected = 0.0;
    for (std::size_t level = 0; level < frailty_levels; ++level) {
      const std::size_t plain = level;
      const std::size_t raised = std::min<std::size_t>(level + 1, care_need_levels - 1);
      expected += frailty[level] * ((1.0 - with_dementia) * care.home_care_hours_per_week[plain] +
                                    with_dementia * care.home_care_hours_per_week[raised]);
    }
    const double at_home = 1.0 - parameters_.care_home.initial_resident_share.at(age);
    people += population.age_counts[band];
    hours += population.age_counts[band] * at_home * care.initial_home_care_share * expected;
  }
  return people > 0.0 ? hours / people : 0.0;
}

sim::RandomStream CareArea::stream(std::uint32_t person, std::uint64_t purpose,
                                   std::uint64_t draw) const {
  return streams_.stream(subject_of(area_index_, person), purpose, draw);
}

sim::RandomWords CareArea::words(std::uint32_t person, std::uint64_t purpose,
                                 std::uint64_t draw) const {
  return streams_.words(subject_of(area_index_, person), purpose, draw);
}

const Gompertz& CareArea::mortality_of(std::uint32_t person) const {
  return mortality_[static_cast<std::size_t>(people_.sex[person])];
}

double CareArea::improvement_multiplier(std::uint32_t person) const {
  const double rate = parameters_.mortality.improvement_per_year;
  if (rate == 0.0) return 1.0;
  return MortalityImprovement{rate}.multiplier(
      period_mortality_[static_cast<std::size_t>(people_.sex[person])],
      static_cast<double>(people_.age_at_start[person]));
}

DeathHazard CareArea::death_hazard(std::uint32_t person) const {
  const DeathHazard as_they_age = death_hazard_as_they_age(person);
  if (ageing_ || as_they_age.form != DeathHazard::Form::gompertz) return as_they_age;
  // Nobody ages: the hazard stays at its value when the person joined, at
  // the age they joined at. (Mortality improvement, a change with the
  // calendar rather than with age, is then held there too.)
  return DeathHazard::constant(as_they_age.at(people_.age_joined[person]));
}

DeathHazard CareArea::death_hazard_as_they_age(std::uint32_t person) const {
  const auto& mortality = parameters_.mortality;
  if (!mortality.enabled) return DeathHazard::no_hazard();
  if (people_.care_home_resident[person] != CareHomeType::none) {
    if (mortality.care_home_constant_rate_per_year > 0.0) {
      return DeathHazard::constant(mortality.care_home_constant_rate_per_year);
    }
    // The care-home multiplier replaces frailty and conditions rather than
    // adding to them: it was set against residents' observed mortality,
    // which already reflects their frailty (see england.yaml).
    return DeathHazard::scaled_gompertz(
        mortality_of(person), mortality.care_home_multiplier * improvement_multiplier(person));
  }
  if (!mortality.outside_care_homes_enabled) return DeathHazard::no_hazard();
  if (!risk_.mortality_by_health()) {
    return DeathHazard::scaled_gompertz(mortality_of(person), improvement_multiplier(person));
  }
  return DeathHazard::scaled_gompertz_by_age(
      mortality_of(person),
      risk_.mortality_ratio(people_.frailty[person], people_.conditions[person]) *
          improvement_multiplier(person),
      risk_.mortality_scale_by_age());
}

void CareArea::synthesise() {
  const auto& population = parameters_.population;
  // A person's age band by inverting the cumulative counts at a uniform draw.
  std::vector<double> cumulative;
  double people_counted = 0.0;
  for (const double count : population.age_counts) cumulative.push_back(people_counted += count);
  const auto& bounds = population.age_band_lower_bounds;

  // Events further ahead than a day wait outside the heap (sim::Scheduler),
  // so the heap holds about a day's events, a few hundred to a few thousand
  // an area, and stays in the caches; with buckets a window wide it held a
  // month's and each pop missed them (benchmarks/README.md, fourth round).
  scheduler_.set_bucket_width(scheduler_bucket_days);
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    auto traits = words(person, purpose_id(Purpose::synthesis_traits), 0);
    const double drawn = sim::uniform_from_word(traits[word_of(TraitWord::age_band)]) *
                         people_counted;
    const std::size_t band = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), drawn) -
                                 cumulative.begin()),
        cumulative.size() - 1);
    const double lower = bounds[band];
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    const double age =
        lower + (upper - lower) * sim::uniform_from_word(traits[word_of(TraitWord::age_in_band)]);
    people_.age_at_start[person] = static_cast<float>(age);
    people_.age_joined[person] = static_cast<float>(age);

    people_.sex[person] = drawn_sex(traits, population.female_share[band]);
    synthesise_traits(person, age, traits);

    if (yes_with(traits, word_of(TraitWord::care_home),
                 parameters_.care_home.initial_resident_share.at(age))) {
      const bool nursing = yes_with(traits, word_of(TraitWord::care_home_type),
                                    parameters_.social_care.nursing_share_of_initial_residents);
      PlacePool& pool = places_[nursing ? 1 : 0];
      // Residents beyond the places available start at home: a scenario may
      // set fewer places than the population would fill.
      if (pool.held < pool.capacity) {
        people_.care_home_resident[person] = nursing ? CareHomeType::nursing
                                                     : CareHomeType::residential;
        people_.setting[person] = Setting::care_home;
        ++pool.held;
        if (people_.capital[person] != CapitalBand::above_upper) ++public_residents_;
        // Residents have at least the need their home type meets.
        const Frailty least = nursing ? Frailty::severe : Frailty::moderate;
        people_.frailty[person] = std::max(people_.frailty[person], least);
        continue;
      }
    }
    // At home: a share of those with moderate or high need hold a package.
    const double hours = package_hours(person);
    if (hours > 0.0 && parameters_.social_care.home_care_enabled && publicly_eligible(person)) {
      if (yes_with(traits, word_of(TraitWord::home_care),
                   parameters_.social_care.initial_home_care_share) &&
          home_care_has_room(hours)) {
        people_.home_care_hours[person] = static_cast<std::uint8_t>(hours);
        people_.setting[person] = Setting::home_care;
        home_care_hours_held_ += hours;
        continue;
      }
    }
    if (hours > 0.0) people_.flags[person] |= PersonFlag::unmet_need;
  }
  alive_.change(0.0, static_cast<double>(people_.size()));
  care_home_residents_.change(0.0, static_cast<double>(places_[0].held + places_[1].held));

  // Everyone at the start, by band, added once a band.
  std::array<HeldLevels, age_band_count> held_at_start{};
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    auto& held = held_at_start[band_of(person)];
    ++held[static_cast<std::size_t>(HeldLevel::alive)];
    if (people_.care_home_resident[person] != CareHomeType::none) {
      ++held[static_cast<std::size_t>(HeldLevel::care_home_place)];
    }
    if (people_.flags[person] & PersonFlag::unmet_need) {
      unmet_need_.change(0.0, 1.0);
      ++held[static_cast<std::size_t>(HeldLevel::unmet_need)];
    }
    costs_on(person);
    schedule_death(person, -1.0);
    schedule_next_admission(person);
    schedule_health_change(person);
  }
  for (std::size_t band = 0; band < age_band_count; ++band) {
    for (const HeldLevel level :
         {HeldLevel::alive, HeldLevel::care_home_place, HeldLevel::unmet_need}) {
      by_age_band_.change(band, level, 0.0, held_at_start[band][static_cast<std::size_t>(level)]);
    }
  }
  book_intervention_costs(0.0);
  // After everyone's death is drawn: a shortfall from the start admits
  // only those who would still be alive (care_area_gp.cpp).
  start_gp_cycle();
  schedule_next_entry();
}

double CareArea::entries_per_1000() const {
  const auto& entries = parameters_.population.entries;
  if (!entries.enabled) return 0.0;
  double total = entries.births_per_1000;
  for (const double rate : entries.net_migration_per_1000.values) total += rate;
  return total;
}

void CareArea::schedule_next_entry() {
  // The rate is that of the population now and is held until the next
  // arrival. An area's arrivals come every few hours, so the population
  // hardly changes in between.
  const double per_year = alive_.level() * entries_per_1000() / 1000.0;
  if (!(per_year > 0.0)) return;
  auto timing_stream = streams_.stream(area_subject(area_index_),
                                       purpose_id(Purpose::entry_timing), entry_draws_);
  const double time = scheduler_.now() + exponential_budget(timing_stream) / per_year * days_per_year;
  const std::uint32_t sequence = entry_draws_++;
  if (time >= plan_.end_days) return;
  sim::Event event;
  event.time = time;
  event.sequence = sequence;
  event.kind = entry;
  event.priority = priority_of(entry);
  scheduler_.schedule(event);
}

void CareArea::on_entry() {
  // A new person takes the next index. The columns may move as they grow:
  // nothing keeps a reference into them across events, only indices.
  if (people_.size() >= area_draws_person) return;  // no index left: entries stop
  const auto person = static_cast<std::uint32_t>(people_.size());
  people_.resize(people_.size() + 1);
  const double now = scheduler_.now();
  const auto& population = parameters_.population;
  const auto& entries = population.entries;
  const auto& migration = entries.net_migration_per_1000;
  boost::random::uniform_01<double> uniform;

  // A birth or a migrant, in proportion to the rates; a migrant's age is
  // uniform within their band.
  auto kind_stream = stream(person, purpose_id(Purpose::entry_kind), 0);
  auto traits = words(person, purpose_id(Purpose::synthesis_traits), 0);
  double u = uniform(kind_stream) * entries_per_1000();
  double age = 0.0;
  if (u >= entries.births_per_1000 && !migration.values.empty()) {
    u -= entries.births_per_1000;
    std::size_t band = 0;
    while (band + 1 < migration.values.size() && u >= migration.values[band]) {
      u -= migration.values[band++];
    }
    const double lower = migration.lower_bounds[band];
    const double upper = band + 1 < migration.lower_bounds.size() ? migration.lower_bounds[band + 1]
                                                                  : population.oldest_age;
    age = lower + (upper - lower) * sim::uniform_from_word(traits[word_of(TraitWord::age_in_band)]);
  }
  people_.age_at_start[person] = static_cast<float>(age - now / days_per_year);
  people_.age_joined[person] = static_cast<float>(age);

  // Sex and traits as synthesis gives them at this age.
  const auto& bounds = population.age_band_lower_bounds;
  std::size_t band = 0;
  while (band + 1 < bounds.size() && age >= bounds[band + 1]) ++band;
  people_.sex[person] = drawn_sex(traits, population.female_share[band]);
  synthesise_traits(person, age, traits);

  // New people live at home; one whose need calls for a package asks for
  // it as people at home whose need grows do.
  count(Metric::entries, person);
  // Time at risk is credited from the origin at death or at the end; what
  // lies before this entry is taken off now.
  life_table_.add_time_at_risk(people_.sex[person],
                               static_cast<double>(people_.age_at_start[person]), 0.0, now, -1.0);
  alive_.change(now, 1.0);
  hold(person, HeldLevel::alive, 1.0);
  gp_access_.on_entry(people_, person);
  if (transition_log_ && transition_log_->follows(person)) {
    transition_log_->record(now, person, Setting::home, Setting::home);
  }
  costs_on(person);
  schedule_death(person, -1.0);
  schedule_health_change(person);
  request_package_in_community(person);
  schedule_next_admission(person);
  schedule_next_entry();
}

void CareArea::synthesise_traits(std::uint32_t person, double age, sim::RandomWords& traits) {
  const auto shares = risk_.initial_frailty_shares(age);
  double u = sim::uniform_from_word(traits[word_of(TraitWord::frailty)]);
  std::size_t level = 0;
  while (level + 1 < frailty_levels && u >= shares[level]) u -= shares[level++];
  people_.frailty[person] = static_cast<Frailty>(level);

  if (parameters_.conditions.enabled) {
    std::uint8_t bits = 0;
    for (std::size_t c = 0; c < tracked_conditions; ++c) {
      const auto& prevalence = parameters_.conditions.tracked[c].prevalence;
      if (prevalence.values.empty()) continue;
      if (yes_with(traits, word_of(TraitWord::first_condition, c), prevalence.at(age))) {
        bits |= condition_bit(static_cast<Condition>(c));
      }
    }
    people_.conditions[person] = bits;
  }
  if (other_conditions_.enabled()) {
    auto other_stream = stream(person, purpose_id(Purpose::synthesis_other_conditions), 0);
    people_.other_conditions[person] = other_conditions_.draw_at_synthesis(age, other_stream);
    people_.other_conditions_band[person] = other_conditions_.band_of(age);
  }

  const auto& care = parameters_.social_care;
  const double v = sim::uniform_from_word(traits[word_of(TraitWord::capital)]);
  const double above = care.capital_above_upper_share.values.empty()
                           ? 0.0
                           : care.capital_above_upper_share.at(age);
  const double between =
      care.capital_between_share.values.empty() ? 0.0 : care.capital_between_share.at(age);
  people_.capital[person] = v < above             ? CapitalBand::above_upper
                            : v < above + between ? CapitalBand::between
                                                  : CapitalBand::below_lower;

  if (!care.unpaid_care_enabled) return;  // nobody has a carer
  const auto need = static_cast<std::size_t>(need_of(person));
  people_.carer_hours[person] =
      yes_with(traits, word_of(TraitWord::carer), care.carer_probability[need])
          ? static_cast<std::uint8_t>(std::lround(care.carer_hours_per_week[need]))
          : 0;
}

void CareArea::schedule(std::uint32_t person, EventKind kind, double time,
                        std::uint32_t sequence, std::uint32_t payload) {
  // Every kind needs its tie-break priority.
  static_assert(std::max({admission, death, clinical_stay_end, service_end, year_end,
                          health_change, funding_decided, entry, bed_wait_limit,
                          home_care_wait_limit, gp_shortfall_admission}) <
                event_priorities.size());
  sim::Event event;
  event.time = time;
  event.person = person;
  event.sequence = sequence;
  event.kind = kind;
  event.priority = priority_of(kind);
  event.payload = payload;
  scheduler_.schedule(event);
}

void CareArea::schedule_death(std::uint32_t person, double budget) {
  const double now = scheduler_.now();
  if (budget < 0.0) {
    auto budget_stream = stream(person, purpose_id(Purpose::death_budget), 0);
    budget = exponential_budget(budget_stream);
  }
  const double age = people_.age_at(person, now);
  const double death_age = death_hazard(person).age_at_death(age, budget);
  // Infinite under no hazard: the person never dies and no event is queued.
  const double time =
      std::max(now, (death_age - static_cast<double>(people_.age_at_start[person])) *
                        days_per_year);
  people_.death_time[person] = time;
  const std::uint32_t sequence = next_sequence(person);
  people_.death_event[person] = sequence;
  if (time < plan_.end_days) schedule(person, death, time, sequence);
}

void CareArea::reschedule_death(std::uint32_t person, const DeathHazard& before) {
  // The hazard budget left under the old hazard carries over, so a change of
  // hazard moves the death time without a new draw. Under no hazard none of
  // it has been used: drawing it again (same person, purpose and index)
  // gives it back whole.
  double budget = -1.0;
  if (before.form != DeathHazard::Form::none) {
    const double age = people_.age_at(person, scheduler_.now());
    const double death_age = static_cast<double>(people_.age_at_start[person]) +
                             people_.death_time[person] / days_per_year;
    budget = std::max(0.0, before.remaining_budget(age, death_age));
  }
  schedule_death(person, budget);
}

double CareArea::horizon_years(std::uint32_t person) const {
  // A year's margin, so that no rounding in turning years into a time can
  // bring an answer cut off beyond the horizon back before it.
  const double last_useful = std::min(people_.death_time[person], plan_.end_days);
  return (last_useful - scheduler_.now()) / days_per_year + 1.0;
}

void CareArea::schedule_next_admission(std::uint32_t person) {
  const auto& admissions = parameters_.emergency_admission;
  if (!admissions.enabled) return;  // switched off: no draw, no event
  const double now = scheduler_.now();
  auto budget_stream = stream(person, purpose_id(Purpose::admission_budget),
                              people_.admission_draws[person]++);
  const double budget = exponential_budget(budget_stream);
  double years;
  const double age = age_of(person, now);
  const double multiplier = intervention_admission_multiplier(person, age);
  // Readmissions cluster in the weeks after a discharge.
  const double window_end = readmission_window_end(person);
  const double early_years = std::max(0.0, window_end - now) / days_per_year;
  if (people_.care_home_resident[person] != CareHomeType::none) {
    years = years_until(care_home_admission_rate_, person, age, budget, multiplier, early_years,
                        admissions.readmission_ratio());
  } else {
    const double ratio = multiplier *
                         risk_.admission_ratio(people_.frailty[person], people_.conditions[person],
                                               people_.flags[person] & PersonFlag::unmet_need);
    years = years_until(risk_.admission_rate_per_unit_ratio(), person, age, budget, ratio,
                        early_years, admissions.readmission_ratio());
  }
  const double time = now + years * days_per_year;
  const std::uint32_t sequence = next_sequence(person);
  people_.admission_event[person] = sequence;
  if (time < people_.death_time[person] && time < plan_.end_days) {
    schedule(person, admission, time, sequence);
  }
}

double CareArea::intervention_admission_multiplier(std::uint32_t person, double age) const {
  if (interventions_.empty()) return 1.0;
  return interventions_.admission_hazard_multiplier(age, people_.frailty[person],
                                                    people_.conditions[person], need_of(person),
                                                    residence_of(person), effects_time_);
}

double CareArea::admission_rate_outside_readmission_window(std::uint32_t person,
                                                          double age) const {
  const double multiplier = intervention_admission_multiplier(person, age);
  if (people_.care_home_resident[person] != CareHomeType::none) {
    return care_home_admission_rate_.values[0] * multiplier;
  }
  return risk_.admission_rate_per_unit_ratio().at(age) * multiplier *
         risk_.admission_ratio(people_.frailty[person], people_.conditions[person],
                               people_.flags[person] & PersonFlag::unmet_need);
}

double CareArea::years_until(const AgeSchedule& rate, std::uint32_t person, double age,
                             double budget, double multiplier, double early_years,
                             double early_multiplier) const {
  if (!ageing_) {
    return years_until_hazard_at_fixed_age(rate, age, budget, multiplier, early_years,
                                           early_multiplier);
  }
  return years_until_hazard_raised_early(rate, age, budget, multiplier, early_years,
                                         early_multiplier, horizon_years(person));
}

void CareArea::schedule_health_change(std::uint32_t person) {
  // The next frailty step or condition onset, whichever comes first
  // (models/health_change_hazard.hpp): one budget walked along their summed
  // hazard, and which it is drawn by their shares where the budget runs out.
  const double now = scheduler_.now();
  const double age = age_of(person, now);
  const std::uint64_t round = people_.health_draws[person]++;
  const Sex sex = people_.sex[person];
  const Frailty level = people_.frailty[person];
  const std::uint8_t held = people_.conditions[person];
  const std::uint32_t sequence = next_sequence(person);
  people_.health_event[person] = sequence;
  const AgeSchedule& total = health_change_hazard_.total(sex, level, held);
  if (total.values.empty()) return;  // nothing left that can change
  auto draws = stream(person, purpose_id(Purpose::health_change), round);
  const double budget = exponential_budget(draws);
  std::size_t band = total.band_of(age);
  const double years = ageing_ ? years_until_hazard(total, age, budget, 1.0,
                                                    horizon_years(person), &band)
                               : years_until_hazard_at_fixed_age(total, age, budget, 1.0);
  const double time = now + years * days_per_year;
  if (time < people_.death_time[person] && time < plan_.end_days) {
    const double share = boost::random::uniform_01<double>()(draws);
    schedule(person, health_change, time, sequence,
             health_change_hazard_.which(sex, level, held, band, age, share));
  }
}

void CareArea::advance_to(sim::Days until) {
  // At full scale an area's people far outgrow the caches, and an event's
  // first read of its person is a miss; fetching the next event's person
  // while this one is handled overlaps the two.
  scheduler_.run_until(
      until, [this](const sim::Event& event) { return handle(event); },
      [this](const sim::Event& next) noexcept { people_.prefetch(next.person); });
}

bool CareArea::handle(const sim::Event& event) {
  if (event.kind == year_end) {
    close_year(event.payload, YearEnd::within_run);
    return true;
  }
  if (event.kind == entry) {
    on_entry();
    return true;
  }
  const std::uint32_t person = event.person;
  const Setting setting = people_.setting[person];
  switch (event.kind) {
    case admission:
      if (event.sequence != people_.admission_event[person] || !awaits_admission(setting)) {
        return false;
      }
      on_admission(person);
      return true;
    case death:
      if (event.sequence != people_.death_event[person] || setting == Setting::dead) return false;
      on_death(person);
      return true;
    case clinical_stay_end:
      if (setting != Setting::in_hospital) return false;
      on_clinical_stay_end(person);
      return true;
    case service_end:
      if (!in_service(setting)) return false;
      on_service_end(person);
      return true;
    case health_change:
      if (event.sequence != people_.health_event[person] || setting == Setting::dead) {
        return false;
      }
      on_health_change(person, event.payload);
      return true;
    case bed_wait_limit:
      // bed_since is a float: allow for its rounding (well under 0.01 days
      // over a century) when telling this wait from an earlier one.
      if (setting != Setting::waiting_for_bed ||
          scheduler_.now() - static_cast<double>(people_.bed_since[person]) <
              parameters_.hospital.escalation_after_wait_days - 0.01) {
        return false;
      }
      on_bed_wait_limit(person);
      return true;
    case home_care_wait_limit:
      // fit_to_leave_since is a float: allow for its rounding, as above.
      if (setting != Setting::delayed_discharge ||
          people_.awaiting[person] != AwaitedService::home_care ||
          scheduler_.now() - static_cast<double>(people_.fit_to_leave_since[person]) <
              parameters_.social_care.longest_hospital_wait_days - 0.01) {
        return false;
      }
      on_home_care_wait_limit(person);
      return true;
    case gp_shortfall_admission:
      // Void once the person has left the community (seen in hospital,
      // say) or the cycle they went without in has ended.
      if (!(people_.flags[person] & PersonFlag::without_gp_appointment) ||
          !awaits_admission(setting)) {
        return false;
      }
      count(Metric::gp_shortfall_admissions, person);
      on_admission(person);
      return true;
    case funding_decided:
      if ((setting != Setting::delayed_discharge && setting != Setting::assessment) ||
          people_.awaiting[person] != AwaitedService::funding_decision) {
        return false;
      }
      on_funding_decided(person, event.payload);
      return true;
    default:
      return false;
  }
}

void CareArea::move_to(std::uint32_t person, Setting setting) {
  if (transition_log_ && transition_log_->follows(person)) {
    transition_log_->record(scheduler_.now(), person, people_.setting[person], setting);
  }
  // Running costs depend on the setting only through living at home
  // (unpaid care) and being alive, so most moves leave them as they are.
  const Setting before = people_.setting[person];
  gp_access_.on_move(people_, person, before, setting);
  // Whoever leaves the community has been seen (or has died): going without
  // a GP appointment ends with it.
  if (!awaits_admission(setting)) {
    people_.flags[person] &= static_cast<std::uint8_t>(~PersonFlag::without_gp_appointment);
  }
  if (setting == Setting::dead) {
    costs_off(person);
    people_.setting[person] = setting;
    costs_on(person);  // nothing to add: books what was taken off, now
    return;
  }
  people_.setting[person] = setting;
  // Leaving home or coming back changes only the unpaid care: a package
  // or a care-home place is paid while its holder is in hospital, and need
  // does not change with the setting.
  const bool was_at_home = lives_at_home(before);
  if (was_at_home != lives_at_home(setting)) unpaid_care_changes(person, was_at_home ? -1.0 : 1.0);
}

void CareArea::count(Metric metric, std::uint32_t person, double amount) {
  counts_[index_of(metric)].add_at(scheduler_.now(), amount);
  by_age_band_.count(band_of(person), metric, scheduler_.now(), amount);
}

void CareArea::count_by_band(Metric metric, const std::array<double, age_band_count>& by_band) {
  double total = 0.0;
  for (std::size_t band = 0; band < age_band_count; ++band) {
    if (by_band[band] == 0.0) continue;
    by_age_band_.count(band, metric, scheduler_.now(), by_band[band]);
    total += by_band[band];
  }
  if (total != 0.0) counts_[index_of(metric)].add_at(scheduler_.now(), total);
}

void CareArea::on_admission(std::uint32_t person) {
  count(Metric::emergency_admissions, person);
  // Admissions come only from home or a care home, so a place held is where
  // the person was admitted from.
  if (people_.care_home_resident[person] != CareHomeType::none) {
    count(Metric::emergency_admissions_from_care_homes, person);
  }
  if (scheduler_.now() - static_cast<double>(people_.last_discharge[person]) <= 30.0) {
    count(Metric::readmissions_30d, person);
  }
  ++people_.admissions[person];
  if ((people_.flags[person] & PersonFlag::waiting_for_home_care) &&
      people_.setting[person] == Setting::home) {
    count_waiting_at_home(person, -1.0);  // away from home: counted again on return
  }
  if (beds_occupied_ < beds_) {
    admit_to_bed(person);
  } else {
    count(Metric::admissions_waited_for_bed, person);
    move_to(person, Setting::waiting_for_bed);
    bed_waiters_.change(scheduler_.now(), 1.0);
    hold(person, HeldLevel::waiting_for_bed, 1.0);
    waiting_for_bed_.push(person);
    if (parameters_.hospital.escalation_enabled) {
      // bed_since holds the wait's start until a bed is taken.
      people_.bed_since[person] = static_cast<float>(scheduler_.now());
      schedule(person, bed_wait_limit,
               scheduler_.now() + parameters_.hospital.escalation_after_wait_days,
               next_sequence(person));
    }
  }
}

void CareArea::on_bed_wait_limit(std::uint32_t person) {
  // Still waiting from the same admission: the hospital escalates. The
  // person's place in the queue is skipped later, as for deaths.
  count(Metric::escalation_admissions, person);
  bed_waiters_.change(scheduler_.now(), -1.0);
  hold(person, HeldLevel::waiting_for_bed, -1.0);
  admit_to_bed(person);
}

void CareArea::admit_to_bed(std::uint32_t person) {
  const double now = scheduler_.now();
  occupy_bed();
  hold(person, HeldLevel::hospital_bed, 1.0);
  people_.bed_since[person] = static_cast<float>(now);
  move_to(person, Setting::in_hospital);
  if (people_.flags[person] & PersonFlag::dying) return;  // stays until death
  const std::uint64_t stay = people_.admissions[person] - 1u;
  auto same_day_stream = stream(person, purpose_id(Purpose::same_day_stay), stay);
  double length;
  if (bernoulli(same_day_stream, parameters_.hospital.same_day_share)) {
    // A fixed length draws nothing, so a number gives the same stream of
    // draws as when only a number was allowed.
    auto length_stream = stream(person, purpose_id(Purpose::same_day_stay_length), stay);
    length = parameters_.hospital.same_day_stay_days.sample(length_stream);
  } else {
    auto stay_stream = stream(person, purpose_id(Purpose::length_of_stay), stay);
    length = parameters_.hospital.overnight_length_of_stay.sample(stay_stream) *
             stay_length_.multiplier(age_of(person, now), people_.frailty[person]);
    if (!interventions_.empty()) {
      length *= interventions_.length_of_stay_multiplier(
          age_of(person, now), people_.frailty[person], people_.conditions[person],
          need_of(person), residence_of(person), effects_time_);
    }
  }
  schedule(person, clinical_stay_end, now + length, next_sequence(person));
}

void CareArea::occupy_bed() {
  ++beds_occupied_;
  bed_cost(CareService::hospital, +1.0);
  occupied_beds_.change(scheduler_.now(), 1.0);
  bed_levels_changed();
}

void CareArea::bed_levels_changed() {
  const double now = scheduler_.now();
  const double full = beds_occupied_ >= beds_ ? 1.0 : 0.0;
  if (full != hospital_full_.level()) hospital_full_.change(now, full - hospital_full_.level());
  const double over = static_cast<double>(std::max<std::int64_t>(0, beds_occupied_ - beds_));
  if (over != escalation_beds_.level()) escalation_beds_.change(now, over - escalation_beds_.level());
}

void CareArea::release_bed(std::uint32_t person) {
  const double now = scheduler_.now();
  people_.last_discharge[person] = static_cast<float>(now);
  const double stay = now - static_cast<double>(people_.bed_since[person]);
  count(Metric::hospital_stays_ended, person);
  count(Metric::ended_hospital_stay_days, person, stay);
  if (stay >= 1.0) {
    count(Metric::overnight_stays_ended, person);
    count(Metric::overnight_stay_days, person, stay);
  }
  --beds_occupied_;
  bed_cost(CareService::hospital, -1.0);
  occupied_beds_.change(now, -1.0);
  hold(person, HeldLevel::hospital_bed, -1.0);
  bed_levels_changed();
  // An escalation bed closes rather than passing to the next patient.
  while (beds_occupied_ < beds_ && !waiting_for_bed_.empty()) {
    const std::uint32_t next = waiting_for_bed_.pop();
    if (people_.setting[next] != Setting::waiting_for_bed) continue;  // died waiting
    bed_waiters_.change(scheduler_.now(), -1.0);
    hold(next, HeldLevel::waiting_for_bed, -1.0);
    admit_to_bed(next);
    break;
  }
}

void CareArea::begin_delay(std::uint32_t person, AwaitedService reason) {
  const double now = scheduler_.now();
  if (people_.setting[person] != Setting::delayed_discharge) {
    move_to(person, Setting::delayed_discharge);
    people_.fit_to_leave_since[person] = static_cast<float>(now);
    delayed_patients_.change(now, 1.0);
    hold(person, HeldLevel::delayed_discharge, 1.0);
    bed_cost(CareService::hospital, -1.0);
    bed_cost(CareService::delayed_discharge, +1.0);
  } else {
    delayed_by_reason_[static_cast<std::size_t>(people_.awaiting[person])].change(now, -1.0);
    hold(person, delayed_for(people_.awaiting[person]), -1.0);
  }
  people_.awaiting[person] = reason;
  delayed_by_reason_[static_cast<std::size_t>(reason)].change(now, 1.0);
  hold(person, delayed_for(reason), 1.0);
}

void CareArea::end_delay(std::uint32_t person) {
  if (people_.setting[person] != Setting::delayed_discharge) return;
  const double now = scheduler_.now();
  delayed_patients_.change(now, -1.0);
  delayed_by_reason_[static_cast<std::size_t>(people_.awaiting[person])].change(now, -1.0);
  hold(person, HeldLevel::delayed_discharge, -1.0);
  hold(person, delayed_for(people_.awaiting[person]), -1.0);
  people_.awaiting[person] = AwaitedService::none;
  bed_cost(CareService::delayed_discharge, -1.0);
  bed_cost(CareService::hospital, +1.0);  // until release_bed ends the stay
}

bool CareArea::publicly_eligible(std::uint32_t person) const {
  return people_.capital[person] == CapitalBand::above_upper ||
         static_cast<double>(need_of(person)) >= levers().eligibility_threshold;
}

double CareArea::package_hours(std::uint32_t person) const {
  return parameters_.social_care.home_care_hours_per_week[static_cast<std::size_t>(
      need_of(person))];
}

void CareArea::on_clinical_stay_end(std::uint32_t person) {
  if (people_.care_home_resident[person] != CareHomeType::none) {
    // Residents keep their place while in hospital and go back to it.
    return_to_community(person);
    return;
  }
  const double age = age_of(person, scheduler_.now());
  auto destination_stream = stream(person, purpose_id(Purpose::discharge_destination),
                                   people_.admissions[person] - 1u);
  const bool needs_care_home =
      bernoulli(destination_stream, parameters_.discharge.care_home_probability.at(age));
  if (needs_care_home) {
    // An admission that ends in a placement marks a decline: the person has
    // at least moderate frailty from now on (ASSUMPTION, see england.yaml).
    if (people_.frailty[person] < Frailty::moderate) {
      const DeathHazard before = death_hazard(person);
      costs_off(person);
      people_.frailty[person] = Frailty::moderate;
      costs_on(person);
      reschedule_death(person, before);
    }
    if (!parameters_.care_home.admissions_enabled) {
      // No placements (nor P3 assessments for one): home, asking for home
      // care as after a refused placement.
      seek_home_care_from_hospital(person);
      return;
    }
    if (routes_via_assessment(person, age)) {
      // Discharge to assess: the long-term decision is made in a P3 bed.
      DischargeServiceState& beds = assessment_beds();
      if (beds.has_room()) {
        start_discharge_service(person, beds);
      } else {
        begin_delay(person, AwaitedService::assessment);
        beds.waiting.push(person);
      }
      return;
    }
    seek_care_home(person);
    return;
  }
  DischargeServiceState* service = choose_discharge_service(person, age);
  if (service == nullptr) {
    seek_home_care_from_hospital(person);
  } else if (service->has_room()) {
    start_discharge_service(person, *service);
  } else {
    begin_delay(person, service->awaited);
    service->waiting.push(person);
  }
}

void CareArea::seek_care_home(std::uint32_t person) {
  if (!publicly_eligible(person)) {
    // Refused council funding and unable to pay: home, with whatever
    // package the person can get.
    count(Metric::care_home_refusals, person);
    seek_home_care_from_hospital(person);
    return;
  }
  if (!awaits_funding_decision(person, funding_for_placement)) try_place_in_care_home(person);
}

double CareArea::approval_delay(std::uint32_t person, std::uint32_t decision) const {
  const sim::Distribution& baseline = parameters_.social_care.assessment_days;
  double days = levers().approval_delay_days;
  if (baseline.family() != sim::DistributionFamily::fixed) {
    // The person's own wait, plus the days rationing has added to the
    // baseline mean (the lever); a fixed wait is the lever itself.
    const std::uint64_t draw = 2u * (people_.admissions[person] - 1u) +
                               (decision == funding_for_package ? 1u : 0u);
    auto wait_stream = stream(person, purpose_id(Purpose::funding_decision_wait), draw);
    days = baseline.sample(wait_stream) + (days - baseline.mean());
  }
  return std::max(0.0, days) *
         (interventions_.empty() ? 1.0 : interventions_.discharge_delay_multiplier(effects_time_));
}

bool CareArea::awaits_funding_decision(std::uint32_t person, std::uint32_t decision) {
  if (people_.capital[person] == CapitalBand::above_upper) {
    return false;  // self-funders arrange their own care
  }
  const double delay = approval_delay(person, decision);
  if (delay <= 0.0) return false;
  wait_for(person, AwaitedService::funding_decision);
  schedule(person, funding_decided, scheduler_.now() + delay, next_sequence(person), decision);
  return true;
}

void CareArea::on_funding_decided(std::uint32_t person, std::uint32_t decision) {
  // The decision was asked for a placement (1) or a package (2).
  if (decision == funding_for_placement) {
    try_place_in_care_home(person);
    return;
  }
  discharge_with_package(person);
}

void CareArea::discharge_with_package(std::uint32_t person) {
  if (home_care_has_room(package_hours(person))) {
    leave_hospital_with_package(person);
  } else {
    begin_delay(person, AwaitedService::home_care);
    home_care_waiting_hospital_.push({person, people_.fit_to_leave_since[person]});
    const double limit = parameters_.social_care.longest_hospital_wait_days;
    if (limit > 0.0) {
      const double since = static_cast<double>(people_.fit_to_leave_since[person]);
      schedule(person, home_care_wait_limit, std::max(scheduler_.now(), since + limit),
               next_sequence(person));
    }
  }
}

void CareArea::on_home_care_wait_limit(std::uint32_t person) {
  // Home without the package, to wait for it there (its place in the
  // hospital queue is skipped later, as for deaths).
  count(Metric::home_care_waits_sent_home, person);
  start_waiting_for_home_care(person);
  go_home(person);  // joins the community queue
}

void CareArea::leave_hospital_with_package(std::uint32_t person) {
  end_delay(person);
  start_package(person, package_hours(person));
  release_bed(person);
  schedule_next_admission(person);
}

void CareArea::try_place_in_care_home(std::uint32_t person) {
  const CareHomeType needed = type_needed(person);
  const bool council = people_.capital[person] != CapitalBand::above_upper;
  const bool council_room =
      !council || static_cast<double>(public_residents_) < effective_capacity_[3];
  // A residential place, or failing that a nursing one: nursing homes take
  // residents who need less care (most are registered for both), while
  // residential homes cannot give nursing care.
  for (const CareHomeType type : {needed, CareHomeType::nursing}) {
    const PlacePool& pool = places_[place_index(type)];
    if (council_room && pool.held < pool.capacity) {
      enter_care_home(person, type);
      return;
    }
  }
  PlacePool& pool = places_[place_index(needed)];
  wait_for(person, AwaitedService::care_home);
  (council ? pool.waiting_public : pool.waiting_private).push(person);
}

void CareArea::wait_for(std::uint32_t person, AwaitedService reason) {
  if (people_.setting[person] == Setting::assessment) {
    begin_assessment_wait(person, reason);
  } else {
    begin_delay(person, reason);
  }
}

bool CareArea::seeks_package(std::uint32_t person, std::uint64_t occasion) const {
  auto take_up_stream = stream(person, purpose_id(Purpose::home_care_take_up), occasion);
  return bernoulli(take_up_stream, parameters_.social_care.new_package_share);
}

void CareArea::seek_home_care_from_hospital(std::uint32_t person) {
  if (people_.flags[person] & PersonFlag::waiting_for_home_care) {
    // Already waiting at home for a package: back to the community queue
    // rather than asking (and waiting for a decision) again.
    return_to_community(person);
    return;
  }
  const double hours = package_hours(person);
  if (hours <= 0.0 || people_.home_care_hours[person] > 0 ||
      !seeks_package(person, people_.admissions[person])) {
    return_to_community(person);
    return;
  }
  if (!parameters_.social_care.home_care_enabled) {
    go_home(person);  // no service to ask: home without a package, with unmet need
    return;
  }
  if (!publicly_eligible(person)) {
    count(Metric::home_care_refusals, person);
    go_home(person);
    return;
  }
  if (!awaits_funding_decision(person, funding_for_package)) discharge_with_package(person);
}

void CareArea::start_package(std::uint32_t person, double hours) {
  const double now = scheduler_.now();
  stop_waiting_for_home_care(person);
  if (people_.flags[person] & PersonFlag::unmet_need) {
    people_.flags[person] &= static_cast<std::uint8_t>(~PersonFlag::unmet_need);
    unmet_need_.change(now, -1.0);
    hold(person, HeldLevel::unmet_need, -1.0);
  }
  count(Metric::home_care_packages_started, person);
  costs_off(person);
  people_.home_care_hours[person] = static_cast<std::uint8_t>(hours);
  home_care_hours_held_ += hours;
  costs_on(person);
  move_to(person, Setting::home_care);
}

void CareArea::end_package(std::uint32_t person) {
  const double hours = people_.home_care_hours[person];
  if (hours <= 0.0) return;
  costs_off(person);
  people_.home_care_hours[person] = 0;
  home_care_hours_held_ -= hours;
  costs_on(person);
  serve_home_care_queues();
}

void CareArea::serve_home_care_queues() {
  // Patients waiting in hospital come first: their wait blocks a bed.
  while (!home_care_waiting_hospital_.empty()) {
    const HospitalWait wait = home_care_waiting_hospital_.front();
    const std::uint32_t next = wait.person;
    if (people_.setting[next] != Setting::delayed_discharge ||
        people_.awaiting[next] != AwaitedService::home_care ||
        people_.fit_to_leave_since[next] != wait.fit_to_leave_since) {
      (void)home_care_waiting_hospital_.pop();  // died, left, or waits again later
      continue;
    }
    if (!home_care_has_room(package_hours(next))) return;
    (void)home_care_waiting_hospital_.pop();
    leave_hospital_with_package(next);
  }
  while (!home_care_waiting_community_.empty()) {
    const std::uint32_t next = home_care_waiting_community_.front();
    if (!(people_.flags[next] & PersonFlag::waiting_for_home_care) ||
        people_.setting[next] != Setting::home) {
      (void)home_care_waiting_community_.pop();
      continue;
    }
    if (!home_care_has_room(package_hours(next))) return;
    (void)home_care_waiting_community_.pop();
    start_package(next, package_hours(next));
  }
}

void CareArea::request_package_in_community(std::uint32_t person) {
  const double hours = package_hours(person);
  if (hours <= 0.0 || people_.home_care_hours[person] > 0 ||
      people_.setting[person] != Setting::home ||
      (people_.flags[person] & PersonFlag::waiting_for_home_care)) {
    return;
  }
  // Community requests draw apart from hospital ones (admissions stay far
  // below 2^32).
  if (!seeks_package(person, (std::uint64_t{1} << 32) + people_.health_draws[person])) return;
  const double now = scheduler_.now();
  const bool service = parameters_.social_care.home_care_enabled;
  const bool eligible = publicly_eligible(person);
  if (service && eligible && home_care_has_room(hours)) {
    start_package(person, hours);
    schedule_next_admission(person);
    return;
  }
  if (!(people_.flags[person] & PersonFlag::unmet_need)) {
    people_.flags[person] |= PersonFlag::unmet_need;
    unmet_need_.change(now, 1.0);
    hold(person, HeldLevel::unmet_need, 1.0);
    schedule_next_admission(person);  // unmet need raises the admission hazard
  }
  if (!service) return;  // none to be refused or to wait for
  if (!eligible) {
    count(Metric::home_care_refusals, person);
    return;
  }
  start_waiting_for_home_care(person);
  home_care_waiting_community_.push(person);
}

void CareArea::count_waiting_at_home(std::uint32_t person, double change) {
  community_waiting_.change(scheduler_.now(), change);
  hold(person, HeldLevel::waiting_for_home_care, change);
}

void CareArea::start_waiting_for_home_care(std::uint32_t person) {
  if (people_.flags[person] & PersonFlag::waiting_for_home_care) return;
  people_.flags[person] |= PersonFlag::waiting_for_home_care;
  if (people_.setting[person] == Setting::home) count_waiting_at_home(person, 1.0);
}

void CareArea::stop_waiting_for_home_care(std::uint32_t person) {
  if (!(people_.flags[person] & PersonFlag::waiting_for_home_care)) return;
  people_.flags[person] &= static_cast<std::uint8_t>(~PersonFlag::waiting_for_home_care);
  if (people_.setting[person] == Setting::home) count_waiting_at_home(person, -1.0);
}

void CareArea::rejoin_home_care_queue(std::uint32_t person) {
  // The community queue drops whoever is away when their turn comes (in
  // hospital, in a discharge service); back home, they wait again, at the
  // back, unless their entry has not been reached yet. An entry still in
  // the queue makes a harmless duplicate: the first served clears the flag
  // and the queue then skips the other.
  if (!(people_.flags[person] & PersonFlag::waiting_for_home_care) ||
      people_.setting[person] != Setting::home) {
    return;
  }
  count_waiting_at_home(person, 1.0);
  home_care_waiting_community_.push(person);
  serve_home_care_queues();  // hours may have been free while they were away
}

void CareArea::go_home(std::uint32_t person) {
  // Home without a package although the person needs one: unmet need.
  if (package_hours(person) > 0.0 && !(people_.flags[person] & PersonFlag::unmet_need)) {
    people_.flags[person] |= PersonFlag::unmet_need;
    unmet_need_.change(scheduler_.now(), 1.0);
    hold(person, HeldLevel::unmet_need, 1.0);
  }
  end_delay(person);
  move_to(person, Setting::home);
  release_bed(person);
  rejoin_home_care_queue(person);
  schedule_next_admission(person);
}

DischargeServiceState* CareArea::choose_discharge_service(std::uint32_t person, double age) {
  const double reablement = parameters_.discharge.reablement.probability.at(age);
  const double rehabilitation = parameters_.discharge.rehabilitation.probability.at(age);
  if (reablement <= 0.0 && rehabilitation <= 0.0) return nullptr;
  auto choice_stream = stream(person, purpose_id(Purpose::discharge_service),
                              people_.admissions[person] - 1u);
  const double u = boost::random::uniform_01<double>()(choice_stream);
  DischargeServiceState* needed = u < reablement                    ? &services_[0]
                                  : u < reablement + rehabilitation ? &services_[1]
                                                                    : nullptr;
  // A service switched off is not there to wait for: the discharge goes
  // ahead without it. The draw is the same either way, so whoever needs
  // the other service still gets it.
  if (needed != nullptr && !needed->parameters->enabled) return nullptr;
  return needed;
}

bool CareArea::routes_via_assessment(std::uint32_t person, double age) {
  const AssessmentParameters& assessment = parameters_.discharge.assessment;
  if (assessment_beds().capacity <= 0) return false;  // switched off: no draw
  const double share = assessment.service.probability.at(age);
  if (share <= 0.0) return false;
  auto route_stream = stream(person, purpose_id(Purpose::assessment_route),
                             people_.admissions[person] - 1u);
  return bernoulli(route_stream, share);
}

DischargeServiceState& CareArea::service_for(Setting setting) {
  for (auto& service : services_) {
    if (service.setting == setting) return service;
  }
  return services_[1];
}

DischargeServiceState& CareArea::service_for(AwaitedService awaited) {
  for (auto& service : services_) {
    if (service.awaited == awaited) return service;
  }
  return services_[1];
}

void CareArea::start_discharge_service(std::uint32_t person, DischargeServiceState& service) {
  const double now = scheduler_.now();
  end_delay(person);
  ++service.in_use;
  service.used.change(now, 1.0);
  hold(person, use_of(service), 1.0);
  service_cost(service, +1.0);
  move_to(person, service.setting);
  release_bed(person);
  if (service.setting == Setting::assessment) {
    count(Metric::assessment_admissions, person);
    // The hospital stay has ended: bed_since now holds when the P3 bed was
    // taken, until the next admission.
    people_.bed_since[person] = static_cast<float>(now);
  }
  auto length_stream = stream(person, purpose_id(Purpose::discharge_service_length),
                              people_.admissions[person] - 1u);
  const double length = service.parameters->length_of_service.sample(length_stream);
  schedule(person, service_end, now + length, next_sequence(person));
}

void CareArea::on_service_end(std::uint32_t person) {
  if (people_.setting[person] == Setting::assessment) {
    on_assessment_end(person);
    return;
  }
  DischargeServiceState& service = service_for(people_.setting[person]);
  move_to(person, people_.home_care_hours[person] > 0 ? Setting::home_care : Setting::home);
  release_service_place(person, service);
  rejoin_home_care_queue(person);
  request_package_in_community(person);
  schedule_next_admission(person);
}

void CareArea::on_assessment_end(std::uint32_t person) {
  // The same draw index as the stay's other draws: one P3 stay per admission.
  auto outcome_stream = stream(person, purpose_id(Purpose::assessment_outcome),
                               people_.admissions[person] - 1u);
  if (!bernoulli(outcome_stream, parameters_.discharge.assessment.permanent_placement_share)) {
    leave_assessment_for_home(person);
    return;
  }
  // A permanent place, sought as from hospital (means test, eligibility,
  // funding decision) while the person keeps the P3 bed.
  people_.fit_to_leave_since[person] = static_cast<float>(scheduler_.now());
  if (!publicly_eligible(person)) {
    count(Metric::care_home_refusals, person);
    leave_assessment_for_home(person);
    return;
  }
  if (!awaits_funding_decision(person, funding_for_placement)) try_place_in_care_home(person);
}

void CareArea::leave_assessment_for_home(std::uint32_t person) {
  count(Metric::assessment_discharges_home, person);
  end_assessment_wait(person);
  move_to(person, people_.home_care_hours[person] > 0 ? Setting::home_care : Setting::home);
  release_service_place(person, assessment_beds());
  rejoin_home_care_queue(person);
  request_package_in_community(person);
  schedule_next_admission(person);
}

void CareArea::begin_assessment_wait(std::uint32_t person, AwaitedService reason) {
  if (people_.awaiting[person] == AwaitedService::none) {
    assessment_waiting_.change(scheduler_.now(), 1.0);
    hold(person, HeldLevel::assessment_delay, 1.0);
  }
  people_.awaiting[person] = reason;
}

void CareArea::end_assessment_wait(std::uint32_t person) {
  if (people_.awaiting[person] == AwaitedService::none) return;
  assessment_waiting_.change(scheduler_.now(), -1.0);
  hold(person, HeldLevel::assessment_delay, -1.0);
  people_.awaiting[person] = AwaitedService::none;
}

void CareArea::release_service_place(std::uint32_t person, DischargeServiceState& service) {
  if (service.setting == Setting::assessment) {
    count(Metric::assessment_stays_ended, person);
    count(Metric::ended_assessment_stay_days, person,
          scheduler_.now() - static_cast<double>(people_.bed_since[person]));
  }
  --service.in_use;
  service.used.change(scheduler_.now(), -1.0);
  hold(person, use_of(service), -1.0);
  service_cost(service, -1.0);
  serve_service_queue(service);
}

void CareArea::serve_service_queue(DischargeServiceState& service) {
  while (!service.waiting.empty() && service.has_room()) {
    const std::uint32_t next = service.waiting.pop();
    if (people_.setting[next] != Setting::delayed_discharge ||
        people_.awaiting[next] != service.awaited) {
      continue;  // died waiting
    }
    start_discharge_service(next, service);
  }
}

void CareArea::return_to_community(std::uint32_t person) {
  end_delay(person);
  const Setting setting = people_.care_home_resident[person] != CareHomeType::none
                              ? Setting::care_home
                          : people_.home_care_hours[person] > 0 ? Setting::home_care
                                                                : Setting::home;
  move_to(person, setting);
  release_bed(person);
  rejoin_home_care_queue(person);
  schedule_next_admission(person);
}

void CareArea::enter_care_home(std::uint32_t person, CareHomeType type) {
  const double now = scheduler_.now();
  const bool from_assessment = people_.setting[person] == Setting::assessment;
  if (from_assessment) end_assessment_wait(person);
  if (people_.setting[person] == Setting::delayed_discharge) {
    count(Metric::care_home_placements_delayed, person);
    count(Metric::care_home_placement_delay_days, person,
          now - static_cast<double>(people_.fit_to_leave_since[person]));
    end_delay(person);
  }
  const DeathHazard before = death_hazard(person);
  ++places_[place_index(type)].held;
  if (people_.capital[person] != CapitalBand::above_upper) ++public_residents_;
  care_home_residents_.change(now, 1.0);
  hold(person, HeldLevel::care_home_place, 1.0);
  count(Metric::care_home_admissions, person);
  count(type == CareHomeType::nursing ? Metric::care_home_admissions_nursing
                                      : Metric::care_home_admissions_residential,
        person);
  if (people_.flags[person] & PersonFlag::unmet_need) {
    people_.flags[person] &= static_cast<std::uint8_t>(~PersonFlag::unmet_need);
    unmet_need_.change(now, -1.0);
    hold(person, HeldLevel::unmet_need, -1.0);
  }
  stop_waiting_for_home_care(person);  // a resident waits for no package
  end_package(person);
  costs_off(person);
  people_.care_home_resident[person] = type;
  costs_on(person);
  move_to(person, Setting::care_home);
  if (from_assessment) {
    release_service_place(person, assessment_beds());
  } else {
    release_bed(person);
  }
  reschedule_death(person, before);
  schedule_next_admission(person);
}

void CareArea::release_care_home_place(std::uint32_t person, CareHomeType type) {
  PlacePool& pool = places_[place_index(type)];
  --pool.held;
  care_home_residents_.change(scheduler_.now(), -1.0);
  hold(person, HeldLevel::care_home_place, -1.0);
  fill_from_queues();
}

void CareArea::on_health_change(std::uint32_t person, std::uint32_t which) {
  const DeathHazard before = death_hazard(person);
  const CareNeed need_before = need_of(person);
  costs_off(person);
  if (which == 0) {
    people_.frailty[person] =
        static_cast<Frailty>(static_cast<std::uint8_t>(people_.frailty[person]) + 1);
    count(Metric::frailty_progressions, person);
  } else {
    people_.conditions[person] |= condition_bit(static_cast<Condition>(which - 1));
    count(Metric::condition_onsets, person);
  }
  const CareNeed need = need_of(person);
  if (need != need_before && parameters_.social_care.unpaid_care_enabled) {
    // A new level of need: the person may now have an unpaid carer.
    const auto& care = parameters_.social_care;
    const auto level = static_cast<std::size_t>(need);
    auto carer_stream = stream(person, purpose_id(Purpose::carer_on_need_change),
                               people_.health_draws[person]);
    if (people_.carer_hours[person] > 0 || bernoulli(carer_stream, care.carer_probability[level])) {
      people_.carer_hours[person] =
          static_cast<std::uint8_t>(std::lround(care.carer_hours_per_week[level]));
    }
  }
  costs_on(person);
  reschedule_death(person, before);
  if (need != need_before && people_.setting[person] == Setting::home) {
    request_package_in_community(person);
  }
  if (people_.setting[person] == Setting::home || people_.setting[person] == Setting::home_care) {
    schedule_next_admission(person);
  }
  schedule_health_change(person);
}

bool CareArea::admitted_to_die(std::uint32_t person) {
  const auto& end_of_life = parameters_.mortality.end_of_life_admission;
  const Setting setting = people_.setting[person];
  // An end-of-life admission is an emergency admission: none when those
  // are switched off.
  if (!end_of_life.enabled || !parameters_.emergency_admission.enabled ||
      (setting != Setting::home && setting != Setting::home_care && setting != Setting::care_home)) {
    return false;
  }
  auto end_of_life_stream = stream(person, purpose_id(Purpose::end_of_life_admission), 0);
  const double probability = setting == Setting::care_home ? end_of_life.care_home_probability
                                                           : end_of_life.community_probability;
  if (!bernoulli(end_of_life_stream, probability)) return false;
  // The hazard's time of death becomes the time of the last admission; the
  // death follows the stay. A health change may still be queued (one drawn
  // before the hazard moved the death earlier): it is cancelled, as it
  // would otherwise move the death again. Admissions need no cancelling:
  // they act only on people at home or in a care home.
  people_.health_event[person] = next_sequence(person);
  auto stay_stream = stream(person, purpose_id(Purpose::end_of_life_admission), 1);
  const double time = scheduler_.now() + end_of_life.stay.sample(stay_stream);
  people_.death_time[person] = time;
  const std::uint32_t sequence = next_sequence(person);
  people_.death_event[person] = sequence;
  if (time < plan_.end_days) schedule(person, death, time, sequence);
  people_.flags[person] |= PersonFlag::dying;
  count(Metric::end_of_life_admissions, person);
  on_admission(person);
  return true;
}

void CareArea::on_death(std::uint32_t person) {
  if (admitted_to_die(person)) return;
  const double now = scheduler_.now();
  const Setting setting = people_.setting[person];
  switch (setting) {
    case Setting::home:
    case Setting::home_care:
    case Setting::reablement:
      count(Metric::deaths_at_home, person);
      break;
    case Setting::care_home:
    case Setting::assessment:  // P3 beds are care-home beds
      count(Metric::deaths_in_care_home, person);
      break;
    default:
      count(Metric::deaths_in_hospital, person);
      break;
  }
  count(Metric::deaths, person);
  life_table_.count_death(people_.sex[person], people_.age_at(person, now), now);
  life_table_.add_time_at_risk(people_.sex[person],
                               static_cast<double>(people_.age_at_start[person]), 0.0, now, 1.0);
  alive_.change(now, -1.0);
  hold(person, HeldLevel::alive, -1.0);
  if (people_.flags[person] & PersonFlag::unmet_need) {
    unmet_need_.change(now, -1.0);
    hold(person, HeldLevel::unmet_need, -1.0);
  }
  stop_waiting_for_home_care(person);
  people_.flags[person] = 0;
  switch (setting) {
    case Setting::waiting_for_bed:
      bed_waiters_.change(now, -1.0);
      hold(person, HeldLevel::waiting_for_bed, -1.0);
      break;
    case Setting::delayed_discharge:
      end_delay(person);
      release_bed(person);
      break;
    case Setting::in_hospital:
      release_bed(person);
      break;
    case Setting::assessment:
      end_assessment_wait(person);
      break;
    default:
      break;
  }
  move_to(person, Setting::dead);
  if (in_service(setting)) {
    release_service_place(person, service_for(setting));
  }
  const double hours = people_.home_care_hours[person];
  if (hours > 0.0) {
    people_.home_care_hours[person] = 0;
    home_care_hours_held_ -= hours;
    serve_home_care_queues();
  }
  const CareHomeType type = people_.care_home_resident[person];
  if (type != CareHomeType::none) {
    if (people_.capital[person] != CapitalBand::above_upper) --public_residents_;
    people_.care_home_resident[person] = CareHomeType::none;
    release_care_home_place(person, type);
  }
}

void CareArea::fill_from_queues() {
  for (auto& service : services_) serve_service_queue(service);
  serve_home_care_queues();
  // Nursing places go to those waiting for one first, then to those waiting
  // for a residential place (see try_place_in_care_home).
  serve_care_home_queue(CareHomeType::residential, CareHomeType::residential);
  serve_care_home_queue(CareHomeType::nursing, CareHomeType::nursing);
  serve_care_home_queue(CareHomeType::nursing, CareHomeType::residential);
}

void CareArea::serve_care_home_queue(CareHomeType place, CareHomeType waiting_for) {
  PlacePool& pool = places_[place_index(place)];
  PlacePool& queues = places_[place_index(waiting_for)];
  while (pool.held < pool.capacity) {
    // The longest wait first among those who may take the place now.
    auto head = [&](sim::Fifo<std::uint32_t>& queue) -> std::int64_t {
      while (!queue.empty()) {
        const std::uint32_t next = queue.front();
        // Waiting in a hospital bed or, assessed, in a P3 bed.
        const Setting where = people_.setting[next];
        if ((where == Setting::delayed_discharge || where == Setting::assessment) &&
            people_.awaiting[next] == AwaitedService::care_home) {
          return next;
        }
        (void)queue.pop();
      }
      return -1;
    };
    const std::int64_t council = static_cast<double>(public_residents_) >= effective_capacity_[3]
                                     ? -1
                                     : head(queues.waiting_public);
    const std::int64_t private_payer = head(queues.waiting_private);
    if (council < 0 && private_payer < 0) break;
    const bool take_council =
        private_payer < 0 ||
        (council >= 0 && people_.fit_to_leave_since[static_cast<std::size_t>(council)] <=
                             people_.fit_to_leave_since[static_cast<std::size_t>(private_payer)]);
    auto& queue = take_council ? queues.waiting_public : queues.waiting_private;
    enter_care_home(queue.pop(), place);
  }
}

void CareArea::finish(sim::Days end) {
  if (finished_) return;
  finished_ = true;
  if (plan_.years > 0) close_year(plan_.years - 1, YearEnd::end_of_run);
  for (auto& service : services_) service.used.flush(end);
  for (auto& level : delayed_by_reason_) level.flush(end);
  for (auto* level : {&occupied_beds_, &delayed_patients_, &assessment_waiting_, &bed_waiters_,
                      &care_home_residents_,
                      &alive_, &hospital_full_, &escalation_beds_, &home_care_hours_,
                      &unpaid_care_hours_,
                      &unmet_need_, &community_waiting_}) {
    level->flush(end);
  }
  for (auto& by_service : cost_rates_) {
    for (auto& rate : by_service) rate.flush(end);
  }
  for (auto& rate : intervention_cost_rates_) rate.flush(end);
  settle_band_costs();
  by_age_band_.flush(end);
  gp_access_.finish(end);
  // The survivors' time at risk, from the origin to the end.
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    if (people_.setting[person] == Setting::dead) continue;
    life_table_.add_time_at_risk(people_.sex[person],
                                 static_cast<double>(people_.age_at_start[person]), 0.0, end, 1.0);
  }
}

}  // namespace hcsim::models
