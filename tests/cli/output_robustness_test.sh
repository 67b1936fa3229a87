#!/usr/bin/env bash
# Writing results fails cleanly: a full disk or a file size limit, a damaged or
# mislabelled run folder and arrival rates no run could hold give an error and
# exit status, never a crash, a destroyed file or wrong results. The full-disk
# cases mount a small tmpfs and are skipped where that is not permitted.
# Usage: output_robustness_test.sh HCSIM_BINARY SOURCE_DIR
set -u
hcsim="$1"
source_dir="$2"
python=/usr/bin/python3
work=$(mktemp -d)
full="$work/full"  # a tmpfs when it can be mounted
trap 'mountpoint -q "$full" 2>/dev/null && umount "$full"; rm -rf "$work"' EXIT
source "$(dirname "$0")/expect.sh"

# --- cases

tiny="$source_dir/tests/data/tiny.yaml"
flow="$source_dir/scenarios/validation/flow_only_p2.yaml"

check() {  # WHAT COMMAND...: passes when the command succeeds
  local what="$1"; shift
  if "$@"; then pass; else fail "$what"; fi
}

# Nothing a write left half-done (FILE.tmp.PID, run-N.h5.tmp.PID, plan.txt.tmp).
no_temporaries() {
  local left
  left=$(find "$1" -name '*.tmp*' 2>/dev/null)
  [ -z "$left" ] || { echo "  left: $left" >&2; return 1; }
}

# Every run file in a run folder opens and says it is the run its name says.
whole_runs() {
  $python - "$1" <<'PY'
import pathlib, sys, h5py
for path in pathlib.Path(sys.argv[1]).glob("run-*.h5"):
    with h5py.File(path, "r") as f:
        assert f.attrs["run"] == int(path.stem.split("-")[1]), path
        assert f["values"].shape[0] > 0, path
PY
}

# Two results files hold the same measures, run by run.
same_measures() {
  $python - "$1" "$2" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for name in b["measures"]:
        assert np.array_equal(a["measures"][name][()], b["measures"][name][()]), name
PY
}

# COMMAND... with a file size limit of KIB KiB; SIGXFSZ ignored (inherited
# through exec), so writes past it fail with EFBIG instead of killing hcsim.
with_size_limit() {
  local kib="$1"; shift
  ( trap '' XFSZ; ulimit -f "$kib"; exec "$@" )
}

# References: the plans run through without trouble.
for replications in 4 8; do
  "$hcsim" run "$tiny" --replications "$replications" --quiet \
    --out "$work/reference-$replications.h5" >/dev/null || fail "a reference run failed"
done

# A file size limit the run files fit but the results file does not: exit 3
# with the cause, the earlier file kept, no temporary, the runs saved. (A
# failed HDF5 write crashed hcsim at exit: exit 139.)
echo "an earlier complete file" >"$work/limited.h5"
expect_exit 3 "results file over the file size limit" -- \
  with_size_limit 100 "$hcsim" run "$tiny" --replications 8 --quiet --out "$work/limited.h5"
expect_stderr "cannot write $work/limited.h5: File too large ("
expect_stderr "nothing was written there"
check "the earlier file was changed" grep -qx "an earlier complete file" "$work/limited.h5"
check "temporary files were left" no_temporaries "$work"
check "the saved runs are not whole" whole_runs "$work/limited.h5.runs"
[ "$(ls "$work/limited.h5.runs" | grep -c '^run-')" -eq 8 ] && pass ||
  fail "expected 8 saved runs in $work/limited.h5.runs"

# --resume uses a saved run only when it is the run its name says and reads
# back whole: run 0's file copied over run 7's, and run 3's cut short, are
# done again, so the results equal the reference (run 7 used to hold run 0's
# data; a damaged file stopped the resume).
runs="$work/limited.h5.runs"
cp "$runs/run-0.h5" "$runs/run-7.h5"
head -c 1000 "$runs/run-3.h5" >"$runs/run-3.h5.cut" && mv "$runs/run-3.h5.cut" "$runs/run-3.h5"
expect_exit 0 "resume over a copied and a damaged run file" -- \
  "$hcsim" run "$tiny" --replications 8 --out "$work/limited.h5" --resume
