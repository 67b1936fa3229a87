// The metric table in docs/results-format.md is how users learn what each
// dataset holds; it must list every metric, with its units, as the code
// names them.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "models/metrics.hpp"

TEST_CASE("docs/results-format.md lists every metric with its units", "[results][docs]") {
  std::ifstream file(std::string(HCSIM_SOURCE_DIR) + "/docs/results-format.md");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const std::string docs = text.str();
  for (const auto& info : hcsim::models::metric_info) {
    const std::string row = "| " + std::string(info.name) + " | " + std::string(info.unit) + " |";
    INFO("missing table row starting: " << row);
    CHECK(docs.find(row) != std::string::npos);
  }
}
