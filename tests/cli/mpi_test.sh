#!/usr/bin/env bash
# The same plan on 1 and 2 MPI ranks gives bit-identical results.
# Usage: mpi_test.sh MPIEXEC HCSIM_BINARY SOURCE_DIR
set -u
mpiexec="$1"
hcsim="$2"
source_dir="$3"
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
launch=("$mpiexec" --oversubscribe --allow-run-as-root)
source "$(dirname "$0")/expect.sh"  # passes, failures, interrupt_when
check() { if "$@"; then passes=$((passes + 1)); else echo "FAIL: $*" >&2; failures=$((failures + 1)); fi; }

sweep="$source_dir/tests/data/sweep_grid.yaml"
"$hcsim" run "$sweep" --quiet --out "$work/one_process.h5" >/dev/null
check "${launch[@]}" -np 1 "$hcsim" run "$sweep" --quiet --out "$work/one_rank.h5"
check "${launch[@]}" -np 2 "$hcsim" run "$sweep" --quiet --threads 1 --out "$work/two_ranks.h5"
check "${launch[@]}" -np 2 "$hcsim" run "$sweep" --quiet --json --out "$work/two_ranks_json.h5" \
  >"$work/stdout"
check $python - "$work/one_process.h5" "$work/one_rank.h5" "$work/two_ranks.h5" \
  "$work/two_ranks_json.h5" "$work/stdout" <<'PY'
import json, sys, h5py, numpy as np
files = [h5py.File(path, "r") for path in sys.argv[1:5]]
for other in files[1:]:
    for group in ["measures", "runs", "summary", "areas"]:
        for name in files[0][group]:
            assert np.array_equal(files[0][group][name][()], other[group][name][()]), (group, name)
# Only rank 0 prints: exactly one JSON object.
obj = json.loads(open(sys.argv[5]).read())
assert len(obj["points"]) == 4
PY
# Every dataset of the results file but the manifest (the command lines
# differ) equals the reference file's, bit for bit.
cat >"$work/same.py" <<'PY'
import sys, h5py, numpy as np
def datasets(path):
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset) and name.split("/")[0] != "manifest":
                found[name] = item[()]
        f.visititems(visit)
    return found
expected = datasets(sys.argv[1])
assert any("intervention" in name for name in expected), sorted(expected)
for other in sys.argv[2:]:
    got = datasets(other)
    assert sorted(got) == sorted(expected), (other, sorted(set(got) ^ set(expected)))
    for name, value in expected.items():
        if value.dtype.kind == "f":
            same = np.array_equal(value, got[name], equal_nan=True)
        else:
            same = np.array_equal(value, got[name])
        assert same, (other, name)
PY

# A single run of many areas, with interventions and their counterfactual
# runs, split by area over 2 and 3 ranks; and 2 runs over 3 ranks, one of them
# split.
vanguard="$source_dir/scenarios/vanguard.yaml"
small=(--set population_scale=0.005 --set warmup_days=30 --set horizon_years=1 --quiet)
"$hcsim" run "$vanguard" "${small[@]}" --replications 1 --out "$work/split_one.h5" >/dev/null
check "${launch[@]}" -np 2 "$hcsim" run "$vanguard" "${small[@]}" --replications 1 --threads 1 \
  --out "$work/split_two.h5" >/dev/null
check "${launch[@]}" -np 3 "$hcsim" run "$vanguard" "${small[@]}" --replications 1 --threads 1 \
  --out "$work/split_three.h5" >/dev/null
check $python "$work/same.py" "$work/split_one.h5" "$work/split_two.h5" "$work/split_three.h5"
# These two keep individual histories too: a split run's come from two ranks.
"$hcsim" run "$vanguard" "${small[@]}" --replications 2 --transition-log 20 \
  --out "$work/pair_one.h5" >/dev/null
check "${launch[@]}" -np 3 "$hcsim" run "$vanguard" "${small[@]}" --replications 2 --threads 1 \
  --transition-log 20 --out "$work/pair_three.h5" >/dev/null
