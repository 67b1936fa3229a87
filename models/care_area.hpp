#pragma once
// One local health and care economy: its people, its hospital, its discharge
// services, home care and care homes, and the events that move people between
// them. Runs as an engine Area: inside a window it touches nothing outside
// itself. At each window end (a budget cycle) it reports what the cycle cost
// each payer and obeys the funding levers its regime sets.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/age_band_measures.hpp"
#include "models/discharge_service.hpp"
#include "models/funding/area_funding.hpp"
#include "models/funding/levers.hpp"
#include "models/funding/payer.hpp"
#include "models/gp_access.hpp"
#include "models/gp_shortfall.hpp"
#include "models/life_table_counts.hpp"
#include "models/metrics.hpp"
#include "models/mortality.hpp"
#include "models/person_risk.hpp"
#include "models/person_table.hpp"
#include "models/scenario.hpp"
#include "models/condition_onset.hpp"
#include "models/frailty_progression.hpp"
#include "models/health_change_hazard.hpp"
#include "models/other_conditions.hpp"
#include "models/stay_length.hpp"
#include "models/transition_log.hpp"
#include "sim/area.hpp"
#include "sim/event.hpp"
#include "sim/fifo.hpp"
#include "sim/period_totals.hpp"
#include "sim/random_stream.hpp"
#include "sim/scheduler.hpp"

namespace hcsim::models {

// When measurement starts and how long it lasts, shared by all areas of a run.
struct MeasurementPlan {
  double origin_days = 0.0;  // end of warm-up
  double end_days = 0.0;     // end of the run
  std::size_t years = 1;     // reporting periods (the last may be partial)
  // The synchronisation window (budget cycle): interventions book their
  // costs a window at a time.
  double window_days = 30.4375;
};

class CareArea final : public sim::Area {
 public:
  CareArea(const AreaSpec& spec, std::uint32_t area_index, double population_scale,
           const MeasurementPlan& plan, const sim::RandomStreams& streams);

  void advance_to(sim::Days until) override;
  // Closes time-integrated measures at the end of the run.
  void finish(sim::Days end);

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  // People at the start of the run (those who enter later are not counted).
  [[nodiscard]] std::size_t people() const noexcept { return people_at_start_; }
  // Everyone simulated so far: the starting population and those who
  // entered, alive or dead.
  [[nodiscard]] std::size_t people_simulated() const noexcept { return people_.size(); }
  [[nodiscard]] std::int64_t hospital_beds() const noexcept { return beds_; }
  [[nodiscard]] std::int64_t care_home_places() const noexcept {
    return places_[0].capacity + places_[1].capacity;
  }
  // Slots or beds now of the discharge service in `setting` (reablement,
  // rehabilitation or assessment; 0 for any other setting).
  [[nodiscard]] std::int64_t discharge_service_capacity(Setting setting) const noexcept {
    for (const auto& service : services_) {
      if (service.setting == setting) return service.capacity;
    }
    return 0;
  }
  // Hours a week of home care commissioned now.
  [[nodiscard]] double home_care_hours_capacity() const noexcept { return effective_capacity_[2]; }
  [[nodiscard]] std::uint64_t events_processed() const noexcept {
    return scheduler_.events_processed();
  }
  // Value of `metric` in reporting year `year`.
  [[nodiscard]] double measure(Metric metric, std::size_t year) const;
  // Value of a metric of age_band_metrics in age band `band` (a person's band
  // is that of their age at the start of the year) and reporting year `year`.
  [[nodiscard]] double measure_by_age_band(Metric metric, std::size_t band,
                                           std::size_t year) const;
  // The largest difference between what a band holds now (beds, places,
  // packages, ...) and what its people hold; zero unless the bookkeeping of
  // some change forgot the band. (Not const: it asks running_costs, which
  // books costs when told to.)
  [[nodiscard]] double age_band_level_drift();
  // Deaths and person-years at risk from 65, behind the life-expectancy
  // metrics (complete once finish() has run).
  [[nodiscard]] const LifeTableCounts& life_table() const noexcept { return life_table_; }
  // Spend of `payer` on `service` in reporting year `year` (pounds).
  [[nodiscard]] double spend(Payer payer, CareService service, std::size_t year) const;
  // The people as the run left them. A count of other conditions is
  // brought up to a person's age only where something reads it (from 65, at
  // year ends); bring_other_conditions_up_to_date() brings every living
  // person's up to their age at the end of the run.
  [[nodiscard]] const PersonTable& person_table() const noexcept { return people_; }
  void bring_other_conditions_up_to_date();

