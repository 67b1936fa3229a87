#include "models/flow_service.hpp"

#include "models/input_error.hpp"
#include "models/resource_estimate.hpp"

#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/event.hpp"
#include "sim/fifo.hpp"
#include "sim/period_totals.hpp"
#include "sim/scheduler.hpp"

namespace hcsim::models {
namespace {

// Draw purposes of the flow model. Never renumber (reproducibility across
// versions); the values are apart from the care model's (random_purpose.hpp)
// so the two never share an address.
enum class FlowPurpose : std::uint64_t {
  daily_arrival_count = 0x464C0001,  // subject: day (1-based)
  daily_arrival_times = 0x464C0002,  // subject: day
  arrival_stay = 0x464C0003,         // subject: arrival number (0-based, in time order)
  initial_stay = 0x464C0004,         // subject: initial in-service patient
  initial_waiting_stay = 0x464C0005, // subject: initial waiting patient (in admission order)
};

[[nodiscard]] constexpr std::uint64_t id(FlowPurpose purpose) noexcept {
  return static_cast<std::uint64_t>(purpose);
}

enum EventKind : std::uint16_t { departure = 0, arrival = 1, capacity_change = 2 };
// A bed freed at the same instant as an arrival is free for it, and so is a
// bed opened then (a capacity change has no patient, so it sorts after the
// departures of its instant and before the arrivals).
constexpr std::uint16_t departure_priority = 0;
constexpr std::uint16_t capacity_change_priority = 0;
constexpr std::uint16_t arrival_priority = 1;

struct Arrival {
  sim::Days time = 0.0;
  bool removed = false;  // stay ended (ipacs_2023: its arrival is then dropped)
  bool pulled = false;   // ipacs_2023: admitted early in an initial waiting patient's place
};

class FlowService {
 public:
  FlowService(const FlowServiceParameters& parameters, const sim::RandomStreams& streams)
      : p_(parameters),
        streams_(streams),
        horizon_(static_cast<sim::Days>(parameters.daily_arrival_rate.size())),
        days_(parameters.daily_arrival_rate.size()),
        capacity_(parameters.capacity),
        occupancy_(0.0, 1.0, days_),
        waiting_(0.0, 1.0, days_) {}

  FlowServiceRun run() {
    draw_arrivals();
    start();
    scheduler_.run_until(horizon_, [this](const sim::Event& event) { return handle(event); });
    return finish();
  }

 private:
  void draw_arrivals() {
    boost::random::uniform_01<double> uniform;
    for (std::size_t day = 1; day <= days_; ++day) {
      const double rate = p_.daily_arrival_rate[day - 1];
      if (rate <= 0.0) continue;
      auto count_stream = stream(day, FlowPurpose::daily_arrival_count);
      boost::random::poisson_distribution<std::int64_t, double> poisson(rate);
      const std::int64_t count = poisson(count_stream);
      auto time_stream = stream(day, FlowPurpose::daily_arrival_times);
      const std::size_t first = arrivals_.size();
      for (std::int64_t k = 0; k < count; ++k) {
        arrivals_.push_back({static_cast<double>(day - 1) + uniform(time_stream)});
      }
      std::sort(arrivals_.begin() + static_cast<std::ptrdiff_t>(first), arrivals_.end(),
                [](const Arrival& a, const Arrival& b) { return a.time < b.time; });
    }
    if (arrivals_.size() + first_arrival_patient() >= sim::no_person) {
      throw std::invalid_argument("flow service: too many patients for 32-bit patient numbers");
    }
    for (std::size_t n = 0; n < arrivals_.size(); ++n) {
      scheduler_.schedule({arrivals_[n].time, patient_of_arrival(n), 0, arrival_priority,
                           arrival, 0});
    }
    sequence_.assign(first_arrival_patient() + arrivals_.size(), 1);
    for (std::size_t k = 0; k < p_.capacity_steps.size(); ++k) {
      const auto when = static_cast<sim::Days>(p_.capacity_steps[k].from_day);
      if (when >= horizon_) break;
      const auto step = static_cast<std::uint32_t>(k);
      scheduler_.schedule(
          {when, sim::no_person, step, capacity_change_priority, capacity_change, step});
    }
  }

  // The stream of one draw: subjects are numbered within the service, and
  // the service's index sets the high word so services never share a draw.
  [[nodiscard]] sim::RandomStream stream(std::uint64_t subject, FlowPurpose purpose) const {
    return streams_.stream((std::uint64_t{p_.service_index} << 32) | subject, id(purpose), 0);
  }

