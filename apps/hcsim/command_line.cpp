#include "apps/hcsim/command_line.hpp"

#include <charconv>

#include "sim/json_text.hpp"

namespace hcsim::app {
namespace {

template <class Integer>
Integer parse_integer(const std::string& option, const std::string& text, Integer min,
                      Integer max) {
  Integer value{};
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value < min ||
      value > max) {
    throw UsageError(option + " expects a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

double parse_fraction(const std::string& option, const std::string& text) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !(value > 0.0) ||
      !(value < 1.0)) {
    throw UsageError(option + " expects a number between 0 and 1 (for example 0.01), got '" +
                     text + "'");
  }
  return value;
}

double parse_positive(const std::string& option, const std::string& text, double max) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !(value > 0.0) ||
      value > max) {
    throw UsageError(option + " expects a number above 0 and at most " + sim::json_number(max) +
                     ", got '" + text + "'");
  }
  return value;
}

// The loop every command's option parser shares: `--help` anywhere asks for
// help, `handle(argument, value)` takes the options it knows (calling value()
// for the one after it) and returns false for anything else, which is a usage
// error naming the command.
template <class Handle>
Request parse_options(Request& request, const std::vector<std::string>& arguments,
                      const Handle& handle) {
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= arguments.size()) throw UsageError(argument + " expects a value");
      return arguments[++i];
    };
    if (argument == "--help" || argument == "-h") {
      request.command = Command::help;
      return request;
    }
    if (!handle(argument, value)) {
      throw UsageError("unknown argument '" + argument + "' for " + arguments[0] +
                       "; see 'hcsim --help'");
    }
  }
  return request;
}

Request parse_validate_options(Request& request, const std::vector<std::string>& arguments) {
  ValidateOptions& options = request.validate;
  parse_options(request, arguments, [&](const std::string& argument, const auto& value) {
    if (argument == "--json") {
      options.json = true;
    } else if (argument == "--dir") {
      options.scenario_dir = value();
    } else if (argument == "--ipacs") {
      options.ipacs_dir = value();
    } else if (argument == "--national") {
      options.national = true;
    } else if (argument == "--output") {
      options.output_path = value();
      if (options.output_path->empty()) throw UsageError("--output expects a file name");
    } else if (argument == "--replications") {
      options.replications = parse_integer<std::int64_t>(argument, value(), 2, 100000);
    } else if (argument == "--seed") {
      options.seed = parse_integer<std::uint64_t>(argument, value(), 0, UINT64_MAX);
    } else if (argument == "--threads") {
      options.threads = parse_integer<int>(argument, value(), 1, 4096);
    } else if (argument == "--set") {
      options.set.push_back(value());
    } else {
      return false;
    }
    return true;
  });
  if (request.command == Command::help) return request;
  if (options.national && (options.ipacs_dir || options.scenario_dir)) {
    throw UsageError(std::string("--national runs the embedded default scenario; it takes no ") +
                     (options.ipacs_dir ? "--ipacs" : "--dir"));
  }
  if (options.output_path && !options.national) {
    throw UsageError("--output is for --national (the Markdown file it writes)");
  }
  return request;
}

Request parse_bench_options(Request& request, const std::vector<std::string>& arguments) {
  BenchOptions& options = request.bench;
  return parse_options(request, arguments, [&](const std::string& argument, const auto& value) {
    if (argument == "--json") {
      options.json = true;
    } else if (argument == "--scale") {
      options.scale = parse_positive(argument, value(), 1.0);
    } else if (argument == "--scenario") {
      options.scenario_path = value();
    } else if (argument == "--years") {
      options.years = parse_positive(argument, value(), 200.0);
    } else if (argument == "--threads") {
      options.threads = parse_integer<int>(argument, value(), 1, 4096);
    } else {
      return false;
    }
    return true;
  });
}

Request parse_results_options(Request& request, const std::vector<std::string>& arguments) {
  const std::string& command = arguments[0];
  ResultsOptions& options = request.results;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--json") {
      options.json = true;
    } else if (argument == "--help" || argument == "-h") {
      request.command = Command::help;
      return request;
    } else if (command == "compare" && argument == "--points") {
      if (i + 2 >= arguments.size()) throw UsageError("--points expects two point numbers");
      options.points.push_back(parse_integer<std::int64_t>(argument, arguments[++i], 0, 100000));
      options.points.push_back(parse_integer<std::int64_t>(argument, arguments[++i], 0, 100000));
    } else if (command == "replications" && argument == "--point") {
      if (i + 1 >= arguments.size()) throw UsageError("--point expects a sweep point number");
      options.points = {parse_integer<std::int64_t>(argument, arguments[++i], 0, 100000)};
    } else if (command == "replications" && argument == "--relative-half-width") {
      if (i + 1 >= arguments.size()) throw UsageError(argument + " expects a value");
      options.relative_half_width = parse_fraction(argument, arguments[++i]);
    } else if (command == "replications" && argument.rfind("--relative-half-width=", 0) == 0) {
      options.relative_half_width =
          parse_fraction("--relative-half-width", argument.substr(argument.find('=') + 1));
    } else if (argument.rfind("-", 0) == 0 && argument.size() > 1) {
      throw UsageError("unknown option '" + argument + "' for " + command +
                       "; see 'hcsim --help'");
    } else {
      options.paths.push_back(argument);
    }
  }
  const std::size_t wanted = command == "compare" && options.points.empty() ? 2 : 1;
  if (options.paths.size() != wanted) {
    throw UsageError(command != "compare" ? "replications needs one results file: hcsim "
                                            "replications FILE.h5"
                     : options.points.empty()
                         ? "compare needs two results files: hcsim compare A.h5 B.h5"
                         : "compare --points I J takes one results file");
  }
  return request;
}

}  // namespace

