#include <catch2/catch.hpp>

#include "apps/hcsim/command_line.hpp"

using hcsim::app::Command;
using hcsim::app::parse_command_line;
using hcsim::app::UsageError;

TEST_CASE("run options parse in both spellings", "[cli]") {
  const auto request = parse_command_line({"run", "s.yaml", "--out", "r.h5", "--replications=4",
                                           "--seed", "99", "--threads", "2", "--set", "a.b=1",
                                           "--set=c=2", "--json"});
  REQUIRE(request.command == Command::run);
  CHECK(request.run.scenario_path == "s.yaml");
  CHECK(*request.run.out_path == "r.h5");
  CHECK(*request.run.replications == 4);
  CHECK(*request.run.seed == 99);
  CHECK(request.run.threads == 2);
  CHECK(request.run.set == std::vector<std::string>{"a.b=1", "c=2"});
  CHECK(request.run.json);
}

TEST_CASE("help and version", "[cli]") {
  CHECK(parse_command_line({"--help"}).command == Command::help);
  CHECK(parse_command_line({"--version"}).command == Command::version);
  CHECK(parse_command_line({"run", "--help"}).command == Command::help);
  CHECK_THAT(hcsim::app::usage_text(), Catch::Contains("hcsim run SCENARIO.yaml"));
}

TEST_CASE("bad command lines are usage errors", "[cli][bad_input]") {
  CHECK_THROWS_AS(parse_command_line({}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"fly"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "b.yaml"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "--threads", "0"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "--replications", "x"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "--seed"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "--frobnicate"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"run", "a.yaml", "--json=yes"}), UsageError);
}

TEST_CASE("validate --national takes the run options and an output file", "[cli]") {
  const auto request = parse_command_line({"validate", "--national", "--output", "out.md",
                                           "--replications", "3", "--seed", "5", "--threads",
                                           "2", "--set", "population_scale=0.01", "--json"});
  REQUIRE(request.command == Command::validate);
  CHECK(request.validate.national);
  CHECK(*request.validate.output_path == "out.md");
  CHECK(*request.validate.replications == 3);
  CHECK(*request.validate.seed == 5);
  CHECK(request.validate.set == std::vector<std::string>{"population_scale=0.01"});
  CHECK(request.validate.json);
  CHECK(!parse_command_line({"validate", "--national"}).validate.output_path);
  CHECK(parse_command_line({"validate", "--national", "--help"}).command == Command::help);
  CHECK_THROWS_AS(parse_command_line({"validate", "--national", "--ipacs", "dir"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"validate", "--national", "--dir", "dir"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"validate", "--output", "out.md"}), UsageError);
  CHECK_THROWS_AS(parse_command_line({"validate", "--national", "--output", ""}), UsageError);
}