  // Ends a budget cycle at `at`: reports what the cycle cost each payer and
  // how each commissioned service was used, lets the area's funding book it
  // and move its levers, and obeys them from now on.
  void on_budget_cycle(std::size_t cycle, sim::Days at);
  [[nodiscard]] const BudgetLedger& ledger() const noexcept { return funding_->ledger(); }
  // Running cost of intervention `index` in reporting year `year` (pounds).
  [[nodiscard]] double intervention_cost(std::size_t index, std::size_t year) const {
    return intervention_cost_rates_[index].totals().total(year);
  }
  [[nodiscard]] const InterventionSet& interventions() const noexcept { return interventions_; }

  // Starts logging the settings of a sample of people (before advancing).
  // Each followed person's first record (time 0, from == to) is where they
  // start.
  void enable_transition_log(const TransitionLogOptions& options) {
    transition_log_.emplace(options);
    for (std::uint32_t person = 0; person < people_.size() && transition_log_->follows(person);
         ++person) {
      transition_log_->record(0.0, person, people_.setting[person], people_.setting[person]);
    }
  }
  [[nodiscard]] const std::optional<TransitionLog>& transition_log() const noexcept {
    return transition_log_;
  }
  // The name of the first measure of a year in [first_year, end_year) that
  // is NaN or infinite, or "" when all are finite (end_year is capped at the
  // horizon). Checked at every window end so a bad number stops the run
  // where it appears instead of being written out.
  [[nodiscard]] std::string first_non_finite_measure(
      std::size_t first_year = 0, std::size_t end_year = static_cast<std::size_t>(-1)) const;

 private:
  enum EventKind : std::uint16_t {
    admission = 0,
    death = 1,
    clinical_stay_end = 2,
    service_end = 3,       // the end of a P1, P2 or P3 discharge service
    year_end = 4,          // not a person's: snapshot of the population (payload: year)
    health_change = 5,     // frailty progresses or a condition starts (payload: which)
    funding_decided = 6,   // the local authority has decided on a package or placement
    bed_wait_limit = 8,    // a patient has waited the longest allowed for a bed
    entry = 7,             // not a person's: someone enters the population
    home_care_wait_limit = 9,  // a delayed patient has waited the longest allowed for a package
    // Admission from the raised hazard of someone turned away by general
    // practice this cycle (models/gp_shortfall.hpp).
    gp_shortfall_admission = 10,
  };

  // What a funding decision is about (the event's payload).
  static constexpr std::uint32_t funding_for_placement = 1;
  static constexpr std::uint32_t funding_for_package = 2;

  // Care-home places of one type and who waits for them in hospital.
  struct PlacePool {
    std::int64_t capacity = 0;
    std::int64_t held = 0;
    sim::Fifo<std::uint32_t> waiting_public;   // council-funded placements
    sim::Fifo<std::uint32_t> waiting_private;  // self-funders
  };

  bool handle(const sim::Event& event);
  void synthesise();
  // Frailty, conditions, capital and carer of a person joining at `age`,
  // from their synthesis_traits words.
  void synthesise_traits(std::uint32_t person, double age, sim::RandomWords& traits);
  // People entering the population (births, net migration): one Poisson
  // process at the current population's rate, each arrival a new person.
  // Births and net migrants per 1,000 residents a year (0 when switched off).
  [[nodiscard]] double entries_per_1000() const;
  void schedule_next_entry();
  void on_entry();
  [[nodiscard]] double expected_initial_resident_share() const;
  [[nodiscard]] double expected_initial_home_care_hours_per_person() const;