  [[nodiscard]] std::size_t first_arrival_patient() const noexcept {
    return static_cast<std::size_t>(p_.initial_in_service + p_.initial_waiting);
  }
  [[nodiscard]] sim::PersonIndex patient_of_arrival(std::size_t n) const noexcept {
    return static_cast<sim::PersonIndex>(first_arrival_patient() + n);
  }
  [[nodiscard]] bool is_arrival(sim::PersonIndex patient) const noexcept {
    return patient >= first_arrival_patient();
  }
  [[nodiscard]] std::size_t arrival_of(sim::PersonIndex patient) const noexcept {
    return patient - first_arrival_patient();
  }

  void start() {
    const std::int64_t in_service = p_.initial_in_service;
    occupancy_.change(0.0, static_cast<double>(in_service));
    beds_used_ = in_service;
    boost::random::uniform_01<double> uniform;
    for (std::int64_t i = 0; i < in_service; ++i) {
      auto draws = stream(static_cast<std::uint64_t>(i), FlowPurpose::initial_stay);
      const double fresh = p_.length_of_stay.sample(draws);
      const double u = uniform(draws);
      const double low = std::min(1.0, fresh);
      const double high = std::max(1.0, fresh);
      const double remaining = low + u * (high - low);
      schedule_departure(static_cast<sim::PersonIndex>(i), 0.0, remaining);
      ++run_.admissions;
    }
    waiting_.change(0.0, static_cast<double>(p_.initial_waiting));
    if (p_.initial_queue_policy == InitialQueuePolicy::first_come_first_served) {
      for (std::int64_t j = 0; j < p_.initial_waiting; ++j) {
        queue_.push({static_cast<sim::PersonIndex>(in_service + j), 0.0});
      }
      fill_free_beds(0.0);
    } else {
      uncallable_waiting_ = p_.initial_waiting;
    }
  }

  // Draws the stay of `patient` admitted at `now`, schedules its end and adds
  // its days inside the horizon.
  void schedule_departure(sim::PersonIndex patient, sim::Days now, double stay) {
    const sim::Days end = now + stay;
    run_.stay_days_in_horizon += std::min(end, horizon_) - now;
    scheduler_.schedule({end, patient, sequence_at(patient)++, departure_priority, departure, 0});
  }

  std::uint32_t& sequence_at(sim::PersonIndex patient) {
    if (patient >= sequence_.size()) sequence_.resize(patient + 1, 1);
    return sequence_[patient];
  }

  [[nodiscard]] double stay_of_arrival(std::size_t n) const {
    auto draws = stream(n, FlowPurpose::arrival_stay);
    return p_.length_of_stay.sample(draws);
  }

  [[nodiscard]] double stay_of_initial_waiting(std::int64_t j) const {
    auto draws = stream(static_cast<std::uint64_t>(j), FlowPurpose::initial_waiting_stay);
    return p_.length_of_stay.sample(draws);
  }

  // Moves the head of the queue into a bed (the caller accounts for the bed).
  void admit_from_queue(sim::Days now) {
    const Waiting next = queue_.pop();
    waiting_.change(now, -1.0);
    run_.wait_days_in_horizon += now - next.since;
    ++run_.admissions;
    ++run_.admissions_waited;
    if (is_arrival(next.patient)) {
      schedule_departure(next.patient, now, stay_of_arrival(arrival_of(next.patient)));
    } else {
      const std::int64_t j = static_cast<std::int64_t>(next.patient) - p_.initial_in_service;
      schedule_departure(next.patient, now, stay_of_initial_waiting(j));
    }
  }

  // Admits from the head of the queue while beds are free.
  void fill_free_beds(sim::Days now) {
    while (!queue_.empty() && beds_used_ < capacity_) {
      admit_from_queue(now);
      occupancy_.change(now, 1.0);
      ++beds_used_;
    }
  }

  bool handle(const sim::Event& event) {
    const sim::Days now = event.time;
    if (event.kind == arrival) return on_arrival(event.person, now);
    if (event.kind == capacity_change) {
      capacity_ = p_.capacity_steps[event.payload].beds;
      fill_free_beds(now);  // fewer beds: the over-full rule in on_departure closes them
      return true;
    }
    return on_departure(event.person, now);
  }

