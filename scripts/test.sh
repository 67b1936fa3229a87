#!/usr/bin/env bash
# Installs dependencies, builds the release preset and runs every test.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j2
ctest --preset release
