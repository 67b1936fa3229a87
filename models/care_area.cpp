#include "models/care_area.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <algorithm>
#include <cmath>

#include "models/capacity.hpp"
#include "models/hazard_timing.hpp"
#include "models/random_purpose.hpp"

namespace hcsim::models {
namespace {

constexpr double days_per_year = 365.25;

// Equal-time ties: deaths first (a person who dies does not then get
// discharged), then the end of a hospital stay (freeing a bed), then arrivals.
constexpr std::uint16_t priority_of(std::uint16_t kind) noexcept {
  // admission, death, stay end, service end, year end (after everything else)
  constexpr std::uint16_t priorities[] = {2, 0, 1, 1, 3};
  return priorities[kind];
}

double exponential_budget(sim::RandomStream& stream) {
  return boost::random::exponential_distribution<double>(1.0)(stream);
}

bool bernoulli(sim::RandomStream& stream, double probability) {
  return boost::random::bernoulli_distribution<double>(probability)(stream);
}

}  // namespace

CareArea::CareArea(const AreaSpec& spec, std::uint32_t area_index, double population_scale,
                   const MeasurementPlan& plan, const sim::RandomStreams& streams)
    : name_(spec.name),
      area_index_(area_index),
      parameters_(spec.parameters),
      plan_(plan),
      streams_(streams),
      occupied_beds_(plan.origin_days, days_per_year, plan.years),
      delayed_patients_(plan.origin_days, days_per_year, plan.years),
      bed_waiters_(plan.origin_days, days_per_year, plan.years),
      care_home_residents_(plan.origin_days, days_per_year, plan.years),
      alive_(plan.origin_days, days_per_year, plan.years),
      hospital_full_(plan.origin_days, days_per_year, plan.years),
      services_{{{parameters_.discharge.reablement, Setting::reablement, AwaitedService::reablement,
                   scaled_count(parameters_.discharge.reablement.capacity_per_1000 *
                                    spec.population / 1000.0,
                                population_scale),
                   plan.origin_days, days_per_year, plan.years},
                  {parameters_.discharge.rehabilitation, Setting::rehabilitation,
                   AwaitedService::rehabilitation,
                   scaled_count(parameters_.discharge.rehabilitation.capacity_per_1000 *
                                    spec.population / 1000.0,
                                population_scale),
                   plan.origin_days, days_per_year, plan.years}}} {
  const auto& mortality = parameters_.mortality;
  mortality_[static_cast<std::size_t>(Sex::male)] = {mortality.gompertz_slope,
                                                     mortality.modal_age_male};
  mortality_[static_cast<std::size_t>(Sex::female)] = {mortality.gompertz_slope,
                                                       mortality.modal_age_female};
  counts_.assign(metric_count, sim::PeriodTotals(plan.origin_days, days_per_year, plan.years));

  const auto people = static_cast<std::size_t>(scaled_count(spec.population, population_scale));
  beds_ = scaled_count(full_scale_hospital_beds(spec), population_scale);
  // Capacities are fixed before the population is drawn, so they are the
  // same in every replication: care-home places either as given or from the
  // expected initial residents at the default occupancy.
  places_ = spec.care_home_places
                ? scaled_count(*spec.care_home_places, population_scale)
                : static_cast<std::int64_t>(std::llround(
                      expected_initial_resident_share() * static_cast<double>(people) /
                      parameters_.care_home.initial_occupancy));
  people_.resize(people);
  synthesise();

  population_end_.assign(plan_.years, 0.0);
  population_85_end_.assign(plan_.years, 0.0);
  snapshot_taken_.assign(plan_.years, 0);
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

void CareArea::snapshot_population(std::size_t year) {
  if (year >= snapshot_taken_.size() || snapshot_taken_[year]) return;
  snapshot_taken_[year] = 1;
  population_end_[year] = alive_.level();
  const double now = scheduler_.now();
  double oldest = 0.0;
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    if (people_.setting[person] != Setting::dead && people_.age_at(person, now) >= 85.0) ++oldest;
  }
  population_85_end_[year] = oldest;
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

sim::RandomStream CareArea::stream(std::uint32_t person, std::uint64_t purpose,
                                   std::uint64_t draw) const {
  return streams_.stream(subject_of(area_index_, person), purpose, draw);
}

const Gompertz& CareArea::mortality_of(std::uint32_t person) const {
  return mortality_[static_cast<std::size_t>(people_.sex[person])];
}

DeathHazard CareArea::death_hazard(std::uint32_t person) const {
  const auto& mortality = parameters_.mortality;
  if (!mortality.enabled) return DeathHazard::no_hazard();
  if (people_.care_home_resident[person]) {
    if (mortality.care_home_constant_rate_per_year > 0.0) {
      return DeathHazard::constant(mortality.care_home_constant_rate_per_year);
    }
    return DeathHazard::scaled_gompertz(mortality_of(person), mortality.care_home_multiplier);
  }
  if (!mortality.outside_care_homes_enabled) return DeathHazard::no_hazard();
  return DeathHazard::scaled_gompertz(mortality_of(person), 1.0);
}

void CareArea::synthesise() {
  const auto& population = parameters_.population;
  boost::random::discrete_distribution<std::size_t, double> band_choice(
      population.age_counts.begin(), population.age_counts.end());
  boost::random::uniform_01<double> uniform;
  const auto& bounds = population.age_band_lower_bounds;

  scheduler_.set_bucket_width(plan_.bucket_days);
  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    auto band_stream = stream(person, purpose_id(Purpose::synthesis_age_band), 0);
    const std::size_t band = band_choice(band_stream);
    const double lower = bounds[band];
    const double upper = band + 1 < bounds.size() ? bounds[band + 1] : population.oldest_age;
    auto age_stream = stream(person, purpose_id(Purpose::synthesis_age_in_band), 0);
    const double age = lower + (upper - lower) * uniform(age_stream);
    people_.age_at_start[person] = static_cast<float>(age);

    auto sex_stream = stream(person, purpose_id(Purpose::synthesis_sex), 0);
    people_.sex[person] =
        bernoulli(sex_stream, population.female_share[band]) ? Sex::female : Sex::male;

    auto home_stream = stream(person, purpose_id(Purpose::synthesis_care_home), 0);
    // Residents beyond the places available start at home: a scenario may set
    // fewer places than the population would fill.
    if (bernoulli(home_stream, parameters_.care_home.initial_resident_share.at(age)) &&
        places_held_ < places_) {
      people_.care_home_resident[person] = 1;
      people_.setting[person] = Setting::care_home;
      ++places_held_;
    }
  }
  alive_.change(0.0, static_cast<double>(people_.size()));
  care_home_residents_.change(0.0, static_cast<double>(places_held_));

  for (std::uint32_t person = 0; person < people_.size(); ++person) {
    schedule_death(person, -1.0);
    schedule_next_admission(person);
  }
}

void CareArea::schedule(std::uint32_t person, EventKind kind, double time,
                        std::uint32_t sequence) {
  sim::Event event;
  event.time = time;
  event.person = person;
  event.sequence = sequence;
  event.kind = kind;
  event.priority = priority_of(kind);
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

void CareArea::schedule_next_admission(std::uint32_t person) {
  const double now = scheduler_.now();
  auto budget_stream = stream(person, purpose_id(Purpose::admission_budget),
                              people_.admission_draws[person]++);
  const double budget = exponential_budget(budget_stream);
  double years;
  if (people_.care_home_resident[person]) {
    const double rate = parameters_.emergency_admission.care_home_rate_per_person_year;
    years = rate > 0.0 ? budget / rate : std::numeric_limits<double>::infinity();
  } else {
    years = years_until_hazard(parameters_.emergency_admission.rate_per_person_year,
                               people_.age_at(person, now), budget);
  }
  const double time = now + years * days_per_year;
  const std::uint32_t sequence = next_sequence(person);
  people_.admission_event[person] = sequence;
  if (time < people_.death_time[person] && time < plan_.end_days) {
    schedule(person, admission, time, sequence);
  }
}

void CareArea::advance_to(sim::Days until) {
  scheduler_.run_until(until, [this](const sim::Event& event) { return handle(event); });
}

bool CareArea::handle(const sim::Event& event) {
  if (event.kind == year_end) {
    snapshot_population(event.payload);
    return true;
  }
  const std::uint32_t person = event.person;
  const Setting setting = people_.setting[person];
  switch (event.kind) {
    case admission:
      if (event.sequence != people_.admission_event[person] ||
          (setting != Setting::home && setting != Setting::care_home)) {
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
      if (setting != Setting::reablement && setting != Setting::rehabilitation) return false;
      on_service_end(person);
      return true;
    default:
      return false;
  }
}

void CareArea::move_to(std::uint32_t person, Setting setting) {
  if (transition_log_ && transition_log_->follows(person)) {
    transition_log_->record(scheduler_.now(), person, people_.setting[person], setting);
  }
  people_.setting[person] = setting;
}

void CareArea::count(Metric metric, double amount) {
  counts_[index_of(metric)].add_at(scheduler_.now(), amount);
}

void CareArea::on_admission(std::uint32_t person) {
  count(Metric::emergency_admissions);
  if (scheduler_.now() - static_cast<double>(people_.last_discharge[person]) <= 30.0) {
    count(Metric::readmissions_30d);
  }
  ++people_.admissions[person];
  if (beds_occupied_ < beds_) {
    admit_to_bed(person);
  } else {
    count(Metric::admissions_waited_for_bed);
    move_to(person, Setting::waiting_for_bed);
    bed_waiters_.change(scheduler_.now(), 1.0);
    waiting_for_bed_.push(person);
  }
}

void CareArea::admit_to_bed(std::uint32_t person) {
  const double now = scheduler_.now();
  occupy_bed();
  people_.bed_since[person] = now;
  move_to(person, Setting::in_hospital);
  const std::uint64_t stay = people_.admissions[person] - 1u;
  auto same_day_stream = stream(person, purpose_id(Purpose::same_day_stay), stay);
  double length;
  if (bernoulli(same_day_stream, parameters_.hospital.same_day_share)) {
    length = parameters_.hospital.same_day_stay_days;
  } else {
    auto stay_stream = stream(person, purpose_id(Purpose::length_of_stay), stay);
    length = parameters_.hospital.overnight_length_of_stay.sample(stay_stream);
  }
  schedule(person, clinical_stay_end, now + length, next_sequence(person));
}

void CareArea::occupy_bed() {
  ++beds_occupied_;
  occupied_beds_.change(scheduler_.now(), 1.0);
  if (beds_occupied_ == beds_) hospital_full_.change(scheduler_.now(), 1.0);
}

void CareArea::release_bed(std::uint32_t person) {
  const double now = scheduler_.now();
  people_.last_discharge[person] = static_cast<float>(now);
  count(Metric::hospital_stays_ended);
  count(Metric::ended_hospital_stay_days, now - people_.bed_since[person]);
  if (beds_occupied_ == beds_) hospital_full_.change(now, -1.0);
  --beds_occupied_;
  occupied_beds_.change(now, -1.0);
  while (!waiting_for_bed_.empty()) {
    const std::uint32_t next = waiting_for_bed_.pop();
    if (people_.setting[next] != Setting::waiting_for_bed) continue;  // died waiting
    bed_waiters_.change(scheduler_.now(), -1.0);
    admit_to_bed(next);
    break;
  }
}

void CareArea::release_care_home_place() {
  --places_held_;
  care_home_residents_.change(scheduler_.now(), -1.0);
  while (!waiting_for_care_home_.empty()) {
    const std::uint32_t next = waiting_for_care_home_.pop();
    if (people_.setting[next] != Setting::delayed_discharge) continue;  // died waiting
    enter_care_home(next);
    break;
  }
}

void CareArea::on_clinical_stay_end(std::uint32_t person) {
  if (people_.care_home_resident[person]) {
    // Residents keep their place while in hospital and go back to it.
    return_to_community(person);
    return;
  }
  const double age = people_.age_at(person, scheduler_.now());
  auto destination_stream = stream(person, purpose_id(Purpose::discharge_destination),
                                   people_.admissions[person] - 1u);
  const bool needs_care_home =
      bernoulli(destination_stream, parameters_.discharge.care_home_probability.at(age));
  if (needs_care_home) {
    if (places_held_ < places_) {
      enter_care_home(person);
    } else {
      // No place: the patient stays in the bed, fit to leave.
      move_to(person, Setting::delayed_discharge);
      people_.awaiting[person] = AwaitedService::care_home;
      people_.fit_to_leave_since[person] = scheduler_.now();
      delayed_patients_.change(scheduler_.now(), 1.0);
      waiting_for_care_home_.push(person);
    }
    return;
  }
  DischargeServiceState* service = choose_discharge_service(person, age);
  if (service == nullptr) {
    return_to_community(person);
  } else if (service->has_room()) {
    start_discharge_service(person, *service);
  } else {
    move_to(person, Setting::delayed_discharge);
    people_.awaiting[person] = service->awaited;
    people_.fit_to_leave_since[person] = scheduler_.now();
    delayed_patients_.change(scheduler_.now(), 1.0);
    service->delayed.change(scheduler_.now(), 1.0);
    service->waiting.push(person);
  }
}

DischargeServiceState* CareArea::choose_discharge_service(std::uint32_t person, double age) {
  const double reablement = parameters_.discharge.reablement.probability.at(age);
  const double rehabilitation = parameters_.discharge.rehabilitation.probability.at(age);
  if (reablement <= 0.0 && rehabilitation <= 0.0) return nullptr;
  auto choice_stream = stream(person, purpose_id(Purpose::discharge_service),
                              people_.admissions[person] - 1u);
  const double u = boost::random::uniform_01<double>()(choice_stream);
  if (u < reablement) return &services_[0];
  if (u < reablement + rehabilitation) return &services_[1];
  return nullptr;
}

DischargeServiceState& CareArea::service_for(Setting setting) {
  return setting == Setting::reablement ? services_[0] : services_[1];
}

DischargeServiceState& CareArea::service_for(AwaitedService awaited) {
  return awaited == AwaitedService::reablement ? services_[0] : services_[1];
}

void CareArea::start_discharge_service(std::uint32_t person, DischargeServiceState& service) {
  const double now = scheduler_.now();
  if (people_.setting[person] == Setting::delayed_discharge) {
    delayed_patients_.change(now, -1.0);
    service.delayed.change(now, -1.0);
    people_.awaiting[person] = AwaitedService::none;
  }
  ++service.in_use;
  service.used.change(now, 1.0);
  move_to(person, service.setting);
  release_bed(person);
  auto length_stream = stream(person, purpose_id(Purpose::discharge_service_length),
                              people_.admissions[person] - 1u);
  const double length = service.parameters->length_of_service.sample(length_stream);
  schedule(person, service_end, now + length, next_sequence(person));
}

void CareArea::on_service_end(std::uint32_t person) {
  DischargeServiceState& service = service_for(people_.setting[person]);
  move_to(person, Setting::home);
  schedule_next_admission(person);
  release_service_place(service);
}

void CareArea::release_service_place(DischargeServiceState& service) {
  --service.in_use;
  service.used.change(scheduler_.now(), -1.0);
  while (!service.waiting.empty()) {
    const std::uint32_t next = service.waiting.pop();
    if (people_.setting[next] != Setting::delayed_discharge) continue;  // died waiting
    start_discharge_service(next, service);
    break;
  }
}

void CareArea::return_to_community(std::uint32_t person) {
  move_to(person, people_.care_home_resident[person] ? Setting::care_home : Setting::home);
  release_bed(person);
  schedule_next_admission(person);
}

void CareArea::enter_care_home(std::uint32_t person) {
  const double now = scheduler_.now();
  if (people_.setting[person] == Setting::delayed_discharge) {
    delayed_patients_.change(now, -1.0);
    people_.awaiting[person] = AwaitedService::none;
    count(Metric::care_home_placements_delayed);
    count(Metric::care_home_placement_delay_days, now - people_.fit_to_leave_since[person]);
  }
  // The hazard budget left under the old hazard carries over, so moving
  // changes the death time without a new draw. Under no hazard (mortality
  // outside care homes switched off) none of it has been used: a person
  // never leaves a care home alive, so they have been under no hazard since
  // the budget was drawn, and drawing it again (same person, purpose and
  // index) gives it back whole.
  const DeathHazard before = death_hazard(person);
  double budget = -1.0;
  if (before.form != DeathHazard::Form::none) {
    const double age = people_.age_at(person, now);
    const double death_age = static_cast<double>(people_.age_at_start[person]) +
                             people_.death_time[person] / days_per_year;
    budget = std::max(0.0, before.remaining_budget(age, death_age));
  }
  ++places_held_;
  care_home_residents_.change(now, 1.0);
  count(Metric::care_home_admissions);
  people_.care_home_resident[person] = 1;
  move_to(person, Setting::care_home);
  release_bed(person);
  schedule_death(person, budget);
  schedule_next_admission(person);
}

void CareArea::on_death(std::uint32_t person) {
  const double now = scheduler_.now();
  const Setting setting = people_.setting[person];
  move_to(person, Setting::dead);
  alive_.change(now, -1.0);
  count(Metric::deaths);
  switch (setting) {
    case Setting::home:
    case Setting::reablement:
      count(Metric::deaths_at_home);
      break;
    case Setting::care_home:
      count(Metric::deaths_in_care_home);
      break;
    default:
      count(Metric::deaths_in_hospital);
      break;
  }
  switch (setting) {
    case Setting::waiting_for_bed:
      bed_waiters_.change(now, -1.0);
      break;
    case Setting::delayed_discharge:
      delayed_patients_.change(now, -1.0);
      if (people_.awaiting[person] == AwaitedService::reablement ||
          people_.awaiting[person] == AwaitedService::rehabilitation) {
        service_for(people_.awaiting[person]).delayed.change(now, -1.0);
      }
      people_.awaiting[person] = AwaitedService::none;
      release_bed(person);
      break;
    case Setting::in_hospital:
      release_bed(person);
      break;
    case Setting::reablement:
    case Setting::rehabilitation:
      release_service_place(service_for(setting));
      break;
    case Setting::home:
    case Setting::care_home:
    case Setting::dead:
      break;
  }
  if (people_.care_home_resident[person]) {
    people_.care_home_resident[person] = 0;
    release_care_home_place();
  }
}

void CareArea::finish(sim::Days end) {
  if (finished_) return;
  finished_ = true;
  if (plan_.years > 0) snapshot_population(plan_.years - 1);
  for (auto& service : services_) {
    service.used.flush(end);
    service.delayed.flush(end);
  }
  for (auto* level : {&occupied_beds_, &delayed_patients_, &bed_waiters_, &care_home_residents_,
                      &alive_, &hospital_full_}) {
    level->flush(end);
  }
}

std::string CareArea::first_non_finite_measure() const {
  for (std::size_t m = 0; m < metric_count; ++m) {
    for (std::size_t year = 0; year < plan_.years; ++year) {
      if (!std::isfinite(measure(static_cast<Metric>(m), year))) {
        return std::string(metric_info[m].name) + " (year " + std::to_string(year + 1) + ")";
      }
    }
  }
  return {};
}

double CareArea::measure(Metric metric, std::size_t year) const {
  const auto& costs = parameters_.costs;
  switch (metric) {
    case Metric::bed_days: return occupied_beds_.totals().total(year);
    case Metric::delayed_discharge_days: return delayed_patients_.totals().total(year);
    case Metric::bed_wait_days: return bed_waiters_.totals().total(year);
    case Metric::care_home_resident_days: return care_home_residents_.totals().total(year);
    case Metric::person_years: return alive_.totals().total(year) / days_per_year;
    case Metric::hospital_full_days: return hospital_full_.totals().total(year);
    case Metric::cost_hospital: return measure(Metric::bed_days, year) * costs.hospital_bed_day;
    case Metric::cost_care_home:
      return measure(Metric::care_home_resident_days, year) * costs.care_home_week / 7.0;
    case Metric::reablement_days: return services_[0].used.totals().total(year);
    case Metric::rehabilitation_bed_days: return services_[1].used.totals().total(year);
    case Metric::delayed_discharge_days_reablement:
      return services_[0].delayed.totals().total(year);
    case Metric::delayed_discharge_days_rehabilitation:
      return services_[1].delayed.totals().total(year);
    case Metric::delayed_discharge_days_care_home:
      return measure(Metric::delayed_discharge_days, year) -
             measure(Metric::delayed_discharge_days_reablement, year) -
             measure(Metric::delayed_discharge_days_rehabilitation, year);
    // Responsibility follows the DToC convention: waiting for NHS
    // rehabilitation is the NHS's; reablement and care homes are social care's.
    case Metric::delayed_discharge_days_nhs:
      return measure(Metric::delayed_discharge_days_rehabilitation, year);
    case Metric::delayed_discharge_days_social_care:
      return measure(Metric::delayed_discharge_days_reablement, year) +
             measure(Metric::delayed_discharge_days_care_home, year);
    case Metric::cost_reablement:
      return measure(Metric::reablement_days, year) * services_[0].parameters->cost_per_day;
    case Metric::cost_rehabilitation:
      return measure(Metric::rehabilitation_bed_days, year) * services_[1].parameters->cost_per_day;
    case Metric::cost_total: {
      double total = 0.0;
      for (const Metric component : cost_components) total += measure(component, year);
      return total;
    }
    case Metric::measured_days: {
      const double start = plan_.origin_days + static_cast<double>(year) * days_per_year;
      return std::max(0.0, std::min(plan_.end_days, start + days_per_year) - start);
    }
    case Metric::hospital_bed_capacity_days:
      return static_cast<double>(beds_) * measure(Metric::measured_days, year);
    case Metric::population_end: return population_end_[year];
    case Metric::population_85_plus_end: return population_85_end_[year];
    default:
      break;
  }
  if (metric_info[index_of(metric)].aggregation != Aggregation::sum) {
    // Ratios and daily levels of this area in this year.
    return aggregate(metric, 1, 1, [this, year](std::size_t m, std::size_t, std::size_t) {
      return measure(static_cast<Metric>(m), year);
    });
  }
  return counts_[index_of(metric)].total(year);
}

}  // namespace hcsim::models
