#pragma once
// Textbook queueing results the validation scenarios are compared against.
// Rates are per day and times in days, as in the simulation.
//
// References: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing
// Theory (4th ed., 2008), sections 2.3 (M/M/c) and 2.7 (finite source);
// Kleinrock, Queueing Systems vol. 1 (1975), section 3.
#include <cstdint>
#include <vector>

namespace hcsim::validation {

// Erlang B: the probability that all `servers` are busy in an M/M/c/c loss
// system with offered load a = arrival rate / service rate (Erlangs), by the
// stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
[[nodiscard]] double erlang_b(int servers, double offered_load);

// Erlang C: the probability that an arrival must wait in an M/M/c queue,
// C = B / (1 - rho (1 - B)) with rho = a / c. Requires a < c.
[[nodiscard]] double erlang_c(int servers, double offered_load);

// Stationary M/M/c (FIFO, infinite population and waiting room).
struct MmcQueue {
  double offered_load = 0.0;        // a = lambda / mu, Erlangs
  double utilisation = 0.0;         // rho = a / c
  double wait_probability = 0.0;    // C(c, a), also the time share with all busy
  double mean_wait = 0.0;           // Wq = C / (c mu - lambda)
  double mean_wait_if_delayed = 0.0;  // 1 / (c mu - lambda)
  double mean_queue_length = 0.0;   // Lq = lambda Wq (Little)
  double mean_busy_servers = 0.0;   // a
};
// Throws std::invalid_argument unless 0 < lambda < c mu.
[[nodiscard]] MmcQueue mmc_queue(int servers, double arrival_rate, double service_rate);

// Finite-source M/M/c//N (the machine-repairman or Engset delay model): N
// sources, each arriving at `rate_per_source` while outside the system, c
// servers at `service_rate` each, FIFO. Exact, from the birth-death balance
// p(n) = p(n-1) (N - n + 1) lambda / (min(n, c) mu), normalised.
struct FiniteSourceQueue {
  std::vector<double> distribution;  // p(n), n = 0..N (truncated where negligible)
  double mean_in_system = 0.0;       // L
  double mean_queue_length = 0.0;    // Lq
  double mean_busy_servers = 0.0;    // sum min(n, c) p(n)
  double all_busy_probability = 0.0; // time share with n >= c
  double arrival_rate = 0.0;         // lambda (N - L), the throughput
  double mean_time_in_system = 0.0;  // W = L / (lambda (N - L)) (Little)
  double mean_wait = 0.0;            // Wq = Lq / (lambda (N - L))
  // Share of arrivals that must wait: by the arrival theorem an arrival sees
  // pi(n) = (N - n) p(n) / (N - L), so this is sum_{n >= c} pi(n).
  double wait_probability = 0.0;
};
[[nodiscard]] FiniteSourceQueue finite_source_queue(std::int64_t sources, int servers,
                                                    double rate_per_source, double service_rate);

}  // namespace hcsim::validation
