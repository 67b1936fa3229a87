#!/usr/bin/env bash
# kill -9 at random moments never leaves a partial results file: the target is
# either absent, the previous complete file, or a complete new one. Each rerun
# resumes the interrupted plan, and the file finally written equals an
# uninterrupted run's bit for bit.
# Usage: crash_safety_test.sh HCSIM_BINARY SOURCE_DIR
set -u
hcsim="$1"
source_dir="$2"
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario="$source_dir/scenarios/default.yaml"
target="$work/results.h5"
passes=0
failures=0

complete() {  # a results file that opens and holds its last-written group
  $python - "$1" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["format"] == "hcsim-results"
    assert f["runs/events"].shape[0] >= 1
    assert f["summary/mean"].shape[0] >= 1
PY
}

# A complete "old" file to protect.
"$hcsim" run "$scenario" --replications 2 --quiet --out "$target" >/dev/null || exit 1
old_sum=$(md5sum "$target" | cut -d' ' -f1)

# Kill points spread over start-up, simulation and the write (the write of a
# 20-replication run takes a few milliseconds, so late kills matter most).
for delay in 0.00 0.05 0.15 0.30 0.50 0.80 1.10 1.40 1.70 2.00 2.40 2.80; do
  resume=""
  [ -d "$target.runs" ] && resume="--resume"
  "$hcsim" run "$scenario" --replications 20 --threads 2 --quiet --out "$target" $resume \
    >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ ! -e "$target" ]; then
    echo "FAIL: kill at ${delay}s removed the previous file" >&2; failures=$((failures + 1))
  elif [ "$(md5sum "$target" | cut -d' ' -f1)" = "$old_sum" ]; then
    passes=$((passes + 1))
  elif complete "$target"; then
    passes=$((passes + 1))
    old_sum=$(md5sum "$target" | cut -d' ' -f1)
  else
    echo "FAIL: kill at ${delay}s left a partial $target" >&2; failures=$((failures + 1))
  fi
  # What SIGKILL cannot clean up (a folder being made is renamed into place
  # whole, so a kill leaves either no results.h5.runs or one with its plan).
  rm -rf "$work"/results.h5.tmp.* "$work"/results.h5.runs/*.tmp.* "$work"/results.h5.runs.tmp.*
done

# Finish the interrupted plan and compare with an uninterrupted run.
resume=""
[ -d "$target.runs" ] && resume="--resume"
"$hcsim" run "$scenario" --replications 20 --threads 2 --quiet --out "$target" $resume >/dev/null
"$hcsim" run "$scenario" --replications 20 --threads 1 --quiet --out "$work/reference.h5" >/dev/null
if $python - "$target" "$work/reference.h5" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for name in a["measures"]:
        assert np.array_equal(a["measures"][name][()], b["measures"][name][()]), name
PY
then passes=$((passes + 1)); else
  echo "FAIL: the resumed results differ from an uninterrupted run" >&2; failures=$((failures + 1))
fi
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
