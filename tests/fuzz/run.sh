#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan+UBSan) and fuzzes the scenario
# loader for SECONDS (default 60) from a seed corpus of the shipped scenarios.
# A crash leaves its input in build/fuzz/findings/; copy it to
# tests/fuzz/regressions/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target scenario_fuzzer
corpus=build/fuzz/corpus
mkdir -p "$corpus" build/fuzz/findings
cp scenarios/*.yaml tests/data/*.yaml tests/fuzz/corpus/* "$corpus"/ 2>/dev/null || true
(cd build/fuzz && ctest -R fuzz_regressions --output-on-failure)
./build/fuzz/tests/fuzz/scenario_fuzzer "$corpus" -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/findings/ -print_final_stats=1 \
  2>&1 | tail -n 20