  // Flows.
  void on_admission(std::uint32_t person);
  void on_bed_wait_limit(std::uint32_t person);
  void on_home_care_wait_limit(std::uint32_t person);
  void on_death(std::uint32_t person);
  // At the time of death at home or in a care home, admits the person to die
  // in hospital (mortality.end_of_life_admission) and says whether it did.
  bool admitted_to_die(std::uint32_t person);
  void on_clinical_stay_end(std::uint32_t person);
  void on_health_change(std::uint32_t person, std::uint32_t which);
  void on_funding_decided(std::uint32_t person, std::uint32_t decision);
  void admit_to_bed(std::uint32_t person);
  // Ends `person`'s hospital stay (discharge or death) and gives the bed to
  // the next patient waiting.
  void release_bed(std::uint32_t person);
  void occupy_bed();
  // Keeps the hospital-full and over-capacity levels in step with the
  // number of beds occupied.
  void bed_levels_changed();
  // Discharge decisions.
  void seek_care_home(std::uint32_t person);
  void seek_home_care_from_hospital(std::uint32_t person);
  void try_place_in_care_home(std::uint32_t person);
  // Waits for `reason` where the person is: in a hospital bed (delayed
  // discharge) or, after a P3 assessment, in the assessment bed.
  void wait_for(std::uint32_t person, AwaitedService reason);
  // A package for a patient fit to leave: home with it now if capacity
  // allows, else waiting in the bed for it.
  void discharge_with_package(std::uint32_t person);
  void leave_hospital_with_package(std::uint32_t person);
  // Whether a person counts as waiting at home for a package (the flag and
  // the community-waiting levels); the queue itself is kept apart.
  // Waiting counts (community_waiting_ and the person's held level) only
  // while the person is at home: in hospital their wait is delayed
  // discharge or none.
  void start_waiting_for_home_care(std::uint32_t person);
  void stop_waiting_for_home_care(std::uint32_t person);
  void count_waiting_at_home(std::uint32_t person, double change);
  // Back home and still waiting for a package: into the community queue.
  void rejoin_home_care_queue(std::uint32_t person);
  // Starts the local authority's funding decision for a council-funded
  // placement or package, if there is a wait for one; false when the
  // discharge can go ahead now.
  bool awaits_funding_decision(std::uint32_t person, std::uint32_t decision);
  [[nodiscard]] bool home_care_has_room(double hours) const noexcept {
    return home_care_hours_held_ + hours <= effective_capacity_[2];
  }
  void enter_care_home(std::uint32_t person, CareHomeType place);
  // Gives free `place` places to those waiting for `waiting_for` places.
  void serve_care_home_queue(CareHomeType place, CareHomeType waiting_for);
  [[nodiscard]] CareHomeType type_needed(std::uint32_t person) const noexcept {
    return need_of(person) == CareNeed::high ? CareHomeType::nursing : CareHomeType::residential;
  }
  void release_care_home_place(std::uint32_t person, CareHomeType type);
  void start_package(std::uint32_t person, double hours);
  void end_package(std::uint32_t person);
  void serve_home_care_queues();
  void request_package_in_community(std::uint32_t person);
  [[nodiscard]] double package_hours(std::uint32_t person) const;
  // Whether a person whose need calls for a package asks for one (most
  // rely on family or go without); `occasion` separates the draws.
  [[nodiscard]] bool seeks_package(std::uint32_t person, std::uint64_t occasion) const;
  [[nodiscard]] bool publicly_eligible(std::uint32_t person) const;
  // Days a council-funded discharge waits for its funding decision on a
  // placement or a package (`decision`).
  [[nodiscard]] double approval_delay(std::uint32_t person, std::uint32_t decision) const;
  // P1/P2/P3 discharge services.
  [[nodiscard]] DischargeServiceState* choose_discharge_service(std::uint32_t person, double age);
  // Whether a discharge needing a placement goes to a P3 assessment bed
  // first (draws only when the area has P3 capacity).
  [[nodiscard]] bool routes_via_assessment(std::uint32_t person, double age);
  [[nodiscard]] DischargeServiceState& assessment_beds() noexcept { return services_[2]; }
  void on_assessment_end(std::uint32_t person);
  // Leaves a P3 bed for home (with a package request, as after P1 and P2).
  void leave_assessment_for_home(std::uint32_t person);
  // The wait of an assessed person for a funding decision or a place while
  // holding the P3 bed.
  void begin_assessment_wait(std::uint32_t person, AwaitedService reason);
  void end_assessment_wait(std::uint32_t person);
  [[nodiscard]] DischargeServiceState& service_for(Setting setting);
  [[nodiscard]] DischargeServiceState& service_for(AwaitedService awaited);
  void start_discharge_service(std::uint32_t person, DischargeServiceState& service);
  void on_service_end(std::uint32_t person);
  void release_service_place(std::uint32_t person, DischargeServiceState& service);
  // Starts the service for waiting patients while it has room.
  void serve_service_queue(DischargeServiceState& service);
  // The end of `year`: the population snapshot (once a year) with the
  // counts of other conditions of people 65 and over brought up to their
  // age; within the run, people whose age band changes take what they hold
  // to their new band (at the run's end there are no events after it).
  enum class YearEnd : std::uint8_t { within_run, end_of_run };
  void close_year(std::size_t year, YearEnd kind);
  // Brings a person's count of other long-term conditions up to the band of
  // their age `age` (other_conditions.hpp). Inline because year ends ask it
  // of every person over 65, and most have entered no band since the last.
  void update_other_conditions(std::uint32_t person, double age) {
    if (other_conditions_.enabled() &&
        other_conditions_.band_passed(age, people_.other_conditions_band[person])) {
      bring_other_conditions_to(person, age);
    }
  }
  // The work of update_other_conditions, for an age past the band reached.
  void bring_other_conditions_to(std::uint32_t person, double age);
  void go_home(std::uint32_t person);
  void return_to_community(std::uint32_t person);
  void begin_delay(std::uint32_t person, AwaitedService reason);
  void end_delay(std::uint32_t person);
  // Admits waiting patients wherever capacity has room (after levers change).
  void fill_from_queues();
  // The report of the cycle ending at `at`, since the previous one.
  [[nodiscard]] CycleReport cycle_report(std::size_t cycle, sim::Days at);
  // Sets the capacities in use from the funding's levers and interventions.
  void obey_levers();
  [[nodiscard]] const FundingLevers& levers() const noexcept { return funding_->levers(); }
  // Books each intervention's running cost for the cycle starting at `from`.
  void book_intervention_costs(sim::Days from);
  // Balances GP appointments for the cycle starting now, books their cost,
  // draws who goes without and when the raised part of their admission
  // hazard admits them (models/care_area_gp.cpp).
  void start_gp_cycle();
  // Settings whose people wait for their next emergency admission (drawn
  // by schedule_next_admission, drawn again when hazards change).
  [[nodiscard]] static bool awaits_admission(Setting setting) noexcept {
    return setting == Setting::home || setting == Setting::home_care ||
           setting == Setting::care_home;
  }
  // Interventions' multiplier of `person`'s emergency-admission hazard,
  // held for the cycle.
  [[nodiscard]] double intervention_admission_multiplier(std::uint32_t person,
                                                         double age) const;
  // `person`'s emergency-admission hazard a year at `age`, outside the
  // raised weeks after a discharge.
  [[nodiscard]] double admission_rate_outside_readmission_window(std::uint32_t person,
                                                                 double age) const;
  // When the raised weeks after `person`'s last discharge end (days).
  [[nodiscard]] double readmission_window_end(std::uint32_t person) const noexcept {
    return static_cast<double>(people_.last_discharge[person]) +
           parameters_.emergency_admission.readmission_window_days;
  }
  [[nodiscard]] Setting residence_of(std::uint32_t person) const noexcept {
    return people_.care_home_resident[person] != CareHomeType::none ? Setting::care_home
                                                                    : Setting::home;
  }

