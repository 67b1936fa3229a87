#!/usr/bin/env bash
# Builds hcsim with profile-guided and link-time optimisation into
# build/pgo/hcsim, for long sweeps and cluster runs, where a tenth off every
# run is worth a second build (benchmarks/README.md, "Tenth round", has the
# measurements).
#
# An instrumented build runs a training workload (the default scenario and
# the four regime scenarios at small scale, on one thread); the same build
# directory is then rebuilt from that profile (GCC names profile files after
# the object files' paths, so the directory must not change in between).
# Profile and link-time optimisation change how code is laid out and
# inlined, not the arithmetic: results are bit-identical to the release
# build's, and the script checks that on two scenarios before it finishes
# (it exits non-zero, and removes build/pgo/hcsim, if they differ).
#
# Usage: bash scripts/build-pgo.sh   (about 6 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build/pgo
profile="$PWD/build/pgo-profile"
rm -rf "$profile"
mkdir -p "$profile"

# Link-time optimisation too: with the profile it lets the hot paths be
# inlined across files (the event handlers, the scheduler, the random
# streams). Alone it gained nothing measurable; with the profile it did.
lto="-flto=auto"

configure() {
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DHCSIM_BUILD_TESTS=OFF \
    -DHCSIM_BUILD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS="$1" -DCMAKE_EXE_LINKER_FLAGS="$2" >&2
}

echo "build-pgo: instrumented build" >&2
configure "$lto -fprofile-generate -fprofile-update=atomic -fprofile-dir=$profile" \
  "$lto -fprofile-generate"
cmake --build "$dir" -j2 --target hcsim >&2

echo "build-pgo: training run" >&2
"$dir/hcsim" bench --scale 0.02 --years 5 --threads 1 --json >/dev/null
for scenario in vanguard pooled_bcf integrated baseline_split; do
  "$dir/hcsim" run "scenarios/$scenario.yaml" --set population_scale=0.005 \
    --set horizon_years=3 --replications 1 --threads 1 --quiet --json >/dev/null
done

echo "build-pgo: optimised build from the profile" >&2
# -fprofile-partial-training: code the training did not reach is optimised
# as in a release build rather than for size.
configure "$lto -fprofile-use -fprofile-partial-training -fprofile-correction -fprofile-dir=$profile -Wno-missing-profile" \
  "$lto"
cmake --build "$dir" -j2 --target hcsim >&2

echo "build-pgo: checking results against the release build" >&2
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target hcsim >&2
# Everything a run prints but the time it took.
results_of() {
  "$1" run "scenarios/$2.yaml" --set population_scale=0.005 --set horizon_years=2 \
    --replications 2 --quiet --json | sed -E 's/"wall_seconds": [0-9.e+-]+//'
}
for scenario in default integrated; do
  release=$(results_of build/release/hcsim "$scenario")
  optimised=$(results_of "$dir/hcsim" "$scenario")
  if [[ "$release" != "$optimised" ]]; then
    rm -f "$dir/hcsim"
    echo "build-pgo: error: scenarios/$scenario.yaml gives different results from" \
      "build/release/hcsim; build/pgo/hcsim was removed (compiler: $(c++ --version | head -1))" >&2
    exit 1
  fi
done
echo "build-pgo: build/pgo/hcsim gives the release build's results; use it as build/release/hcsim" >&2