  bool on_arrival(sim::PersonIndex patient, sim::Days now) {
    Arrival& record = arrivals_[arrival_of(patient)];
    if (record.removed) return false;  // ipacs_2023: its early stay already ended
    ++run_.arrivals;
    next_unprocessed_ = std::max(next_unprocessed_, arrival_of(patient) + 1);
    if (beds_used_ < capacity_) {
      ++beds_used_;
      occupancy_.change(now, 1.0);
      ++run_.admissions;
      schedule_departure(patient, now, stay_of_arrival(arrival_of(patient)));
      return true;
    }
    waiting_.change(now, 1.0);
    if (record.pulled) {
      // ipacs_2023: already has a stay scheduled, so never called from the
      // queue; it waits until that stay ends, and stays counted as waiting.
      ++uncallable_waiting_;
    } else {
      queue_.push({patient, now});
    }
    return true;
  }

  bool on_departure(sim::PersonIndex patient, sim::Days now) {
    if (is_arrival(patient)) {
      Arrival& record = arrivals_[arrival_of(patient)];
      if (record.removed) return false;  // ipacs_2023: the second of two stays
      record.removed = true;
    }
    ++run_.departures;
    if (beds_used_ > capacity_) {
      // Over-full (started above capacity, or beds closed): the ward shrinks
      // to its capacity before anyone else is admitted.
      --beds_used_;
      occupancy_.change(now, -1.0);
      return true;
    }
    if (!queue_.empty()) {
      admit_from_queue(now);  // the bed passes straight on
      return true;
    }
    if (uncallable_waiting_ > 0) {
      pull_future_arrival(now);
      return true;
    }
    --beds_used_;
    occupancy_.change(now, -1.0);
    return true;
  }

  // ipacs_2023: a bed is vacated while only uncallable patients wait. The bed
  // goes to the earliest arrival still to come, with the stay of the next
  // initial waiting patient, and the waiting count falls by one. With no
  // arrival to come the bed stays held and the count unchanged.
  void pull_future_arrival(sim::Days now) {
    std::size_t n = std::max(next_unprocessed_, next_pull_);
    while (n < arrivals_.size() && arrivals_[n].time <= now) ++n;
    if (n >= arrivals_.size()) return;
    next_pull_ = n + 1;
    arrivals_[n].pulled = true;
    --uncallable_waiting_;
    waiting_.change(now, -1.0);
    ++run_.admissions;
    ++run_.admissions_waited;
    schedule_departure(patient_of_arrival(n), now, stay_of_initial_waiting(pulls_++));
  }

  FlowServiceRun finish() {
    occupancy_.flush(horizon_);
    waiting_.flush(horizon_);
    for (std::size_t k = 0; k < queue_.size(); ++k) {
      const Waiting w = queue_.pop();
      run_.wait_days_in_horizon += horizon_ - w.since;
      queue_.push(w);
    }
    run_.occupancy = occupancy_.totals().totals();
    run_.waiting = waiting_.totals().totals();
    run_.cost.resize(days_);
    for (std::size_t d = 0; d < days_; ++d) {
      run_.cost[d] = run_.occupancy[d] * p_.bed_day_cost + run_.waiting[d] * p_.waiting_day_cost;
    }
    run_.in_service_at_end = beds_used_;
    run_.waiting_at_end = static_cast<std::int64_t>(queue_.size()) + uncallable_waiting_;
    run_.events = scheduler_.events_processed();
    return std::move(run_);
  }

  struct Waiting {
    sim::PersonIndex patient = 0;
    sim::Days since = 0.0;
  };

