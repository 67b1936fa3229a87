#pragma once
// What each intervention returns: the run with every intervention against a
// counterfactual run without that one intervention, on the same seed and
// replication. Random numbers are drawn per person and purpose, so both runs
// share them (common random numbers) and the difference is the intervention's
// effect, not noise between two unrelated runs.
//
// Areas do not interact, so the counterfactual only simulates the areas the
// intervention covers; elsewhere the two runs are identical and the
// difference is zero by construction.
//
// Per intervention and run, the fields of intervention_return_fields():
//   cost                       its running cost (the payer named in its YAML)
//   savings_<payer>            what each payer spends without it minus with
//                              it, the intervention's own cost left out
//   savings                    the sum of those over every payer (society)
//   savings_public             over the public payers: NHS, local authority,
//                              pooled fund and DWP
//   admissions_avoided, bed_days_saved, delayed_discharge_days_avoided
//   roi                        (savings_public - cost) / cost: the net return
//                              per pound of public money invested; 0 breaks
//                              even, 1 returns two pounds for each one spent.
//                              NaN when the intervention cost nothing.
// People's own spending and carers' unpaid time are not in roi: keeping
// people alive and at home longer adds to both, a benefit of the
// intervention rather than a loss on it; savings_self_funders and
// savings_unpaid_care_value show them.
#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace hcsim::models {

struct ReplicationResult;

// Field names of one intervention's row, in order.
[[nodiscard]] std::vector<std::string> intervention_return_fields();
// The name of field `field` of intervention `name` in JSON and printed
// summaries: roi_<name>, intervention_cost_<name>, savings_nhs_<name>, ...
[[nodiscard]] std::string intervention_metric_name(const std::string& field,
                                                   const std::string& name);

// The units of field `field`: GBP, admissions, bed-days, or GBP per GBP for roi.
[[nodiscard]] std::string intervention_return_units(const std::string& field);

// Whether a scenario asks for returns and has an intervention to measure.
[[nodiscard]] bool wants_intervention_returns(const Scenario& scenario);

// The scenario without intervention `index`: it is gone from the scenario's
// list and from every area's set.
[[nodiscard]] Scenario without_intervention(const Scenario& scenario, std::size_t index);

// The areas (by index) intervention `index` covers.
[[nodiscard]] std::vector<char> areas_covered(const Scenario& scenario, std::size_t index);

// One intervention's row from the full run and its counterfactual (in which
// only the areas in `covered` were simulated), appended to `out`.
void append_intervention_return(const ReplicationResult& with,
                                const ReplicationResult& without,
                                const std::vector<char>& covered, std::vector<double>& out);

}  // namespace hcsim::models
