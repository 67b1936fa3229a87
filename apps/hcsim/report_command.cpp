#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "apps/hcsim/commands.hpp"
#include "apps/hcsim/exit_codes.hpp"

#ifndef HCSIM_ANALYSIS_DIR
#define HCSIM_ANALYSIS_DIR "analysis"
#endif

namespace hcsim::app {

int report_command(const std::vector<std::string>& arguments) {
  // The report is Python (h5py, pandas, matplotlib from Debian). The package
  // is found beside the sources unless HCSIM_ANALYSIS_DIR says otherwise, and
  // Debian's interpreter is used unless HCSIM_PYTHON names another.
  const char* analysis_dir = std::getenv("HCSIM_ANALYSIS_DIR");
  const char* python = std::getenv("HCSIM_PYTHON");
  const std::string interpreter = python ? python : "/usr/bin/python3";
  const std::string package_dir = analysis_dir ? analysis_dir : HCSIM_ANALYSIS_DIR;
  const char* existing = std::getenv("PYTHONPATH");
  const std::string python_path =
      existing && *existing ? package_dir + ":" + existing : package_dir;
  ::setenv("PYTHONPATH", python_path.c_str(), 1);
  ::setenv("MPLBACKEND", "Agg", 0);

  std::vector<std::string> words{interpreter, "-m", "hcsim_analysis", "report"};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  ::execv(interpreter.c_str(), argv.data());
  std::fprintf(stderr, "hcsim: runtime failure: cannot start %s for the report: %s\n",
               interpreter.c_str(), std::strerror(errno));
  return exit_runtime_failure;
}

}  // namespace hcsim::app
