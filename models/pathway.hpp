#pragma once
// The pathway: the settings a person can be in and the moves between them,
// as a Boost Graph built from the scenario (defaults in
// models/defaults/england.yaml, key `pathway`).
//
// It is checked on load: every edge names a defined setting, every setting
// is reachable from home, death is absorbing, and every move the model will
// make with the scenario's parameters is an edge (a pathway that lacks one is
// an error naming the edge and the parameter that needs it). `hcsim pathway`
// writes it as Graphviz DOT.
#include <boost/graph/adjacency_list.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "models/person_table.hpp"

namespace hcsim::models {

struct Parameters;
class MapReader;

struct PathwayEdge {
  std::string from;
  std::string to;
  std::string file;  // where it was given, for messages
  int line = 0;
  int column = 0;
};

struct PathwayParameters {
  std::vector<PathwayEdge> edges;
  // Where the edge list was given, for problems of the whole graph (a
  // missing edge, an unreachable setting); line 0 when unknown.
  std::string file;
  int line = 0;
  int column = 0;
};

// Reads `pathway.edges` (a list of [from, to] pairs) onto `pathway`.
void read_pathway(MapReader& reader, PathwayParameters& pathway);

class Pathway {
 public:
  struct SettingNode {
    std::string name;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, SettingNode>;

  // Builds and checks the pathway of `parameters`; problems go to the
  // diagnostics, `file` naming where the parameters came from when an edge
  // does not say.
  static Pathway build(const Parameters& parameters, const std::string& file,
                       class Diagnostics& diagnostics);

  [[nodiscard]] bool has_edge(Setting from, Setting to) const;
  [[nodiscard]] const Graph& graph() const noexcept { return graph_; }
  void write_dot(std::ostream& out) const;

 private:
  Graph graph_;
};

}  // namespace hcsim::models
