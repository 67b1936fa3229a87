#!/usr/bin/env bash
# Installs dependencies, builds the release preset and runs the default
# scenario (England at 5% scale). Extra arguments go to `hcsim run`,
# for example: bash scripts/run-default.sh --json --out results.h5
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >&2
cmake --build --preset release -j2 --target hcsim >&2
./build/release/hcsim run scenarios/default.yaml "$@"
