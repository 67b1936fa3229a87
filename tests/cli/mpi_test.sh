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
# Bad input is reported once and every rank exits 2.
"${launch[@]}" -np 2 "$hcsim" run "$work/none.yaml" >/dev/null 2>"$work/stderr"
code=$?
check [ "$code" -ne 0 ]
check [ "$(grep -c 'cannot open' "$work/stderr")" -eq 1 ]
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
