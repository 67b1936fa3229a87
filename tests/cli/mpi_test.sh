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
passes=0
failures=0
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
# A single run of many areas, with interventions and their counterfactual
# runs, split by area over 2 and 3 ranks; and 2 runs over 3 ranks, one of them
# split. Every dataset equals the single process's.
vanguard="$source_dir/scenarios/vanguard.yaml"
small=(--set population_scale=0.005 --set warmup_days=30 --set horizon_years=1 --quiet)
"$hcsim" run "$vanguard" "${small[@]}" --replications 1 --out "$work/split_one.h5" >/dev/null
check "${launch[@]}" -np 2 "$hcsim" run "$vanguard" "${small[@]}" --replications 1 --threads 1 \
  --out "$work/split_two.h5" >/dev/null
check "${launch[@]}" -np 3 "$hcsim" run "$vanguard" "${small[@]}" --replications 1 --threads 1 \
  --out "$work/split_three.h5" >/dev/null
"$hcsim" run "$vanguard" "${small[@]}" --replications 2 --out "$work/pair_one.h5" >/dev/null
check "${launch[@]}" -np 3 "$hcsim" run "$vanguard" "${small[@]}" --replications 2 --threads 1 \
  --out "$work/pair_three.h5" >/dev/null
check $python - "$work" <<'PY'
import sys, h5py, numpy as np
work = sys.argv[1]
def datasets(path):
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset) and name.split("/")[0] != "manifest":
                found[name] = item[()]
        f.visititems(visit)
    return found
for reference, others in [("split_one", ["split_two", "split_three"]), ("pair_one", ["pair_three"])]:
    expected = datasets(f"{work}/{reference}.h5")
    assert any("intervention" in name for name in expected), sorted(expected)
    for other in others:
        got = datasets(f"{work}/{other}.h5")
        assert sorted(got) == sorted(expected), (other, sorted(set(got) ^ set(expected)))
        for name, value in expected.items():
            if value.dtype.kind == "f":
                same = np.array_equal(value, got[name], equal_nan=True)
            else:
                same = np.array_equal(value, got[name])
            assert same, (other, name)
PY
# Bad input is reported once and every rank exits 2.
"${launch[@]}" -np 2 "$hcsim" run "$work/none.yaml" >/dev/null 2>"$work/stderr"
code=$?
check [ "$code" -ne 0 ]
check [ "$(grep -c 'cannot open' "$work/stderr")" -eq 1 ]
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
