#pragma once
// The IPACS discharge-to-assess bed model's inputs and published outputs,
// read at run time from a directory of CSV files (they are not part of this
// repository; see docs/validation.md): arrivals.csv, capacity.csv, los.csv,
// initial_conditions.csv, costs.csv and expected_bed_quantiles.csv.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/flow_service.hpp"

namespace hcsim::validation {

// IPACS's band for one day and measure, over its own single runs.
struct IpacsDayBand {
  double q05 = 0.0;  // 5% quantile
  double q95 = 0.0;  // 95% quantile
  double mean = 0.0;
};

// One node and scenario combination of expected_bed_quantiles.csv, e.g.
// P2_B_S1Cap_Blos_S1Arr: node P2_B, capacity BCap, stays Blos, arrivals S1Arr.
struct IpacsExpected {
  std::string name;
  std::string node;
  std::string capacity_scenario;
  std::string los_scenario;
  std::string arrival_scenario;
  // Day d (1-based, the interval [d - 1, d)) at index d - 1. IPACS labels
  // this day `time` d - 1 (its day d is stored in row d of a table whose
  // rows start at time 0).
  std::vector<IpacsDayBand> occupancy;
  std::vector<IpacsDayBand> waiting;
};

struct IpacsInputs {
  using NodeScenario = std::pair<std::string, std::string>;
  struct Stay {
    double mu = 0.0;
    double sigma = 0.0;
  };
  struct Costs {
    double community_bed_day = 0.0;
    double acute_delayed_day = 0.0;
  };
  std::string directory;
  std::map<NodeScenario, std::vector<double>> arrival_rates;  // per day, index day - 1
  std::map<NodeScenario, std::int64_t> capacity;
  std::map<NodeScenario, Stay> length_of_stay;
  std::map<std::string, std::int64_t> initial_occupancy;
  std::map<std::string, std::int64_t> initial_waiting;
  std::map<std::string, Costs> costs;
  std::vector<IpacsExpected> expected;  // P2 and P3 nodes only, in file order
  std::size_t days = 0;                 // length of every arrival series
};

// Reads and checks every file; throws models::InputError naming the file,
// line, column and column name of each problem (a missing file, a missing
// column, a bad number, a gap or repeat in the days, a combination whose
// inputs are missing).
[[nodiscard]] IpacsInputs read_ipacs_inputs(const std::string& directory);

// The flow-only service for one combination, as IPACS sets it up.
[[nodiscard]] models::FlowServiceParameters flow_parameters(const IpacsInputs& inputs,
                                                            const IpacsExpected& combination,
                                                            models::InitialQueuePolicy policy);

}  // namespace hcsim::validation