  // Scheduling.
  void schedule_death(std::uint32_t person, double budget_or_negative);
  // Moves the death time after the person's hazard changed, keeping the
  // unused part of the drawn budget. `before` is the hazard until now.
  void reschedule_death(std::uint32_t person, const DeathHazard& before);
  // Years ahead beyond which none of `person`'s events is queued (they
  // would come after the person's death or the end of the run), with a
  // margin: how far the hazard walks of hazard_timing.hpp need to look.
  [[nodiscard]] double horizon_years(std::uint32_t person) const;
  void schedule_next_admission(std::uint32_t person);
  void schedule_health_change(std::uint32_t person);
  std::uint32_t next_sequence(std::uint32_t person) { return people_.next_sequence[person]++; }
  void schedule(std::uint32_t person, EventKind kind, double time, std::uint32_t sequence,
                std::uint32_t payload = 0);
  [[nodiscard]] sim::RandomStream stream(std::uint32_t person, std::uint64_t purpose,
                                         std::uint64_t draw) const;
  [[nodiscard]] sim::RandomWords words(std::uint32_t person, std::uint64_t purpose,
                                       std::uint64_t draw) const;
  // The Gompertz law `person`'s life follows (with mortality improvement,
  // not the period law of time 0) and its multiplier for them.
  [[nodiscard]] const Gompertz& mortality_of(std::uint32_t person) const;
  [[nodiscard]] double improvement_multiplier(std::uint32_t person) const;
  // The hazard of death `person` is under in their current setting; with
  // ageing off, the constant hazard of their fixed age.
  [[nodiscard]] DeathHazard death_hazard(std::uint32_t person) const;
  // The same as they age.
  [[nodiscard]] DeathHazard death_hazard_as_they_age(std::uint32_t person) const;
  [[nodiscard]] CareNeed need_of(std::uint32_t person) const noexcept {
    return care_need_of(people_.frailty[person], people_.conditions[person]);
  }
  [[nodiscard]] bool lives_at_home(Setting setting) const noexcept {
    return setting == Setting::home || setting == Setting::home_care ||
           setting == Setting::reablement;
  }
  [[nodiscard]] static bool in_service(Setting setting) noexcept {
    return setting == Setting::reablement || setting == Setting::rehabilitation ||
           setting == Setting::assessment;
  }

