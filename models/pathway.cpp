#include "models/pathway.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/range/iterator_range.hpp>
#include <algorithm>
#include <ostream>

#include "models/input_error.hpp"
#include "models/parameters.hpp"
#include "models/transition_log.hpp"
#include "models/yaml_reader.hpp"

namespace hcsim::models {
namespace {

bool parse_setting(const std::string& name, Setting& setting) {
  for (std::size_t i = 0; i < setting_count; ++i) {
    if (setting_name(static_cast<Setting>(i)) == name) {
      setting = static_cast<Setting>(i);
      return true;
    }
  }
  return false;
}

bool any_positive(const AgeSchedule& schedule) {
  return std::any_of(schedule.values.begin(), schedule.values.end(),
                     [](double value) { return value > 0.0; });
}

// A move the model makes, and why (for the message when it is missing).
struct RequiredMove {
  Setting from;
  Setting to;
  bool needed;
  const char* because;
};

std::vector<RequiredMove> required_moves(const Parameters& p) {
  using S = Setting;
  const bool care_home =
      p.care_home.admissions_enabled && any_positive(p.discharge.care_home_probability);
  const bool residents = any_positive(p.care_home.initial_resident_share) || care_home;
  const bool reablement =
      p.discharge.reablement.enabled && any_positive(p.discharge.reablement.probability);
  const bool rehabilitation =
      p.discharge.rehabilitation.enabled && any_positive(p.discharge.rehabilitation.probability);
  const bool assessment = care_home && p.discharge.assessment.in_use();
  const bool admissions = p.emergency_admission.enabled &&
                          (any_positive(p.emergency_admission.rate_per_person_year) ||
                           p.emergency_admission.care_home_rate_per_person_year > 0.0);
  const bool deaths = p.mortality.enabled;
  const bool home_care = p.social_care.home_care_enabled &&
                         std::any_of(p.social_care.home_care_hours_per_week.begin(),
                                     p.social_care.home_care_hours_per_week.end(),
                                     [](double hours) { return hours > 0.0; });
  std::vector<RequiredMove> moves{
      {S::home, S::in_hospital, admissions, "emergency admissions"},
      {S::home, S::waiting_for_bed, admissions, "emergency admissions when beds are full"},
      {S::waiting_for_bed, S::in_hospital, admissions, "emergency admissions"},
      {S::in_hospital, S::home, admissions, "discharges home"},
      {S::care_home, S::in_hospital, admissions && residents, "care-home residents' admissions"},
      {S::care_home, S::waiting_for_bed, admissions && residents,
       "care-home residents' admissions"},
      {S::in_hospital, S::care_home, admissions && residents,
       "residents returning, discharge.care_home_probability"},
      {S::in_hospital, S::delayed_discharge, care_home || reablement || rehabilitation,
       "delayed discharge"},
      {S::delayed_discharge, S::care_home, care_home, "discharge.care_home_probability"},
      {S::in_hospital, S::reablement, reablement, "discharge.reablement.probability"},
      {S::delayed_discharge, S::reablement, reablement, "discharge.reablement.probability"},
      {S::reablement, S::home, reablement, "discharge.reablement.probability"},
      {S::in_hospital, S::rehabilitation, rehabilitation, "discharge.rehabilitation.probability"},
      {S::delayed_discharge, S::rehabilitation, rehabilitation,
       "discharge.rehabilitation.probability"},
      {S::rehabilitation, S::home, rehabilitation, "discharge.rehabilitation.probability"},
      {S::home, S::home_care, home_care, "social_care.home_care.hours_per_week_by_need"},
      {S::home_care, S::in_hospital, home_care && admissions, "home-care clients' admissions"},
      {S::home_care, S::waiting_for_bed, home_care && admissions,
       "home-care clients' admissions"},
      {S::in_hospital, S::home_care, home_care && admissions, "discharges with a package"},
      {S::delayed_discharge, S::home_care, home_care, "waits for a home-care package"},
      {S::in_hospital, S::delayed_discharge, home_care, "waits for a home-care package"},
      {S::reablement, S::home_care, home_care && reablement, "packages after reablement"},
      {S::rehabilitation, S::home_care, home_care && rehabilitation,
       "packages after rehabilitation"},
      {S::in_hospital, S::assessment, assessment, "discharge.assessment"},
      {S::delayed_discharge, S::assessment, assessment, "discharge.assessment"},
      {S::assessment, S::care_home, assessment, "discharge.assessment"},
      {S::assessment, S::home, assessment,
       "discharge.assessment.permanent_placement_share below 1, and refusals"},
      {S::assessment, S::home_care, home_care && assessment, "packages after assessment"},
  };
  for (std::size_t i = 0; i < setting_count; ++i) {
    const auto setting = static_cast<Setting>(i);
    if (setting != S::dead) moves.push_back({setting, S::dead, deaths, "mortality.enabled"});
  }
  return moves;
}

}  // namespace

void read_pathway(MapReader& reader, PathwayParameters& pathway) {
  std::vector<MapReader::TextPair> pairs;
  if (!reader.text_pairs("edges", pairs)) return;
  // With `extends:`, the list may come from a base file: name that one.
  const Diagnostic list = reader.location("edges");
  pathway.edges.clear();
  for (const auto& pair : pairs) {
    pathway.edges.push_back({pair.first, pair.second, list.file, pair.line, pair.column});
  }
  pathway.file = list.file;
  pathway.line = list.line;
  pathway.column = list.column;
}

Pathway Pathway::build(const Parameters& parameters, const std::string& file,
                       Diagnostics& diagnostics) {
  const std::string key_path = "parameters.pathway.edges";
  Pathway pathway;
  for (std::size_t i = 0; i < setting_count; ++i) {
    boost::add_vertex(SettingNode{std::string(setting_name(static_cast<Setting>(i)))},
                      pathway.graph_);
  }
  auto problem = [&](const std::string& where, int line, int column, const std::string& message) {
    diagnostics.add({where.empty() ? file : where, line, column, key_path, message});
  };
  const PathwayParameters& edge_list = parameters.pathway;
  std::string known;
  for (std::size_t i = 0; i < setting_count; ++i) {
    known += (i ? ", " : "") + std::string(setting_name(static_cast<Setting>(i)));
  }
  for (const auto& edge : parameters.pathway.edges) {
    Setting from{}, to{};
    const bool from_ok = parse_setting(edge.from, from);
    const bool to_ok = parse_setting(edge.to, to);
    if (!from_ok || !to_ok) {
      problem(edge.file, edge.line, edge.column,
              "the edge [" + edge.from + ", " + edge.to + "] names an undefined setting '" +
                  (from_ok ? edge.to : edge.from) + "'; the settings are " + known);
      continue;
    }
    if (from == Setting::dead) {
      problem(edge.file, edge.line, edge.column,
              "the edge [dead, " + edge.to + "] leaves death; death is absorbing");
      continue;
    }
    if (!pathway.has_edge(from, to)) {
      boost::add_edge(static_cast<std::size_t>(from), static_cast<std::size_t>(to),
                      pathway.graph_);
    }
  }
  // Every setting the model uses must be reachable from home.
  std::vector<boost::default_color_type> colour(boost::num_vertices(pathway.graph_));
  boost::breadth_first_search(
      pathway.graph_, static_cast<std::size_t>(Setting::home),
      boost::color_map(boost::make_iterator_property_map(
          colour.begin(), boost::get(boost::vertex_index, pathway.graph_))));
  for (std::size_t i = 0; i < setting_count; ++i) {
    // A setting no edge mentions is simply not used by this scenario.
    const bool mentioned =
        boost::in_degree(i, pathway.graph_) + boost::out_degree(i, pathway.graph_) > 0;
    if (colour[i] == boost::white_color && mentioned) {
      problem(edge_list.file, edge_list.line, edge_list.column,
              "the setting '" + std::string(setting_name(static_cast<Setting>(i))) +
                  "' cannot be reached from home");
    }
  }
  for (const auto& move : required_moves(parameters)) {
    if (move.needed && !pathway.has_edge(move.from, move.to)) {
      problem(edge_list.file, edge_list.line, edge_list.column,
              "the pathway has no edge [" + std::string(setting_name(move.from)) + ", " +
                  std::string(setting_name(move.to)) + "], which " + move.because +
                  " needs; add it or switch that flow off");
    }
  }
  return pathway;
}

bool Pathway::has_edge(Setting from, Setting to) const {
  return boost::edge(static_cast<std::size_t>(from), static_cast<std::size_t>(to), graph_).second;
}

void Pathway::write_dot(std::ostream& out) const {
  out << "digraph pathway {\n  rankdir=LR;\n";
  for (std::size_t vertex = 0; vertex < boost::num_vertices(graph_); ++vertex) {
    const std::string& name = graph_[vertex].name;
    out << "  " << name << " [shape=" << (name == "dead" ? "doublecircle" : "box") << "];\n";
  }
  for (std::size_t vertex = 0; vertex < boost::num_vertices(graph_); ++vertex) {
    for (const auto edge : boost::make_iterator_range(boost::out_edges(vertex, graph_))) {
      out << "  " << graph_[vertex].name << " -> " << graph_[boost::target(edge, graph_)].name
          << ";\n";
    }
  }
  out << "}\n";
}

}  // namespace hcsim::models
