#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "models/input_error.hpp"
#include "models/pathway.hpp"
#include "models/scenario.hpp"

using hcsim::models::InputError;
using hcsim::models::parse_scenario;
using hcsim::models::Setting;

namespace {

const std::string base = R"(name: t
population_scale: 0.01
areas:
  - name: A
    population: 1000000
)";

std::string errors_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "p.yaml", {});
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("accepted");
  return "";
}

std::string default_edges_without(const std::string& removed) {
  // The default edges, from the embedded file, less one.
  const auto parameters = hcsim::models::default_parameters();
  std::string text = base + "parameters:\n  pathway:\n    edges:\n";
  for (const auto& edge : parameters.pathway.edges) {
    if (edge.from + "," + edge.to == removed) continue;
    text += "      - [" + edge.from + ", " + edge.to + "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("the default pathway is a valid graph with every flow", "[pathway]") {
  const auto scenario = parse_scenario(base, "p.yaml", {});
  hcsim::models::Diagnostics diagnostics;
  const auto pathway =
      hcsim::models::Pathway::build(scenario.areas[0].parameters, "p.yaml", diagnostics);
  CHECK(diagnostics.empty());
  CHECK(pathway.has_edge(Setting::in_hospital, Setting::rehabilitation));
  // P3: hospital -> assessment bed -> care home or home; death from there too.
  CHECK(pathway.has_edge(Setting::in_hospital, Setting::assessment));
  CHECK(pathway.has_edge(Setting::delayed_discharge, Setting::assessment));
  CHECK(pathway.has_edge(Setting::assessment, Setting::care_home));
  CHECK(pathway.has_edge(Setting::assessment, Setting::home));
  CHECK(pathway.has_edge(Setting::assessment, Setting::dead));
  CHECK_FALSE(pathway.has_edge(Setting::dead, Setting::home));
  std::ostringstream dot;
  pathway.write_dot(dot);
  CHECK_THAT(dot.str(), Catch::StartsWith("digraph pathway {") &&
                            Catch::Contains("in_hospital -> delayed_discharge;") &&
                            Catch::Contains("assessment [shape=box]") &&
                            Catch::Contains("in_hospital -> assessment;") &&
                            Catch::Contains("assessment -> care_home;") &&
                            Catch::Contains("dead [shape=doublecircle]"));
}

TEST_CASE("an edge to an undefined setting is an error with its line", "[pathway][bad_input]") {
  const auto errors = errors_of(base + R"(parameters:
  pathway:
    edges:
      - [home, in_hospital]
      - [in_hospital, limbo]
)");
  CHECK_THAT(errors, Catch::Contains("p.yaml:10:9") && Catch::Contains("undefined setting 'limbo'"));
}

TEST_CASE("death is absorbing and every setting must be reachable", "[pathway][bad_input]") {
  CHECK_THAT(errors_of(default_edges_without("") + "      - [dead, home]\n"),
             Catch::Contains("death is absorbing"));
  // Without any way into P2 rehabilitation, it cannot be reached, and the
  // flow that needs the edge is named.
  std::string no_p2 = default_edges_without("in_hospital,rehabilitation");
  const std::string second = "      - [delayed_discharge, rehabilitation]\n";
  no_p2.erase(no_p2.find(second), second.size());
  const auto errors = errors_of(no_p2);
  CHECK_THAT(errors, Catch::Contains("'rehabilitation' cannot be reached from home") &&
                         Catch::Contains("no edge [in_hospital, rehabilitation]") &&
                         Catch::Contains("discharge.rehabilitation.probability"));
  // Switching the flow off makes the missing edges acceptable, but the
  // setting must still be reachable: give it an unused way in.
  CHECK_NOTHROW(parse_scenario(
      no_p2 + "      - [home, rehabilitation]\n  discharge:\n    rehabilitation:\n"
              "      probability: [0, 0]\n",
      "p.yaml", {}));
}

TEST_CASE("P3 assessment beds need their edges while in use", "[pathway][bad_input]") {
  const std::string no_p3 = default_edges_without("in_hospital,assessment");
  CHECK_THAT(errors_of(no_p3), Catch::Contains("no edge [in_hospital, assessment]") &&
                                   Catch::Contains("discharge.assessment"));
  // Switched off, the direct route needs no P3 edge (the setting is still
  // reachable through delayed discharge).
  CHECK_NOTHROW(parse_scenario(no_p3 + "  discharge:\n    assessment:\n      enabled: false\n",
                               "p.yaml", {}));
}

TEST_CASE("a missing edge is reported at the edge list", "[pathway][bad_input]") {
  // The list is under `edges:` on line 8; its first item, where it starts, is on line 9.
  const auto errors = errors_of(default_edges_without("in_hospital,home"));
  CHECK_THAT(errors, Catch::Contains("p.yaml:9:7: parameters.pathway.edges: the pathway has no "
                                     "edge [in_hospital, home], which discharges home needs"));
}