std::string usage_text() {
  return R"(hcsim - discrete-event microsimulation of health and social care in England

Usage:
  hcsim run SCENARIO.yaml [options]   simulate a scenario and summarise its measures; a
                                      scenario with mode: flow_only runs services fed by
                                      daily arrival rates and reports daily occupancy and
                                      waiting with 5/50/95% quantiles (docs/validation.md)
  hcsim check SCENARIO.yaml [--set k=v ...]
                                      check a scenario completely without running it
  hcsim pathway SCENARIO.yaml [--area NAME] [--set k=v ...]
                                      write the care pathway (settings and moves) as
                                      Graphviz DOT: hcsim pathway s.yaml | dot -Tpng -o p.png
  hcsim compare A.h5 B.h5 [--json]    paired difference of every metric (B - A) with a
                                      95% CI, beside the CI an unpaired comparison gives
  hcsim compare FILE.h5 --points I J [--json]
                                      the same between two sweep points of one plan
  hcsim replications FILE.h5 [--relative-half-width 0.01] [--point P] [--json]
                                      replications each metric needs for a 95% CI
                                      half-width of that share of its mean (from the
                                      runs of sweep point P, default 0)
  hcsim bench [--scale S] [--years Y] [--threads N] [--scenario FILE] [--json]
                                      time one replication of the embedded default
                                      scenario (or FILE): events/s, person-years/s,
                                      memory, phases
  hcsim report FILE.h5 [MORE.h5 ...] -o DIR
                                      plots (PNG) and one self-contained HTML page with
                                      the headline metrics; several files are compared
  hcsim validate [--dir DIR] [--replications R] [--seed S] [--threads N] [--json]
                                      run the textbook validation cases (M/M/c hospital,
                                      finite-source beds, delayed-discharge chain) and
                                      compare each with its analytic value
  hcsim validate --ipacs DIR [--json] reproduce the published IPACS discharge-to-assess
                                      model (its CSV inputs and outputs in DIR) in
                                      flow-only mode and compare day by day
  hcsim validate --national [--output FILE.md] [--replications R] [--seed S]
                 [--threads N] [--set k=v ...] [--json]
                                      run the embedded default England scenario and
                                      compare it with published national figures, those
                                      it was calibrated to (verdict: within 10% or not)
                                      and those it was not; writes the Markdown table
                                      between <!-- national:begin --> and
                                      <!-- national:end --> in FILE.md (default
                                      docs/validation.md; appended when the markers are
                                      missing) and prints it. Exit 0 whatever the
                                      differences: it is a report
  hcsim --help                        show this text
  hcsim --version                     show the version

Options for run:
  --out FILE.h5          write every run's measures per area and year to an HDF5 file
                         (written atomically: complete or not at all). Finished runs
                         are kept in FILE.h5.runs/ until the file is complete
  --resume               complete a plan that was interrupted while writing --out,
                         without redoing its finished runs; the result is identical
                         to an uninterrupted run
  --replications R       number of independent replications (overrides the scenario)
  --seed S               master random seed, 0 to 2^64-1 (overrides the scenario)
  --threads N            worker threads; default: all hardware threads. Results do
                         not depend on N.
  --set key.path=VALUE   override one scenario value, e.g.
                         --set parameters.hospital.beds_per_1000=2.1
                         --set areas.London.hospital_beds=20000  (repeatable)
  --json                 print exactly one JSON object on stdout:
                         {"scenario", "replications", "seed",
                          "metrics": {name: {"mean", "ci95": [lo, hi]}},
                          "events", "wall_seconds", "horizon_years"}
  --transition-log N     log every change of setting of the first N people of each
                         area (individual histories) into --out under /transitions
  --transition-log-max M at most M records per area and run (default 100000)
  --max-memory-mb M      refuse a run whose memory estimate exceeds M MiB, under
                         MPI that of all the processes on one machine together
                         (default: the memory available when it starts)
  --max-output-mb M      refuse a run whose HDF5 output would exceed M MiB (default 4096)
  --progress             report progress on stderr even when it is not a terminal
  --quiet                no log lines on stderr (errors are still reported)

compare --json prints one object:
  {"metrics": {name: {"a", "b", "diff", "ci95_paired": [lo, hi], "ci95_unpaired": [lo, hi]}}}
Two runs of one seed share every draw a person makes for the same purpose
(common random numbers), so the paired interval is usually far narrower.

Metrics are totals over all areas and measured years (after warm-up), with a
Student t 95% confidence interval across replications.

Exit status: 0 success, 1 a validation check failed (validate, not --national),
2 bad input (file, YAML, key, value, option), 3 runtime failure (for example
the output cannot be written), 130 interrupted.
)";
}

