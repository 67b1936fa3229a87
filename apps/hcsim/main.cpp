// The hcsim executable: a thin layer that parses the command line and hands
// the request to its command. Exit statuses are in exit_codes.hpp.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "apps/hcsim/command_line.hpp"
#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"
#include "models/input_error.hpp"
#include "results/hdf5_results.hpp"
#include "sim/distributed.hpp"
#include "sim/run_control.hpp"

#ifndef HCSIM_VERSION
#define HCSIM_VERSION "unknown"
#endif

namespace {

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// Standard output is buffered: a full disk or a closed pipe shows only when
// it is flushed. A JSON summary cut short must not pass for a result, so a
// command that succeeded fails if what it printed did not all get out.
int flushed(int status) {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return status;
  const int error = errno;
  std::fprintf(stderr, "hcsim: runtime failure: could not write standard output (%s)\n",
               error != 0 ? std::strerror(error) : "write error");
  return status == hcsim::app::exit_success ? hcsim::app::exit_runtime_failure : status;
}

int dispatch(const hcsim::app::Request& request, const std::string& command_line) {
  switch (request.command) {
    case hcsim::app::Command::help:
      std::fputs(hcsim::app::usage_text().c_str(), stdout);
      return hcsim::app::exit_success;
    case hcsim::app::Command::version:
      std::printf("hcsim %s\n", HCSIM_VERSION);
      return hcsim::app::exit_success;
    case hcsim::app::Command::run:
      return hcsim::app::run_command(request.run, command_line);
    case hcsim::app::Command::check:
      return hcsim::app::check_command(request.run);
    case hcsim::app::Command::pathway:
      return hcsim::app::pathway_command(request.run);
    case hcsim::app::Command::compare:
      return hcsim::app::compare_command(request.results);
    case hcsim::app::Command::replications:
      return hcsim::app::replications_command(request.results);
    case hcsim::app::Command::bench:
      return hcsim::app::bench_command(request.bench);
    case hcsim::app::Command::validate:
      return hcsim::app::validate_command(request.validate);
    case hcsim::app::Command::report:
      return hcsim::app::report_command(request.report_arguments);
  }
  return hcsim::app::exit_runtime_failure;
}

}  // namespace

int main(int argc, char** argv) {
  // Under mpirun this initialises MPI; otherwise it is one process of rank 0.
  const hcsim::sim::Distributed distributed(argc, argv);
  // Every rank reads the same input, so input errors are reported once.
  const bool root = distributed.is_root();
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const std::string command_line = "hcsim " + join(arguments);
  try {
    const auto request = hcsim::app::parse_command_line(arguments);
    return flushed(dispatch(request, command_line));
  } catch (const hcsim::app::UsageError& error) {
    if (root) std::fprintf(stderr, "hcsim: error: %s\n", error.what());
    return hcsim::app::exit_bad_input;
  } catch (const hcsim::models::InputError& error) {
    for (const auto& diagnostic : error.diagnostics()) {
      if (root) std::fprintf(stderr, "hcsim: error: %s\n", diagnostic.format().c_str());
    }
    return hcsim::app::exit_bad_input;
  } catch (const hcsim::sim::Interrupted&) {
    if (root) std::fprintf(stderr, "hcsim: interrupted; no output was written\n");
    return hcsim::app::exit_interrupted;
  } catch (const hcsim::sim::PeerFailure& error) {
    if (root) std::fprintf(stderr, "hcsim: runtime failure: %s\n", error.what());
    return hcsim::app::exit_runtime_failure;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "hcsim: runtime failure: %s\n", error.what());
    return hcsim::app::exit_runtime_failure;
  }
  return hcsim::app::exit_runtime_failure;
}