  // Counts `amount` of `metric` for the area and the person's age band.
  void count(Metric metric, std::uint32_t person, double amount = 1.0);
  // Counts, now, `by_band[b]` of `metric` for age band b and their sum for the area.
  void count_by_band(Metric metric, const std::array<double, age_band_count>& by_band);
  // Every person-attributable level changes through here as well as on the
  // area's level, so each band holds what its people hold.
  void hold(std::uint32_t person, HeldLevel level, double delta) {
    by_age_band_.change(band_of(person), level, scheduler_.now(), delta);
  }
  [[nodiscard]] std::size_t band_of(std::uint32_t person) const noexcept {
    return age_band_of(age_of_at_years(person, band_reference_years_));
  }
  // The age that `person`'s hazards, needs and measures read at `now`:
  // their age then, or with ageing switched off the age they joined at.
  // (Event times still run on people_.age_at, the age along the clock.)
  [[nodiscard]] double age_of(std::uint32_t person, double now) const noexcept {
    return age_of_at_years(person, PersonTable::clock_years(now));
  }
  // age_of with the clock in years (PersonTable::clock_years), for passes
  // over many people at one time.
  [[nodiscard]] double age_of_at_years(std::uint32_t person, double clock_years) const noexcept {
    return ageing_ ? people_.age_at_years(person, clock_years)
                   : static_cast<double>(people_.age_joined[person]);
  }
  // Years until `rate` x `multiplier`, raised `early_multiplier` times over
  // the first `early_years`, uses up `budget` for `person`, aged `age` now:
  // as they age, or at their fixed age with ageing off.
  [[nodiscard]] double years_until(const AgeSchedule& rate, std::uint32_t person, double age,
                                   double budget, double multiplier, double early_years = 0.0,
                                   double early_multiplier = 1.0) const;
  // What `person` holds now, as the levels of HeldLevel.
  [[nodiscard]] HeldLevels held_by(std::uint32_t person);
  [[nodiscard]] AgeBandPrices age_band_prices() const;
  // Every change of a person's setting goes through here, so the optional
  // transition log and the person's running costs see it.
  void move_to(std::uint32_t person, Setting setting);

