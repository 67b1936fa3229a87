#pragma once
// Flow-only mode: one capacity-limited service (a ward of beds, say) fed by
// a daily arrival-rate series instead of by the population. This is the form
// of the discharge-to-assess bed models (IPACS, for one): day d gets
// Poisson(rate_d) arrivals spread uniformly over [d - 1, d); an arrival takes
// a free bed or waits first come, first served (in hospital: the wait is the
// delayed discharge); stays come from any sim::Distribution. The service can
// start part full, with patients in beds and patients already waiting.
//
// Every draw is addressed (sim::RandomStreams): the day's arrival count and
// times by (day, purpose), an arrival's stay by (arrival number, purpose), an
// initial patient's by (patient number, purpose). The same seed gives the same
// arrivals and, for the same arrival, the same stay quantile, whatever the
// capacity or policy: scenarios compare on common random numbers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/random_stream.hpp"

namespace hcsim::models {

// How the patients already waiting at time 0 enter service.
enum class InitialQueuePolicy {
  // They are the head of the first-come-first-served queue: any bed free at
  // time 0 goes to them, and each leaves after its own stay. The model as
  // described.
  first_come_first_served,
  // As the IPACS bed model (R code at commit eac2a71) behaves, reproduced
  // for the comparison with its published outputs (docs/validation.md):
  // patients waiting at time 0 are only a count. Beds free at time 0 go to
  // later arrivals; a bed vacated while only such patients wait is handed to
  // the earliest future arrival, which then also arrives as usual and keeps a
  // bed (or a place in the queue) until the first of its two stays ends,
  // so each initial waiting patient admitted stays in the system for good.
  ipacs_2023,
};

[[nodiscard]] std::string_view policy_name(InitialQueuePolicy policy) noexcept;
// Returns false when `name` is not a policy; `policy` is then unchanged.
bool parse_policy(std::string_view name, InitialQueuePolicy& policy) noexcept;

// A change in the number of beds during a run: winter beds opened, a ward
// closed.
struct BedCapacityStep {
  std::int64_t from_day = 0;  // days since the start; the change happens at that time
  std::int64_t beds = 0;
};

struct FlowServiceParameters {
  // Mean arrivals of day d (1-based) at index d - 1; the run lasts as many
  // days as the series has.
  std::vector<double> daily_arrival_rate;
  std::int64_t capacity = 0;  // beds at time 0
  // Later changes, from_day strictly ascending and at least 1. More beds
  // admit those waiting at once; fewer close beds as their patients leave
  // (nobody is moved out), as the over-full start below does. Under
  // ipacs_2023 the patients waiting at time 0 still take only vacated beds.
  std::vector<BedCapacityStep> capacity_steps;
  sim::Distribution length_of_stay = sim::Distribution::fixed(1.0);
  // In service at time 0; each has a remaining stay uniform between 1 day
  // and a freshly drawn stay (between the two when that stay is shorter).
  // May exceed capacity (a ward over-full at the start, as one IPACS node
  // is): no one is admitted until departures bring it below capacity.
  std::int64_t initial_in_service = 0;
  std::int64_t initial_waiting = 0;  // waiting at time 0
  InitialQueuePolicy initial_queue_policy = InitialQueuePolicy::first_come_first_served;
  double bed_day_cost = 0.0;      // per occupied bed-day (e.g. a community bed)
  double waiting_day_cost = 0.0;  // per patient-day waiting (an acute delayed day)
  // Which service of a scenario this is. It keys every draw (the high 32 bits
  // of the draw's subject), so the services of one scenario draw
  // independently while each keeps its own common random numbers; 0 for a
  // service on its own.
  std::uint32_t service_index = 0;
};

// What one replication holds: every patient, from the start until the
// replication ends (the arrival's record, its scheduled arrival and departure,
// its event sequence number and, while the beds are full, its place in the
// queue). Peak resident memory measured over 10 million arrivals of one
// replication: 58 bytes an arrival with beds to spare, 86 with every arrival
// queueing; the figure allows for vector growth on top.
inline constexpr std::uint64_t flow_bytes_per_patient = 96;
// The most patients one replication of a service may expect (those there at
// the start plus the expected arrivals, the sum of the daily rates): an
// estimated 9 GiB for each replication run at once (flow_bytes_per_patient),
// far beyond any single service, and well inside the 32-bit patient numbers.
inline constexpr double max_flow_expected_patients = 1e8;

// Patients there at the start plus the expected arrivals (the sum of the
// daily rates).
[[nodiscard]] double expected_flow_patients(const FlowServiceParameters& parameters);
// Peak memory of one replication, estimated from its expected patients.
[[nodiscard]] std::uint64_t estimated_flow_replication_bytes(
    const FlowServiceParameters& parameters);
// Why a service expecting `patients` a replication is refused (more than
// max_flow_expected_patients), with the estimate; "" when it is not.
[[nodiscard]] std::string flow_patients_problem(double patients, std::size_t days);

// Beds at the start of each day (index d - 1 for day d), changes applied.
[[nodiscard]] std::vector<std::int64_t> daily_capacity(const FlowServiceParameters& parameters);

// Throws std::invalid_argument, naming the parameter, when the parameters
// cannot be run (negative or non-finite rates, capacity < 1, capacity
// changes out of order, more expected patients than
// max_flow_expected_patients, ...).
void check_flow_parameters(const FlowServiceParameters& parameters);

// One replication.
struct FlowServiceRun {
  // Per day d at index d - 1, time-weighted over [d - 1, d).
  std::vector<double> occupancy;  // mean beds occupied
  std::vector<double> waiting;    // mean patients waiting (delayed discharges)
  std::vector<double> cost;       // occupancy x bed_day_cost + waiting x waiting_day_cost

  std::uint64_t arrivals = 0;
  std::uint64_t admissions = 0;         // into a bed, initial waiting patients included
  std::uint64_t admissions_waited = 0;  // admissions that came from the queue
  std::uint64_t departures = 0;         // stays ended within the horizon
  std::int64_t in_service_at_end = 0;
  std::int64_t waiting_at_end = 0;
  // Sample-path totals for Little's law: the stays' and waits' days inside
  // [0, horizon), summed patient by patient (equal to the integrals of the
  // daily occupancy and waiting in first_come_first_served).
  double stay_days_in_horizon = 0.0;
  double wait_days_in_horizon = 0.0;
  std::uint64_t events = 0;
};

// Runs one replication from time 0 to the end of the rate series, drawing
// from `streams` (one seed and replication). Deterministic: the same
// parameters and streams give the same bits.
[[nodiscard]] FlowServiceRun run_flow_service(const FlowServiceParameters& parameters,
                                              const sim::RandomStreams& streams);

}  // namespace hcsim::models
