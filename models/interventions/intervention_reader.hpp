#pragma once
// Reads a scenario's top-level `interventions:` list (see
// docs/interventions.md). Every problem becomes a diagnostic with file, line
// and key path, collected with the rest of the scenario's problems; the
// caller throws them together once the whole scenario has been read.
#include <string>
#include <vector>

#include "models/interventions/intervention.hpp"
#include "models/yaml_reader.hpp"

namespace hcsim::models {

// `scenario_root` reads the scenario's top level (this marks `interventions`
// as known there); `area_names` are the scenario's areas, which `areas:`
// lists must come from; `start_day_number` is the scenario's start date as a
// day number (calendar.hpp), from which dates become days from the run
// start. Returns what it could read; only use it when no diagnostic was added.
[[nodiscard]] std::vector<Intervention> read_interventions(
    MapReader& scenario_root, const std::vector<std::string>& area_names, int start_day_number);

}  // namespace hcsim::models