  const FlowServiceParameters& p_;
  const sim::RandomStreams& streams_;
  sim::Days horizon_;
  std::size_t days_;
  std::int64_t capacity_;  // beds now
  sim::Scheduler scheduler_;
  sim::IntegratedLevel occupancy_;
  sim::IntegratedLevel waiting_;
  std::vector<Arrival> arrivals_;
  std::vector<std::uint32_t> sequence_;  // next event sequence per patient
  sim::Fifo<Waiting> queue_;
  std::int64_t beds_used_ = 0;
  std::int64_t uncallable_waiting_ = 0;  // ipacs_2023 only
  std::size_t next_unprocessed_ = 0;     // first arrival not yet handled
  std::size_t next_pull_ = 0;            // ipacs_2023: first arrival not yet pulled
  std::int64_t pulls_ = 0;
  FlowServiceRun run_;
};

}  // namespace

std::string_view policy_name(InitialQueuePolicy policy) noexcept {
  switch (policy) {
    case InitialQueuePolicy::first_come_first_served: return "first_come_first_served";
    case InitialQueuePolicy::ipacs_2023: return "ipacs_2023";
  }
  return "unknown";
}

bool parse_policy(std::string_view name, InitialQueuePolicy& policy) noexcept {
  for (auto candidate :
       {InitialQueuePolicy::first_come_first_served, InitialQueuePolicy::ipacs_2023}) {
    if (policy_name(candidate) == name) {
      policy = candidate;
      return true;
    }
  }
  return false;
}

double expected_flow_patients(const FlowServiceParameters& parameters) {
  double patients = static_cast<double>(parameters.initial_in_service) +
                    static_cast<double>(parameters.initial_waiting);
  for (const double rate : parameters.daily_arrival_rate) patients += rate;
  return patients;
}

std::uint64_t estimated_flow_replication_bytes(const FlowServiceParameters& parameters) {
  const double patients = expected_flow_patients(parameters);
  // Saturates rather than wraps for rates no replication could hold.
  const double bytes = patients * static_cast<double>(flow_bytes_per_patient);
  if (!(bytes < 1.8e19)) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(bytes);
}

std::string flow_patients_problem(double patients, std::size_t days) {
  if (patients <= max_flow_expected_patients) return "";
  const double bytes = patients * static_cast<double>(flow_bytes_per_patient);
  return "the expected arrivals (the sum of the daily rates) and the patients there at the "
         "start come to " + format_number(std::round(patients)) +
         " patients in each replication of " + std::to_string(days) +
         (days == 1 ? " day" : " days") + "; at most " +
         format_number(max_flow_expected_patients) +
         " are allowed: a replication holds every patient in memory until it ends, " +
         std::to_string(flow_bytes_per_patient) + " bytes each, so this would need an estimated " +
         (bytes < 1.8e19 ? format_bytes(static_cast<std::uint64_t>(bytes))
                         : std::string("more than 16 EiB")) +
         " for each replication run at once; lower the rates, the days or the initial patients";
}

void check_flow_parameters(const FlowServiceParameters& parameters) {
  if (parameters.daily_arrival_rate.empty()) {
    throw std::invalid_argument("daily_arrival_rate must have at least one day");
  }
  for (std::size_t d = 0; d < parameters.daily_arrival_rate.size(); ++d) {
    const double rate = parameters.daily_arrival_rate[d];
    if (!(rate >= 0.0) || !std::isfinite(rate)) {
      throw std::invalid_argument("daily_arrival_rate of day " + std::to_string(d + 1) +
                                  " must be a non-negative finite number, got " +
                                  format_number(rate));
    }
  }
  if (parameters.capacity < 1) throw std::invalid_argument("capacity must be at least 1 bed");
  std::int64_t previous_day = 0;
  for (const auto& change : parameters.capacity_steps) {
    if (change.from_day <= previous_day) {
      throw std::invalid_argument("capacity changes must be at days >= 1, in ascending order "
                                  "(day " + std::to_string(change.from_day) + " follows day " +
                                  std::to_string(previous_day) + ")");
    }
    if (change.beds < 1) {
      throw std::invalid_argument("capacity from day " + std::to_string(change.from_day) +
                                  " must be at least 1 bed");
    }
    previous_day = change.from_day;
  }
  if (parameters.initial_in_service < 0 || parameters.initial_waiting < 0) {
    throw std::invalid_argument("initial_in_service and initial_waiting must be >= 0");
  }
  if (parameters.initial_in_service + parameters.initial_waiting > (std::int64_t{1} << 30)) {
    throw std::invalid_argument("too many initial patients");
  }
  const std::string too_many = flow_patients_problem(expected_flow_patients(parameters),
                                                     parameters.daily_arrival_rate.size());
  if (!too_many.empty()) throw std::invalid_argument(too_many);
  for (double cost : {parameters.bed_day_cost, parameters.waiting_day_cost}) {
    if (!(cost >= 0.0) || !std::isfinite(cost)) {
      throw std::invalid_argument("bed_day_cost and waiting_day_cost must be >= 0");
    }
  }
}

std::vector<std::int64_t> daily_capacity(const FlowServiceParameters& parameters) {
  std::vector<std::int64_t> beds(parameters.daily_arrival_rate.size(), parameters.capacity);
  for (const auto& change : parameters.capacity_steps) {
    for (std::size_t d = static_cast<std::size_t>(std::max<std::int64_t>(change.from_day, 0));
         d < beds.size(); ++d) {
      beds[d] = change.beds;
    }
  }
  return beds;
}

FlowServiceRun run_flow_service(const FlowServiceParameters& parameters,
                                const sim::RandomStreams& streams) {
  check_flow_parameters(parameters);
  return FlowService(parameters, streams).run();
}

}  // namespace hcsim::models
