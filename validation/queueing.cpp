#include "validation/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hcsim::validation {

double erlang_b(int servers, double offered_load) {
  if (servers < 0 || !(offered_load >= 0.0)) {
    throw std::invalid_argument("erlang_b: needs servers >= 0 and a load >= 0");
  }
  double blocking = 1.0;
  for (int k = 1; k <= servers; ++k) {
    blocking = offered_load * blocking / (k + offered_load * blocking);
  }
  return blocking;
}

double erlang_c(int servers, double offered_load) {
  if (servers < 1 || !(offered_load > 0.0) || !(offered_load < servers)) {
    throw std::invalid_argument("erlang_c: needs 0 < offered load < servers (got load " +
                                std::to_string(offered_load) + " on " +
                                std::to_string(servers) + " servers)");
  }
  const double blocking = erlang_b(servers, offered_load);
  const double rho = offered_load / servers;
  return blocking / (1.0 - rho * (1.0 - blocking));
}

MmcQueue mmc_queue(int servers, double arrival_rate, double service_rate) {
  if (!(arrival_rate > 0.0) || !(service_rate > 0.0) ||
      !(arrival_rate < servers * service_rate)) {
    throw std::invalid_argument("mmc_queue: needs 0 < arrival rate < servers x service rate");
  }
  MmcQueue queue;
  queue.offered_load = arrival_rate / service_rate;
  queue.utilisation = queue.offered_load / servers;
  queue.wait_probability = erlang_c(servers, queue.offered_load);
  queue.mean_wait_if_delayed = 1.0 / (servers * service_rate - arrival_rate);
  queue.mean_wait = queue.wait_probability * queue.mean_wait_if_delayed;
  queue.mean_queue_length = arrival_rate * queue.mean_wait;
  queue.mean_busy_servers = queue.offered_load;
  return queue;
}

FiniteSourceQueue finite_source_queue(std::int64_t sources, int servers, double rate_per_source,
                                      double service_rate) {
  if (sources < 1 || servers < 1 || !(rate_per_source > 0.0) || !(service_rate > 0.0)) {
    throw std::invalid_argument(
        "finite_source_queue: needs sources >= 1, servers >= 1 and positive rates");
  }
  const double ratio = rate_per_source / service_rate;
  std::vector<double> weights{1.0};
  double total = 1.0;
  for (std::int64_t n = 1; n <= sources; ++n) {
    const double next = weights.back() * static_cast<double>(sources - n + 1) * ratio /
                        static_cast<double>(std::min<std::int64_t>(n, servers));
    weights.push_back(next);
    total += next;
    if (total > 1e250) {  // rescale; only ratios matter
      for (double& w : weights) w *= 1e-250;
      total *= 1e-250;
    }
    // Past the mode the terms fall at least geometrically; stop once they no
    // longer change the sums at double precision.
    if (n > servers && next < total * 1e-18 && next < weights[weights.size() - 2]) break;
  }
  FiniteSourceQueue queue;
  queue.distribution.reserve(weights.size());
  double arrivals_seen = 0.0;
  std::vector<double> seen(weights.size());
  for (std::size_t n = 0; n < weights.size(); ++n) {
    const double p = weights[n] / total;
    queue.distribution.push_back(p);
    const double count = static_cast<double>(n);
    queue.mean_in_system += count * p;
    queue.mean_queue_length += std::max(0.0, count - servers) * p;
    queue.mean_busy_servers += std::min(count, static_cast<double>(servers)) * p;
    if (n >= static_cast<std::size_t>(servers)) queue.all_busy_probability += p;
    seen[n] = (static_cast<double>(sources) - count) * p;
    arrivals_seen += seen[n];
  }
  for (std::size_t n = static_cast<std::size_t>(servers); n < seen.size(); ++n) {
    queue.wait_probability += seen[n] / arrivals_seen;
  }
  queue.arrival_rate = rate_per_source * (static_cast<double>(sources) - queue.mean_in_system);
  queue.mean_time_in_system = queue.mean_in_system / queue.arrival_rate;
  queue.mean_wait = queue.mean_queue_length / queue.arrival_rate;
  return queue;
}

}  // namespace hcsim::validation
