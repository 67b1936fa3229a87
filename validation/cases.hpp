#pragma once
// The queueing validation cases: each a scenario in scenarios/validation/
// that reduces hcsim to a textbook queue, and the checks that compare its
// replications with the analytic results (validation/queueing.hpp).
#include <array>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "validation/checks.hpp"

namespace hcsim::validation {

enum class CaseKind { mmc_hospital, finite_source, delayed_discharge_chain };

struct CaseDefinition {
  CaseKind kind;
  const char* file;            // in the validation scenario directory
  const char* textbook_model;  // for reports
};

inline constexpr std::array<CaseDefinition, 3> validation_cases{{
    {CaseKind::mmc_hospital, "mmc_hospital.yaml", "M/M/c (Erlang C)"},
    {CaseKind::finite_source, "finite_source.yaml", "M/M/c//N finite source (machine repairman)"},
    {CaseKind::delayed_discharge_chain, "delayed_discharge_chain.yaml",
     "M/G/inf hospital feeding an M/M/k care home; waiting patients hold beds"},
}};

// Checks that `scenario` has the form `kind` needs (one area, exponential
// stays, constant hazards, the right processes switched off), so the
// analytic values apply; throws models::InputError naming the key otherwise.
void require_case_form(CaseKind kind, const models::Scenario& scenario);

// The checks of `kind` for an experiment run from `scenario`.
[[nodiscard]] std::vector<Check> evaluate_case(CaseKind kind, const models::Scenario& scenario,
                                               const models::ExperimentResult& experiment);

struct CaseResult {
  std::string name;     // scenario name
  std::string file;
  std::string textbook_model;
  std::vector<Check> checks;
  std::uint64_t events = 0;
  double wall_seconds = 0.0;
  [[nodiscard]] bool passed() const;
};

// Checks the form, runs every replication on `threads` threads (0: all) and
// evaluates.
[[nodiscard]] CaseResult run_case(const CaseDefinition& definition,
                                  const models::Scenario& scenario, int threads);

}  // namespace hcsim::validation
