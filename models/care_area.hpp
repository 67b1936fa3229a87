#pragma once
// One local health and care economy: its people, its hospital and its care
// homes, and the events that move people between them. Runs as an engine Area:
// inside a window it touches nothing outside itself.
#include <array>
#include <optional>
#include <cstdint>
#include <vector>

#include "models/discharge_service.hpp"
#include "models/metrics.hpp"
#include "models/mortality.hpp"
#include "models/person_table.hpp"
#include "models/transition_log.hpp"
#include "models/scenario.hpp"
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
  // Events further ahead than the current bucket wait outside the heap
  // (sim::Scheduler); one synchronisation window is a natural width.
  double bucket_days = 30.4375;
};

class CareArea final : public sim::Area {
 public:
  CareArea(const AreaSpec& spec, std::uint32_t area_index, double population_scale,
           const MeasurementPlan& plan, const sim::RandomStreams& streams);

  void advance_to(sim::Days until) override;
  // Closes time-integrated measures at the end of the run.
  void finish(sim::Days end);

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] std::size_t people() const noexcept { return people_.size(); }
  [[nodiscard]] std::int64_t hospital_beds() const noexcept { return beds_; }
  [[nodiscard]] std::int64_t care_home_places() const noexcept { return places_; }
  [[nodiscard]] std::uint64_t events_processed() const noexcept {
    return scheduler_.events_processed();
  }
  // Value of `metric` in reporting year `year`.
  [[nodiscard]] double measure(Metric metric, std::size_t year) const;
  [[nodiscard]] const PersonTable& person_table() const noexcept { return people_; }
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
  // The name of the first measure that is NaN or infinite, or "" when all are
  // finite. Checked at every window end so a bad number stops the run where it
  // appears instead of being written out.
  [[nodiscard]] std::string first_non_finite_measure() const;

 private:
  enum EventKind : std::uint16_t {
    admission = 0,
    death = 1,
    clinical_stay_end = 2,
    service_end = 3,  // the end of a P1 or P2 discharge service
    year_end = 4,     // not a person's: snapshot of the population (payload: year)
  };

  bool handle(const sim::Event& event);
  void synthesise();
  [[nodiscard]] double expected_initial_resident_share() const;

  // Flows.
  void on_admission(std::uint32_t person);
  void on_death(std::uint32_t person);
  void on_clinical_stay_end(std::uint32_t person);
  void admit_to_bed(std::uint32_t person);
  // Ends `person`'s hospital stay (discharge or death) and gives the bed to
  // the next patient waiting.
  void release_bed(std::uint32_t person);
  void occupy_bed();
  void release_care_home_place();
  void enter_care_home(std::uint32_t person);
  // P1/P2 discharge services.
  [[nodiscard]] DischargeServiceState* choose_discharge_service(std::uint32_t person, double age);
  [[nodiscard]] DischargeServiceState& service_for(Setting setting);
  [[nodiscard]] DischargeServiceState& service_for(AwaitedService awaited);
  void start_discharge_service(std::uint32_t person, DischargeServiceState& service);
  void on_service_end(std::uint32_t person);
  void snapshot_population(std::size_t year);
  void release_service_place(DischargeServiceState& service);
  void return_to_community(std::uint32_t person);

  // Scheduling.
  void schedule_death(std::uint32_t person, double budget_or_negative);
  void schedule_next_admission(std::uint32_t person);
  std::uint32_t next_sequence(std::uint32_t person) { return people_.next_sequence[person]++; }
  void schedule(std::uint32_t person, EventKind kind, double time, std::uint32_t sequence);
  [[nodiscard]] sim::RandomStream stream(std::uint32_t person, std::uint64_t purpose,
                                         std::uint64_t draw) const;
  [[nodiscard]] const Gompertz& mortality_of(std::uint32_t person) const;
  // The hazard of death `person` is under in their current setting.
  [[nodiscard]] DeathHazard death_hazard(std::uint32_t person) const;

  void count(Metric metric, double amount = 1.0);
  // Every change of a person's setting goes through here, so the optional
  // transition log sees it.
  void move_to(std::uint32_t person, Setting setting);

  std::string name_;
  std::uint32_t area_index_;
  Parameters parameters_;
  MeasurementPlan plan_;
  sim::RandomStreams streams_;
  std::array<Gompertz, 2> mortality_;  // by sex

  PersonTable people_;
  sim::Scheduler scheduler_;

  std::int64_t beds_ = 0;
  std::int64_t beds_occupied_ = 0;
  std::int64_t places_ = 0;
  std::int64_t places_held_ = 0;
  sim::Fifo<std::uint32_t> waiting_for_bed_;
  sim::Fifo<std::uint32_t> waiting_for_care_home_;

  // Measures.
  std::vector<sim::PeriodTotals> counts_;  // one per metric counted at instants
  sim::IntegratedLevel occupied_beds_;
  sim::IntegratedLevel delayed_patients_;
  sim::IntegratedLevel bed_waiters_;
  sim::IntegratedLevel care_home_residents_;
  sim::IntegratedLevel alive_;
  sim::IntegratedLevel hospital_full_;  // 1 while every bed is occupied
  std::array<DischargeServiceState, 2> services_;  // P1 reablement, P2 rehabilitation
  std::vector<double> population_end_;     // per year, alive at its end
  std::vector<double> population_85_end_;  // per year, alive and 85+ at its end
  std::vector<char> snapshot_taken_;
  bool finished_ = false;
  std::optional<TransitionLog> transition_log_;
};

}  // namespace hcsim::models
