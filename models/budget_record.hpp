#pragma once
// The budget history of an area as a fixed row of numbers per cycle, for
// results files: the levers a regime set and each budget holder's position.
#include <array>
#include <string>
#include <vector>

#include "models/funding/budget_ledger.hpp"

namespace hcsim::models {

// Column names of a budget-history row, in order.
[[nodiscard]] inline std::vector<std::string> budget_history_fields() {
  std::vector<std::string> fields{"cycle_end_days",        "in_budget_year",
                                  "budget_year",           "eligibility_threshold",
                                  "approval_delay_days"};
  for (const auto name : commissioned_service_names) {
    fields.push_back("capacity_" + std::string(name));
  }
  for (const Payer payer : budget_holders) {
    const std::string prefix(payer_names[index_of(payer)]);
    for (const char* part : {"allocation", "available", "spend_to_date", "forecast", "variance"}) {
      fields.push_back(prefix + "_" + part);
    }
  }
  return fields;
}

// Appends `row` to `out` in the order of budget_history_fields().
inline void append_budget_row(const BudgetHistoryRow& row, std::vector<double>& out) {
  out.push_back(row.end_days);
  out.push_back(row.in_budget_year ? 1.0 : 0.0);
  out.push_back(static_cast<double>(row.budget_year));
  out.push_back(row.eligibility_threshold);
  out.push_back(row.approval_delay_days);
  for (const double capacity : row.capacity) out.push_back(capacity);
  for (const Payer payer : budget_holders) {
    const PayerBudget& budget = row.payers[index_of(payer)];
    for (const double value : {budget.allocation, budget.available, budget.spend_to_date,
                               budget.forecast, budget.variance}) {
      out.push_back(value);
    }
  }
}

}  // namespace hcsim::models