  // Running costs paid per person (care homes, home care, Attendance
  // Allowance, unpaid care). A change to anything they depend on is wrapped
  // in costs_off / costs_on, so each person's rates are removed exactly as
  // they were added.
  void costs_off(std::uint32_t person) { person_costs(person, -1.0); }
  void costs_on(std::uint32_t person) { person_costs(person, +1.0); }
  void person_costs(std::uint32_t person, double sign);
  // The unpaid care a person's carer gives at home, in hours a week and
  // pounds a day, starting (`sign` 1) or stopping (-1) as they come home
  // or leave it: the one running cost a move between settings changes.
  void unpaid_care_changes(std::uint32_t person, double sign);
  [[nodiscard]] double unpaid_care_cost_per_day(double carer_hours) const noexcept;
  // The person's running costs by service and the home-care and unpaid-care
  // hours behind them, as held levels; booked on the area's rates times
  // `sign` when `book` is set.
  RunningCostLevels running_costs(std::uint32_t person, double sign, bool book);
  void add_cost_rate(Payer statutory, CareService service, double pounds_per_day);
  [[nodiscard]] Payer route(CareService service, Payer statutory) const {
    return funding_->payer_for(service, statutory);
  }
  // Bed and slot costs follow occupancy: a bed taken, a patient becoming fit
  // to leave (the bed's cost moves to the delayed-discharge line), a P1 slot
  // or P2 bed taken; `sign` -1 undoes.
  void bed_cost(CareService line, double sign) {
    add_cost_rate(Payer::nhs, line, sign * parameters_.costs.hospital_bed_day);
  }
  void service_cost(const DischargeServiceState& service, double sign);
  static constexpr std::uint32_t no_person = 0xFFFFFFFFu;
  // Books what costs_off took off on the person's band (if not put back yet).
  void settle_band_costs();
  // When the funding starts routing costs to other payers (end of warm-up):
  // every running cost is taken off and put back under the new routing.
  void reroute_costs();

  std::string name_;
  std::uint32_t area_index_;
  Parameters parameters_;
  MeasurementPlan plan_;
  sim::RandomStreams streams_;
  bool ageing_ = true;  // population.ageing_enabled
  std::array<Gompertz, 2> mortality_;  // by sex, along a life (improvement included)
  std::array<Gompertz, 2> period_mortality_;  // by sex, the law at time 0
  PersonRisk risk_;
  FrailtyProgression frailty_progression_;
  ConditionOnset condition_onset_;
  HealthChangeHazard health_change_hazard_;  // reads the two above
  OtherConditions other_conditions_;
  // Residents' admission rate as a one-band schedule, built once: it is
  // read every time a resident's next admission is drawn.
  AgeSchedule care_home_admission_rate_;
  StayLengthScale stay_length_;
  GpAccess gp_access_;
  GpShortfall gp_shortfall_;
  // People turned away by general practice in the current cycle: their
  // admission rate outside the readmission weeks, as drawn for the
  // shortfall's sample (so the raised part need not compute it again), and
  // the uniform draw that times the raised part (care_area_gp.cpp).
  struct TurnedAway {
    std::uint32_t person;
    double rate;
    double budget_uniform;
  };
  std::vector<TurnedAway> turned_away_;
  // Those of them given an admission of the shortfall's, which is void
  // once their cycle ends: they carry PersonFlag::without_gp_appointment.
  std::vector<std::uint32_t> gp_shortfall_admitted_;
  // A cycle's candidates for being turned away and their draws, kept to
  // reuse the memory (care_area_gp.cpp).
  struct GpCandidate {
    std::uint32_t person;
    double keep;
  };
  std::vector<GpCandidate> gp_candidates_;
  std::uint64_t gp_cycles_ = 0;  // GP cycles started (the draw index of the shortfall's draws)

  PersonTable people_;
  std::size_t people_at_start_ = 0;
  std::uint32_t entry_draws_ = 0;  // entry-timing draws so far (also the events' sequence)
  sim::Scheduler scheduler_;