check $python "$work/same.py" "$work/pair_one.h5" "$work/pair_three.h5"
check $python - "$work/pair_three.h5" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    t = f["transitions"]
    # Both runs, and every area of each, have histories.
    assert set(np.unique(t["run"][()])) == {0, 1}
    assert len(np.unique(t["area"][()])) == len(f["areas"]["people"][()])
PY

# A plan interrupted on one process once its first run is saved, then
# resumed on 3 ranks (which split the runs left), equals the plan run
# straight through.
plan=(--set population_scale=0.01 --set warmup_days=30 --set horizon_years=1 --quiet
      --replications 6)
"$hcsim" run "$vanguard" "${plan[@]}" --out "$work/plan_straight.h5" >/dev/null
"$hcsim" run "$vanguard" "${plan[@]}" --threads 1 --out "$work/plan_resumed.h5" >/dev/null 2>&1 &
interrupt_when "[ -e '$work/plan_resumed.h5.runs/run-0.h5' ]" $!
code=$interrupted_exit
if [ "$code" -eq 130 ]; then
  check "${launch[@]}" -np 3 "$hcsim" run "$vanguard" "${plan[@]}" --threads 1 --resume \
    --out "$work/plan_resumed.h5" >/dev/null
  check $python "$work/same.py" "$work/plan_straight.h5" "$work/plan_resumed.h5"
else
  # The whole plan finished before the interrupt landed: nothing to resume.
  echo "skipped the resume check: the plan ended before it could be interrupted (exit $code)"
fi

# hcsim bench over 2 ranks: one JSON object, from rank 0, of the whole run:
# the same events as one process.
"$hcsim" bench --scale 0.005 --years 1 --threads 1 --json >"$work/bench_one.json"
check "${launch[@]}" -np 2 "$hcsim" bench --scale 0.005 --years 1 --threads 1 --json \
  >"$work/bench_two.json"
check $python - "$work/bench_one.json" "$work/bench_two.json" <<'PY'
import json, sys
one = json.loads(open(sys.argv[1]).read())
two = json.loads(open(sys.argv[2]).read())  # fails if both ranks printed
assert one["ranks"] == 1 and two["ranks"] == 2, (one["ranks"], two["ranks"])
assert one["events"] == two["events"] > 0, (one["events"], two["events"])
assert two["peak_memory_bytes_all_ranks"] > two["peak_memory_bytes"] > 0
for phase in ["population_synthesis", "simulation", "output", "total"]:
    assert two["wall_seconds"][phase] > 0, phase
PY

# The memory guard counts what the processes on one machine need together:
# tiny.yaml fits in 100 MiB as one process, not as two (each has its fixed
# cost); refused once, with the estimate, and every rank exits 2.
tiny="$source_dir/tests/data/tiny.yaml"
check "$hcsim" run "$tiny" --quiet --max-memory-mb 100 --out "$work/fits.h5"
"${launch[@]}" -np 2 "$hcsim" run "$tiny" --quiet --threads 1 --max-memory-mb 100 \
  --out "$work/refused.h5" >/dev/null 2>"$work/stderr"
code=$?
check [ "$code" -ne 0 ]
check [ "$(grep -c 'processes on one machine (rank 0.s) need an estimated' "$work/stderr")" -eq 1 ]
check [ ! -e "$work/refused.h5" ]
check [ ! -e "$work/refused.h5.runs" ]
check "${launch[@]}" -np 2 "$hcsim" run "$tiny" --quiet --threads 1 --max-memory-mb 200 \
  --out "$work/fits_two.h5"

# Bad input is reported once and every rank exits 2.
"${launch[@]}" -np 2 "$hcsim" run "$work/none.yaml" >/dev/null 2>"$work/stderr"
code=$?
check [ "$code" -ne 0 ]
check [ "$(grep -c 'cannot open' "$work/stderr")" -eq 1 ]
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