expect_stderr "6 already done"
check "the resumed results differ from the reference" \
  same_measures "$work/limited.h5" "$work/reference-8.h5"
check "the run folder was kept" test ! -e "$runs"

# Flow-only arrival rates no replication could hold are refused when read,
# with the estimate (1e9 a day was killed by the system after 24 GB).
expect_exit 2 "flow arrivals of 1e9 a day" -- \
  "$hcsim" run "$flow" --set services.city.arrivals_per_day=1e9 --replications 2
expect_stderr "services[0].arrivals_per_day"
expect_stderr "at most 100000000 are allowed"
expect_stderr "GiB for each replication run at once"

# A full disk: a 300 KiB tmpfs.
mkdir -p "$full"
if mount -t tmpfs -o size=300k tmpfs "$full" 2>/dev/null; then
  # The results file does not fit after the runs: exit 3 naming the file and
  # the cause, the earlier file kept, no temporary; the runs are kept, and
  # --resume completes the plan once there is room.
  echo "an earlier complete file" >"$full/r.h5"
  expect_exit 3 "results file on a full disk" -- \
    "$hcsim" run "$tiny" --replications 4 --quiet --out "$full/r.h5"
  expect_stderr "cannot write $full/r.h5: No space left on device ("
  check "the earlier file was changed" grep -qx "an earlier complete file" "$full/r.h5"
  check "temporary files were left" no_temporaries "$full"
  check "the saved runs are not whole" whole_runs "$full/r.h5.runs"
  mount -o remount,size=2m "$full"
  expect_exit 0 "resume once there is room" -- \
    "$hcsim" run "$tiny" --replications 4 --quiet --out "$full/r.h5" --resume
  check "the resumed results differ from the reference" \
    same_measures "$full/r.h5" "$work/reference-4.h5"

  # The run files fill the disk part-way: exit 3 naming the run file; the
  # runs saved before are whole.
  rm -rf "${full:?}"/*
  mount -o remount,size=300k "$full"
  expect_exit 3 "run files on a full disk" -- \
    "$hcsim" run "$tiny" --replications 20 --quiet --out "$full/r.h5"
  expect_stderr "cannot write $full/r.h5.runs/run-"
  expect_stderr "No space left on device"
  check "temporary files were left" no_temporaries "$full"
  check "the saved runs are not whole" whole_runs "$full/r.h5.runs"

  # No room even for the run folder's plan: no folder is left to block the
  # next run.
  rm -rf "${full:?}"/*
  $python -c "
import sys
with open(sys.argv[1], 'wb', buffering=0) as f:
    try:
        while True: f.write(b'x' * 4096)
    except OSError: pass" "$full/filler"
  expect_exit 3 "a disk with no room at all" -- \
    "$hcsim" run "$tiny" --replications 2 --quiet --out "$full/r.h5"
  expect_stderr "No space left on device"
  check "a run folder was left" test ! -e "$full/r.h5.runs"

  # Flow-only results on a full disk.
  rm -rf "${full:?}"/*
  echo "an earlier complete file" >"$full/flow.h5"
  expect_exit 3 "flow results on a full disk" -- \
    "$hcsim" run "$flow" --replications 50 --quiet --out "$full/flow.h5"
  expect_stderr "cannot write $full/flow.h5: No space left on device ("
  check "the earlier flow file was changed" grep -qx "an earlier complete file" "$full/flow.h5"
  check "temporary files were left" no_temporaries "$full"
  umount "$full"
else
  echo "skip: the full-disk cases need to mount a tmpfs (root)"
fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