  std::int64_t beds_ = 0;
  std::int64_t beds_occupied_ = 0;
  sim::Fifo<std::uint32_t> waiting_for_bed_;
  std::array<PlacePool, 2> places_;  // residential, nursing
  std::int64_t public_residents_ = 0;
  double home_care_hours_held_ = 0.0;
  // Patients waiting in hospital for a package, with the time their delay
  // began: an entry left behind by a patient sent home must not stand for a
  // later wait of theirs.
  struct HospitalWait {
    std::uint32_t person = 0;
    float fit_to_leave_since = 0.0F;
  };
  sim::Fifo<HospitalWait> home_care_waiting_hospital_;
  sim::Fifo<std::uint32_t> home_care_waiting_community_;
  InterventionSet interventions_;
  double population_scale_ = 1.0;
  double effects_time_ = 0.0;  // interventions' effects are those in force at this time
  // Capacity in use: the levers' commissioned capacity times interventions'
  // capacity changes.
  std::array<double, commissioned_service_count> effective_capacity_{};
  std::vector<sim::IntegratedLevel> intervention_cost_rates_;  // pounds a day, per intervention
  // Budgets, regime, means test and levers; made once the baseline
  // capacities and the population size are known.
  std::optional<AreaFunding> funding_;

  // Measures.
  std::vector<sim::PeriodTotals> counts_;  // one per metric counted at instants
  sim::IntegratedLevel occupied_beds_;
  sim::IntegratedLevel delayed_patients_;
  std::array<sim::IntegratedLevel, awaited_service_count> delayed_by_reason_;  // by AwaitedService
  sim::IntegratedLevel assessment_waiting_;  // P3 beds held by people assessed, awaiting a place
  sim::IntegratedLevel bed_waiters_;
  sim::IntegratedLevel care_home_residents_;
  sim::IntegratedLevel alive_;
  sim::IntegratedLevel hospital_full_;  // 1 while every bed is occupied
  sim::IntegratedLevel escalation_beds_;  // beds occupied beyond capacity
  sim::IntegratedLevel home_care_hours_;    // hours a week of packages held
  sim::IntegratedLevel unpaid_care_hours_;  // hours a week of unpaid care given
  sim::IntegratedLevel unmet_need_;         // people with unmet need
  sim::IntegratedLevel community_waiting_;  // people waiting at home for a package
  // Pounds a day by payer and service, for costs paid per person.
  std::array<std::array<sim::IntegratedLevel, care_service_count>, payer_count> cost_rates_;
  // P1 reablement, P2 rehabilitation, P3 assessment.
  std::array<DischargeServiceState, 3> services_;
  // Who is alive at the end of a year (close_year).
  struct YearEndSnapshot {
    bool taken = false;
    double alive = 0.0;
    double aged_85_plus = 0.0;
    double frail = 0.0;                // moderate or severe frailty
    double aged_65_plus = 0.0;
    double frail_85_plus = 0.0;
    double dementia_65_plus = 0.0;
    double multimorbid_65_plus = 0.0;  // 4+ conditions
    double home_care_holders = 0.0;
  };
  std::vector<YearEndSnapshot> year_end_;  // per reporting year
  // Running costs taken off (costs_off) and not yet put back, by band level:
  // the band gets only the net change at costs_on, as most changes leave a
  // person's costs as they were.
  RunningCostLevels costs_taken_off_{};
  std::uint32_t costs_taken_off_from_ = no_person;
  // The same measures by age band, bands fixed by age at the start of the
  // measured year (the end of warm-up before that): that time in years
  // (PersonTable::clock_years), read at most events.
  AgeBandMeasures by_age_band_;
  double band_reference_years_ = 0.0;
  LifeTableCounts life_table_;
  // Spend to date at the previous cycle end, by payer and service.
  std::array<std::array<double, care_service_count>, payer_count> spend_at_last_cycle_{};
  // Spend in the reporting year of the previous cycle end, by payer and
  // service, and that year: a cycle's spend inside its budget year is the
  // growth of its year's total since then.
  std::array<std::array<double, care_service_count>, payer_count> year_spend_at_last_cycle_{};
  std::size_t year_of_last_cycle_ = 0;
  std::array<double, awaited_service_count> delayed_at_last_cycle_{};
  std::array<double, commissioned_service_count> use_at_last_cycle_{};
  sim::Days last_cycle_end_ = 0.0;
  bool finished_ = false;
  std::optional<TransitionLog> transition_log_;
};

}  // namespace hcsim::models
