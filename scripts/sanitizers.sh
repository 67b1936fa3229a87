#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer + UndefinedBehaviorSanitizer, and
# the parallel runner's tests under ThreadSanitizer. CI runs this after the
# README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j2
# The crash-safety test kills processes on purpose; under ASan it only runs slower.
# The MPI test is left to the release build: Open MPI's own start-up allocations
# are reported as leaks by LeakSanitizer, from libraries without symbols.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan-ubsan -E cli_mpi_ranks
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j2 --target hcsim_tests hcsim
# Everything that runs areas, replications or sweep points on several
# threads. The tsan preset runs the parallel loop on std::thread (see
# sim/parallel.hpp). The command-line tests are left to the other builds:
# under TSan they take longer than CI allows, and the parallel code they run
# is what the tests below exercise.
TSAN_OPTIONS=halt_on_error=1 ctest --preset tsan \
  -R "threads|window|replications differ|tiny scenario|shortage|in parallel"