Request parse_command_line(const std::vector<std::string>& arguments) {
  Request request;
  if (arguments.empty()) throw UsageError("no command given; try 'hcsim --help'");
  const std::string& command = arguments[0];
  if (command == "--help" || command == "-h" || command == "help") {
    request.command = Command::help;
    return request;
  }
  if (command == "--version" || command == "-V") {
    request.command = Command::version;
    return request;
  }
  if (command == "report") {
    request.command = Command::report;
    request.report_arguments.assign(arguments.begin() + 1, arguments.end());
    return request;
  }
  if (command == "validate") {
    request.command = Command::validate;
    return parse_validate_options(request, arguments);
  }
  if (command == "bench") {
    request.command = Command::bench;
    return parse_bench_options(request, arguments);
  }
  if (command == "compare" || command == "replications") {
    request.command = command == "compare" ? Command::compare : Command::replications;
    return parse_results_options(request, arguments);
  }
  if (command == "run") {
    request.command = Command::run;
  } else if (command == "check") {
    request.command = Command::check;
  } else if (command == "pathway") {
    request.command = Command::pathway;
  } else {
    throw UsageError("unknown command '" + command +
                     "'; expected run, check, pathway, compare, replications, bench, validate, report, --help or --version");
  }
  const bool checking = request.command == Command::check || request.command == Command::pathway;
  RunOptions& run = request.run;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    std::string argument = arguments[i];
    std::optional<std::string> inline_value;
    if (argument.rfind("--", 0) == 0) {
      const auto equals = argument.find('=');
      if (equals != std::string::npos) {
        inline_value = argument.substr(equals + 1);
        argument = argument.substr(0, equals);
      }
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= arguments.size()) throw UsageError(argument + " expects a value");
      return arguments[++i];
    };
    auto no_value = [&] {
      if (inline_value) throw UsageError(argument + " takes no value");
    };
    if (argument == "--help" || argument == "-h") {
      request.command = Command::help;
      return request;
    } else if (argument == "--out" || argument == "-o") {
      run.out_path = value();
      if (run.out_path->empty()) throw UsageError("--out expects a file name");
    } else if (argument == "--replications") {
      run.replications = parse_integer<std::int64_t>(argument, value(), 1, 100000);
    } else if (argument == "--seed") {
      run.seed = parse_integer<std::uint64_t>(argument, value(), 0, UINT64_MAX);
    } else if (argument == "--threads") {
      run.threads = parse_integer<int>(argument, value(), 1, 4096);
    } else if (argument == "--max-memory-mb") {
      run.max_memory_mb = parse_integer<std::uint64_t>(argument, value(), 1, 1ull << 40);
    } else if (argument == "--max-output-mb") {
      run.max_output_mb = parse_integer<std::uint64_t>(argument, value(), 1, 1ull << 40);
    } else if (argument == "--set") {
      run.set.push_back(value());
    } else if (argument == "--json") {
      no_value();
      run.json = true;
    } else if (argument == "--quiet" || argument == "-q") {
      no_value();
      run.quiet = true;
    } else if (argument == "--transition-log") {
      run.transition_log_people = parse_integer<std::uint32_t>(argument, value(), 1, 1000000);
    } else if (argument == "--transition-log-max") {
      run.transition_log_max = parse_integer<std::uint64_t>(argument, value(), 1, 100000000);
    } else if (argument == "--area" && request.command == Command::pathway) {
      run.area = value();
    } else if (argument == "--resume") {
      no_value();
      run.resume = true;
    } else if (argument == "--progress") {
      no_value();
      run.progress = true;
    } else if (argument.rfind("-", 0) == 0 && argument.size() > 1) {
      throw UsageError("unknown option '" + argument + "' for " + command +
                       "; see 'hcsim --help'");
    } else if (run.scenario_path.empty()) {
      run.scenario_path = argument;
    } else {
      throw UsageError("unexpected argument '" + argument + "'; " + command +
                       " takes one scenario file");
    }
  }
  if (run.scenario_path.empty()) {
    throw UsageError(command + " needs a scenario file: hcsim " + command + " SCENARIO.yaml");
  }
  if (run.resume && !run.out_path) throw UsageError("--resume needs --out FILE.h5");
  if (run.transition_log_people > 0 && !run.out_path) {
    throw UsageError("--transition-log needs --out FILE.h5 (the histories are written there)");
  }
  if (run.transition_log_people > 0 && run.resume) {
    throw UsageError("--transition-log cannot be combined with --resume: the runs already "
                     "saved have no histories; rerun without --resume");
  }
  if (checking && (run.out_path || run.json || run.progress)) {
    throw UsageError(command + " takes only a scenario file and --set/--seed/--replications");
  }
  return request;
}

}  // namespace hcsim::app
