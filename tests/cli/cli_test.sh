#!/usr/bin/env bash
# End-to-end tests of the hcsim executable: exit codes, stdout/stderr
# discipline, the JSON contract, HDF5 output, and bit-identical measures for
# --threads 1 and 2. Usage: cli_test.sh HCSIM_BINARY SOURCE_DIR
set -u
hcsim="$1"
source_dir="$2"
tiny="$source_dir/tests/data/tiny.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The Debian interpreter, which has python3-h5py (a PATH python may not).
python=/usr/bin/python3
source "$(dirname "$0")/expect.sh"

# --- help and version
expect_exit 0 "help" -- "$hcsim" --help
grep -q "hcsim run SCENARIO.yaml" "$work/stdout" && pass || fail "help text on stdout"
expect_exit 0 "version" -- "$hcsim" --version
grep -qE '^hcsim [0-9]+\.[0-9]+\.[0-9]+' "$work/stdout" && pass || fail "version format"

# --- bad input: exit 2, a message naming file/line/key, and no output file
out="$work/out.h5"
expect_exit 2 "missing file" -- "$hcsim" run "$work/none.yaml" --out "$out"
expect_stderr "none.yaml"
printf 'name: x\nareas: [\n' >"$work/malformed.yaml"
expect_exit 2 "malformed YAML" -- "$hcsim" run "$work/malformed.yaml" --out "$out"
expect_stderr "malformed.yaml:"
cp "$tiny" "$work/unknown.yaml"; echo "horizon_yeers: 2" >>"$work/unknown.yaml"
expect_exit 2 "unknown key" -- "$hcsim" run "$work/unknown.yaml" --out "$out"
expect_stderr "unknown.yaml:14:1: horizon_yeers: unknown key 'horizon_yeers'; did you mean 'horizon_years'?"
cp "$tiny" "$work/negative.yaml"; echo "    hospital_beds: -10" >>"$work/negative.yaml"
expect_exit 2 "negative capacity" -- "$hcsim" run "$work/negative.yaml" --out "$out"
expect_stderr "negative.yaml:14:20: areas[1].hospital_beds"
expect_exit 2 "negative rate via --set" -- "$hcsim" run "$tiny" --out "$out" \
  --set parameters.emergency_admission.care_home_rate_per_person_year=-2
expect_stderr "care_home_rate_per_person_year"
cp "$tiny" "$work/probability.yaml"
printf 'parameters:\n  hospital:\n    same_day_share: 1.2\n' >>"$work/probability.yaml"
expect_exit 2 "probability above 1" -- "$hcsim" run "$work/probability.yaml" --out "$out"
expect_stderr "probability.yaml:16:21: parameters.hospital.same_day_share"
printf 'name: x\nareas: []\n' >"$work/no_areas.yaml"
expect_exit 2 "empty area list" -- "$hcsim" run "$work/no_areas.yaml" --out "$out"
expect_stderr "no_areas.yaml:2:8: areas: expected a non-empty list of areas"
expect_exit 2 "check empty area list" -- "$hcsim" check "$work/no_areas.yaml"
expect_stderr "no_areas.yaml:2:8: areas:"
printf 'name: x\nareas:\n  - name: A\n    population: 0\n' >"$work/nobody.yaml"
expect_exit 2 "zero population" -- "$hcsim" run "$work/nobody.yaml" --out "$out"
expect_stderr "nobody.yaml:4:17: areas[0].population: expected a number > 0"
printf 'name: x\nareas:\n  - name: A\n' >"$work/unsized.yaml"
expect_exit 2 "no population" -- "$hcsim" run "$work/unsized.yaml" --out "$out"
expect_stderr "unsized.yaml:3:5: areas[0].population: area 'A' has no population"
expect_exit 2 "bad parameter said once" -- "$hcsim" check "$source_dir/scenarios/default.yaml" \
  --set 'parameters.frailty.split_of_frail=[0.5, 0.5, 0.5]'
[ "$(grep -c split_of_frail "$work/stderr")" -eq 1 ] && pass ||
  fail "a bad scenario-level parameter was not reported exactly once"
expect_exit 2 "unknown option" -- "$hcsim" run "$tiny" --frobnicate
expect_exit 2 "output directory missing" -- "$hcsim" run "$tiny" --out "$work/no/such/dir/x.h5"
[ ! -e "$out" ] && pass || fail "a failed run left $out behind"
ls "$work" | grep -q '\.tmp\.' && fail "temporary output left behind" || pass

# --- resource guards: refused before anything is allocated, with the estimate
expect_exit 2 "memory guard" -- "$hcsim" run "$source_dir/scenarios/default.yaml" --threads 2 \
  --max-memory-mb 100 --out "$out"
expect_stderr "needs an estimated"
expect_exit 2 "output guard" -- "$hcsim" run "$tiny" --replications 100000 --max-output-mb 1 --out "$out"
expect_stderr "the output would be about"
[ ! -e "$out" ] && pass || fail "a refused run left $out behind"
# A sweep's size guard needs only its counts: refused before its points are read.
cat >"$work/big_sweep.yaml" <<EOF
extends: $tiny
sweep:
  latin_hypercube:
    points: 4000
    ranges:
      parameters.hospital.beds_per_1000: [1.5, 2.5]
EOF
expect_exit 2 "output guard on a large sweep" -- "$hcsim" run "$work/big_sweep.yaml" --max-output-mb 1 --out "$out"
expect_stderr "the output would be about"
[ ! -e "$out" ] && pass || fail "a refused sweep left $out behind"
expect_exit 2 "output guard counts the transition log" -- "$hcsim" run "$tiny" --replications 3 \
  --transition-log 100000 --transition-log-max 100000000 --max-output-mb 1 --out "$out"
expect_stderr "of it the transition log"
[ ! -e "$out" ] && pass || fail "a refused run left $out behind"

# --- --out never replaces what is not a results file
mkfifo "$work/pipe"
ln -s "$work/elsewhere.h5" "$work/link.h5"
cp "$tiny" "$work/scenario.yaml"
expect_exit 2 "--out a pipe" -- "$hcsim" run "$tiny" --out "$work/pipe"
expect_stderr "is not a regular file"
[ -p "$work/pipe" ] && pass || fail "the pipe was replaced"
expect_exit 2 "--out a device" -- "$hcsim" run "$tiny" --out /dev/null
[ -c /dev/null ] && pass || fail "/dev/null was replaced"
expect_exit 2 "--out a symbolic link" -- "$hcsim" run "$tiny" --out "$work/link.h5"
expect_stderr "is a symbolic link"
expect_exit 2 "--out the scenario itself" -- "$hcsim" run "$work/scenario.yaml" --out "$work/scenario.yaml"
expect_stderr "is the scenario file being run"
cmp -s "$tiny" "$work/scenario.yaml" && pass || fail "the scenario was overwritten"
expect_exit 2 "--out where no file can be made" -- "$hcsim" run "$tiny" --out /proc/results.h5
expect_stderr "no file can be created in the directory '/proc'"

# --- standard output that cannot be written is a failure, not a result
if [ -c /dev/full ]; then
  expect_exit 3 "JSON to a full disk" -- bash -c '"$0" run "$1" --json --quiet > /dev/full' "$hcsim" "$tiny"
  expect_stderr "could not write standard output"
  expect_exit 3 "version to a full disk" -- bash -c '"$0" --version > /dev/full' "$hcsim"
fi

# --- more threads than cores run on the cores, without oneTBB's warning
expect_exit 0 "more threads than cores" -- "$hcsim" run "$tiny" --threads 64 --quiet --json
grep -q "TBB" "$work/stderr" && fail "oneTBB's warning reached the terminal" || pass

# --- check: validates without running
expect_exit 0 "check default" -- "$hcsim" check "$source_dir/scenarios/default.yaml"
grep -q "ok: scenario 'default'" "$work/stdout" && pass || fail "check output"
expect_exit 2 "check unknown key" -- "$hcsim" check "$work/unknown.yaml"
expect_stderr "did you mean 'horizon_years'?"
expect_exit 2 "check bad --set" -- "$hcsim" check "$tiny" --set parameters.hospital.same_day_share=7
expect_stderr "--set: parameters.hospital.same_day_share"

# --- pathway: the care pathway as Graphviz DOT
expect_exit 0 "pathway" -- "$hcsim" pathway "$tiny" --area Southville
grep -q "in_hospital -> rehabilitation;" "$work/stdout" && pass || fail "pathway DOT"
expect_exit 2 "pathway with an undefined setting" -- "$hcsim" pathway "$tiny" \
  --set 'parameters.pathway.edges=[[home, in_hospital], [in_hospital, limbo]]'
expect_stderr "undefined setting 'limbo'"

# --- interrupted: SIGINT stops the run at a window end, exit 130, no output file
"$hcsim" run "$source_dir/scenarios/default.yaml" --replications 200 --threads 1 \
  --out "$work/interrupted.h5" >/dev/null 2>"$work/interrupt.log" &
interrupt_when "grep -q 'hcsim: scenario' '$work/interrupt.log'" $!
code=$interrupted_exit
[ "$code" -eq 130 ] && pass || fail "SIGINT: exit $code, expected 130"
[ ! -e "$work/interrupted.h5" ] && pass || fail "an interrupted run wrote output"
ls "$work" | grep -q 'interrupted.h5.tmp' && fail "interrupted run left a temporary file" || pass

# --- a good run: JSON on stdout only, HDF5 written
expect_exit 0 "json run" -- "$hcsim" run "$tiny" --json --threads 1 --out "$work/t1.h5"
$python - "$work/stdout" <<'PY' && pass || fail "JSON contract"
import json, sys
text = open(sys.argv[1]).read()
obj = json.loads(text)                      # exactly one object, nothing else
assert text.count("\n") == 1, "stdout must hold one line"
assert set(["scenario", "replications", "seed", "metrics", "events", "wall_seconds"]) <= obj.keys()
assert obj["scenario"] == "tiny" and obj["replications"] == 3 and obj["seed"] == 7
for name in ["emergency_admissions", "bed_days", "delayed_discharge_days", "deaths", "cost_total"]:
    m = obj["metrics"][name]
    lo, hi = m["ci95"]
    assert lo <= m["mean"] <= hi, name
# The care model's measures other tools read by name (the JSON contract):
# each is present with a finite mean and a two-sided interval.
import math
for name in ["emergency_admissions_per_1000_per_year", "mean_emergency_length_of_stay_days",
             "bed_occupancy_rate", "delayed_discharge_beds_per_day", "bed_wait_days",
             "readmissions_30d", "deaths_in_hospital", "deaths_at_home", "deaths_in_care_home",
             "care_home_admissions", "home_care_hours", "unpaid_care_hours", "population_end",
             "population_85_plus_end", "delayed_discharge_days_nhs",
             "delayed_discharge_days_social_care", "delayed_discharge_days_both"]:
    m = obj["metrics"][name]
    assert math.isfinite(m["mean"]), name
    lo, hi = m["ci95"]
    assert lo <= m["mean"] <= hi, name
assert obj["events"] > 0 and obj["wall_seconds"] >= 0
PY
expect_exit 0 "json run, 2 threads" -- "$hcsim" run "$tiny" --json --threads 2 --out "$work/t2.h5"

# --- determinism: measures in the HDF5 files are bit-identical
$python - "$work/t1.h5" "$work/t2.h5" <<'PY' && pass || fail "HDF5 measures differ between 1 and 2 threads"
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
assert sorted(a["measures"]) == sorted(b["measures"])
for name in a["measures"]:
    x, y = a["measures"][name][()], b["measures"][name][()]
    assert x.shape == (3, 2, 1), (name, x.shape)
    assert np.array_equal(x, y), name
assert a["manifest/scenario_yaml"][()] == b["manifest/scenario_yaml"][()]
assert a.attrs["seed"] == 7
PY

# --- measures by age band: [run, area, year, band], adding up to /measures
$python - "$work/t1.h5" "$work/t2.h5" <<'PY' && pass || fail "HDF5 measures by age band"
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
bands = [x.decode() if isinstance(x, bytes) else x for x in a["dimensions/age_band"][()]]
assert bands == ["0-17", "18-64", "65-74", "75-84", "85+"], bands
assert "emergency_admissions" in a["measures_by_age_band"]
assert "delayed_discharge_days_social_care" in a["measures_by_age_band"]
for name, x in a["measures_by_age_band"].items():
    assert x.shape == (3, 2, 1, 5), (name, x.shape)
    assert x.attrs["dimensions"] == "run,area,year,age_band", name
    assert np.allclose(x[()].sum(axis=3), a["measures"][name][()], rtol=1e-9, atol=1e-6), name
    assert np.array_equal(x[()], b["measures_by_age_band"][name][()]), name
PY

# --- flow-only scenarios: arrivals from daily rate series (mode: flow_only)
flow="$source_dir/scenarios/validation/flow_only_p2.yaml"
expect_exit 0 "check flow-only" -- "$hcsim" check "$flow"
grep -q "ok: flow-only scenario 'flow_only_p2', 3 service(s), 181 days" "$work/stdout" && pass \
  || fail "check flow-only output"
expect_exit 0 "flow-only json run" -- "$hcsim" run "$flow" --replications 20 --json --threads 1 \
  --out "$work/flow1.h5"
$python - "$work/stdout" <<'PY' && pass || fail "flow-only JSON contract"
import json, sys
text = open(sys.argv[1]).read()
obj = json.loads(text)
assert text.count("\n") == 1, "stdout must hold one line"
assert obj["scenario"] == "flow_only_p2" and obj["mode"] == "flow_only"
assert obj["replications"] == 20 and obj["days"] == 181 and obj["events"] > 0
assert [s["name"] for s in obj["services"]] == ["city", "north", "south"]
for s in obj["services"]:
    for measure in ["occupancy", "waiting", "cost"]:
        band = s["daily"][measure]
        assert all(len(band[k]) == 181 for k in ["mean", "q05", "q50", "q95"])
        assert all(a <= b <= c for a, b, c in zip(band["q05"], band["q50"], band["q95"]))
    t = s["totals"]["waiting_days"]
    assert t["ci95"][0] <= t["mean"] <= t["ci95"][1]
PY
expect_exit 0 "flow-only run, 2 threads" -- "$hcsim" run "$flow" --replications 20 --quiet \
  --threads 2 --out "$work/flow2.h5"
grep -q "service south" "$work/stdout" && pass || fail "flow-only table"
$python - "$work/flow1.h5" "$work/flow2.h5" <<'PY' && pass || fail "flow-only HDF5 differs between 1 and 2 threads"
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
assert a.attrs["format"] == "hcsim-flow-results" and a.attrs["mode"] == "flow_only"
assert a["runs/occupancy"].shape == (20, 3, 181)
assert a["summary/occupancy_q95"].shape == (3, 181)
assert list(a["services/capacity"][:, 0]) == [90, 30, 60]
assert a["services/arrival_rate"][0, 0] == 2.0
for group in ["runs", "summary", "services"]:
    for name in a[group]:
        assert np.array_equal(a[group][name][()], b[group][name][()]), (group, name)
assert b"mode: flow_only" in a["manifest/scenario_yaml"][()]
PY
expect_exit 0 "flow-only --set days" -- "$hcsim" run "$flow" --replications 2 --json --set days=30
$python -c "import json,sys; o=json.load(open(sys.argv[1])); assert o['days'] == 30 and len(o['services'][0]['daily']['waiting']['q50']) == 30" \
  "$work/stdout" && pass || fail "flow-only --set days=30"
# Bad input: exit 2, the file, line and key, and no output left behind.
flow_out="$work/flow_bad.h5"
sed 's/^    capacity: 90/    capacty: 90/' "$flow" >"$work/flow_unknown.yaml"
expect_exit 2 "flow-only unknown key" -- "$hcsim" run "$work/flow_unknown.yaml" --out "$flow_out"
expect_stderr "flow_unknown.yaml:40:5: services[0].capacty: unknown key 'capacty'; did you mean 'capacity'?"
sed 's/^    capacity: 30/    capacity: -30/' "$flow" >"$work/flow_negative.yaml"
expect_exit 2 "flow-only negative capacity" -- "$hcsim" run "$work/flow_negative.yaml" --out "$flow_out"
expect_stderr "flow_negative.yaml:47:15: services[1].capacity: expected a whole number from 1"
# A daily series from a CSV file beside the scenario: 181 days of it.
{ echo "date,city"; for day in $(seq 1 181); do echo "day$day,3.0"; done; } >"$work/series.csv"
sed 's/^    arrivals_per_day: 2.0$/    arrivals_per_day: {csv: series.csv, column: city}/' "$flow" >"$work/flow_series.yaml"
expect_exit 0 "flow-only series from CSV" -- "$hcsim" check "$work/flow_series.yaml"
expect_exit 2 "flow-only series shorter than days" -- "$hcsim" run "$work/flow_series.yaml" --set days=200 --out "$flow_out"
expect_stderr "flow_series.yaml:41:23: services[0].arrivals_per_day: has 181 days of arrival rates; expected at least 'days' (200)"
sed 's/^    arrivals_per_day: 1.3$/    arrivals_per_day: {csv: missing.csv, column: south}/' "$flow" >"$work/flow_csv.yaml"
expect_exit 2 "flow-only missing CSV" -- "$hcsim" run "$work/flow_csv.yaml" --out "$flow_out"
expect_stderr "flow_csv.yaml:55:29: services[2].arrivals_per_day.csv: cannot open the CSV file"
expect_exit 2 "flow-only bad distribution" -- "$hcsim" check "$flow" \
  --set 'services.north.length_of_stay={distribution: logistic, mean: 3}'
expect_stderr "--set: services[1].length_of_stay.distribution: expected one of fixed"
expect_exit 2 "flow-only --resume" -- "$hcsim" run "$flow" --resume --out "$flow_out"
expect_stderr "--resume: not for a flow-only scenario"
[ ! -e "$flow_out" ] && pass || fail "a failed flow-only run left $flow_out behind"
ls "$work" | grep -q 'flow_bad.h5.tmp' && fail "a failed flow-only run left a temporary file" || pass
expect_exit 2 "pathway of a flow-only scenario" -- "$hcsim" pathway "$flow"
expect_stderr "a flow-only scenario is run by 'hcsim run' and 'hcsim check'"

# --- compare: common random numbers make the paired interval narrower
"$hcsim" run "$tiny" --quiet --set areas.0.hospital_beds=300 --out "$work/fewer_beds.h5" >/dev/null \
  || fail "second scenario run"
expect_exit 0 "compare --json" -- "$hcsim" compare "$work/t1.h5" "$work/fewer_beds.h5" --json
$python - "$work/stdout" <<'PY' && pass || fail "compare JSON contract"
import json, sys
obj = json.loads(open(sys.argv[1]).read())
m = obj["metrics"]["bed_wait_days"]
assert set(["a", "b", "diff", "ci95_paired", "ci95_unpaired"]) <= m.keys()
assert abs(m["diff"] - (m["b"] - m["a"])) < 1e-6 * max(1.0, abs(m["a"]))
d = obj["metrics"]["deaths"]
paired = d["ci95_paired"][1] - d["ci95_paired"][0]
unpaired = d["ci95_unpaired"][1] - d["ci95_unpaired"][0]
assert paired < unpaired, (paired, unpaired)
PY
expect_exit 0 "replications" -- "$hcsim" replications "$work/t1.h5" --relative-half-width 0.05 --json
$python -c "import json,sys; o=json.load(open(sys.argv[1])); assert o['metrics']['deaths']['replications'] >= 2" "$work/stdout" && pass || fail "replications JSON"
expect_exit 2 "compare a missing file" -- "$hcsim" compare "$work/t1.h5" "$work/none.h5"
expect_stderr "none.h5: no such results file"
expect_exit 2 "compare a non-HDF5 file" -- "$hcsim" compare "$work/t1.h5" "$tiny"
expect_stderr "is not an HDF5 file"

# --- bench: one JSON object with throughput, memory and phase times
expect_exit 0 "bench" -- "$hcsim" bench --scale 0.005 --years 1 --threads 2 --json
$python - "$work/stdout" <<'PY' && pass || fail "bench JSON"
import json, sys
o = json.loads(open(sys.argv[1]).read())
for key in ["events_per_second", "person_years_per_second", "peak_memory_bytes", "bytes_per_person"]:
    assert o[key] > 0, key
assert o["bytes_per_person"] <= 64
assert set(o["wall_seconds"]) >= {"population_synthesis", "simulation", "output"}
# The build that produced the numbers: its type, compiler and flags.
assert o["build"]["type"] and o["build"]["compiler"], o["build"]
assert isinstance(o["build"]["cxx_flags"], str), o["build"]
PY
expect_exit 2 "bench bad scale" -- "$hcsim" bench --scale 2
# A scenario file instead of the embedded default: its areas are timed.
expect_exit 0 "bench scenario" -- "$hcsim" bench --scenario "$source_dir/scenarios/england_regions.yaml" \
  --scale 0.01 --years 1 --threads 2 --json
$python - "$work/stdout" <<'PY' && pass || fail "bench scenario JSON"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o["scenario"] == "england_regions" and o["areas"] == 9, o
PY
expect_exit 2 "bench missing scenario" -- "$hcsim" bench --scenario "$work/no-such.yaml"

# --- interventions: a return per intervention in the JSON and the HDF5 file
vanguard="$source_dir/scenarios/vanguard.yaml"
expect_exit 0 "vanguard run" -- "$hcsim" run "$vanguard" --json --quiet --replications 2 \
  --set population_scale=0.005 --set horizon_years=0.5 --out "$work/vanguard.h5"
$python - "$work/stdout" "$work/vanguard.h5" <<'PY' && pass || fail "intervention returns in JSON and HDF5"
import json, sys, h5py
o = json.loads(open(sys.argv[1]).read())
names = ["mcp_admission_avoidance", "enhanced_care_homes", "productive_community"]
for name in names:
    for metric in ["roi_", "intervention_cost_", "savings_nhs_", "savings_public_"]:
        assert metric + name in o["metrics"], metric + name
    assert o["metrics"]["intervention_cost_" + name]["mean"] > 0
with h5py.File(sys.argv[2], "r") as f:
    d = f["intervention_returns"]
    assert d.shape[:2] == (2, 3), d.shape
    assert d.attrs["interventions"].split(",") == names
    assert d.attrs["fields"].split(",")[-1] == "roi"
PY
# The returns are metrics for replications and compare too, equal to the JSON's.
vanguard_json="$work/vanguard.json"
cp "$work/stdout" "$vanguard_json"
expect_exit 0 "replications of intervention returns" -- "$hcsim" replications "$work/vanguard.h5" --json
$python - "$work/stdout" "$vanguard_json" <<'PY' && pass || fail "replications sizes roi_ metrics"
import json, sys
o = json.loads(open(sys.argv[1]).read())
run = json.loads(open(sys.argv[2]).read())
for name in ["roi_mcp_admission_avoidance", "savings_public_enhanced_care_homes"]:
    assert abs(o["metrics"][name]["mean"] - run["metrics"][name]["mean"]) <= 1e-9 * abs(run["metrics"][name]["mean"]), name
PY
expect_exit 0 "compare intervention returns" -- "$hcsim" compare "$work/vanguard.h5" "$work/vanguard.h5" --json
$python -c "import json,sys; o=json.load(open(sys.argv[1])); m=o['metrics']['roi_productive_community']; assert m['diff'] == 0 and m['ci95_paired'] == [0, 0], m" "$work/stdout" \
  && pass || fail "compare reads roi_ metrics"
expect_exit 0 "vanguard without returns" -- "$hcsim" run "$vanguard" --json --quiet --replications 2 \
  --set population_scale=0.005 --set horizon_years=0.5 --set intervention_returns=false
$python -c "import json,sys; o=json.load(open(sys.argv[1])); assert not any(k.startswith('roi_') for k in o['metrics'])" "$work/stdout" \
  && pass || fail "intervention_returns: false still measured returns"

# --- a sweep: every point in the JSON and the HDF5 file, points comparable
sweep="$source_dir/tests/data/sweep_grid.yaml"
expect_exit 0 "sweep run" -- "$hcsim" run "$sweep" --json --quiet --out "$work/sweep.h5"
$python - "$work/stdout" "$work/sweep.h5" <<'PY' && pass || fail "sweep JSON and HDF5"
import json, sys, h5py, numpy as np
o = json.loads(open(sys.argv[1]).read())
assert o["sweep_method"] == "grid" and len(o["points"]) == 4
assert o["points"][3]["sweep"] == {"parameters.hospital.beds_per_1000": 2.2,
                                   "areas.Southville.care_home_places": 3000}
with h5py.File(sys.argv[2], "r") as f:
    assert f.attrs["points"] == 4
    assert list(f["runs/point"][()]) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert f["measures/bed_days"].shape == (12, 2, 1)
    assert f["summary/mean"].shape == (4 * len(f["dimensions/metric"]),)
    assert f["points/values"].shape == (4, 2)
PY
[ ! -e "$work/sweep.h5.runs" ] && pass || fail "a finished plan left its run folder"
expect_exit 0 "compare two sweep points" -- "$hcsim" compare "$work/sweep.h5" --points 0 2 --json
$python -c "import json,sys; o=json.load(open(sys.argv[1])); assert o['metrics']['bed_wait_days']['diff'] < 0" "$work/stdout" \
  && pass || fail "more beds should cut waiting"
expect_exit 0 "replications of one sweep point" -- "$hcsim" replications "$work/sweep.h5" --point 2 --json
$python - "$work/stdout" "$work/sweep.h5" <<'PY' && pass || fail "replications --point sizes from that point's runs"
import json, sys, h5py, numpy as np
o = json.loads(open(sys.argv[1]).read())
assert o["point"] == 2, o["point"]
with h5py.File(sys.argv[2], "r") as f:
    runs = f["runs/point"][()] == 2
    deaths = f["measures/deaths"][()][runs].sum(axis=(1, 2))
assert abs(o["metrics"]["deaths"]["mean"] - deaths.mean()) < 1e-9 * deaths.mean()
PY
expect_exit 2 "replications of a point the sweep lacks" -- "$hcsim" replications "$work/sweep.h5" --point 4
expect_stderr "--point"

# --- resume: an interrupted plan completes without redoing finished runs,
#     bit for bit equal to an uninterrupted run; a different plan is refused
"$hcsim" run "$sweep" --quiet --threads 1 --set replications=40 --out "$work/whole.h5" >/dev/null
"$hcsim" run "$sweep" --quiet --threads 1 --set replications=40 --out "$work/resumed.h5" \
  >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1200); do  # wait (at most a minute) until some runs are saved
  [ "$(ls "$work/resumed.h5.runs" 2>/dev/null | grep -c '^run-')" -ge 5 ] && break
  sleep 0.05
done
kill -9 "$pid"; wait "$pid" 2>/dev/null
saved=$(ls "$work/resumed.h5.runs" | grep -c '^run-')
[ "$saved" -ge 1 ] && [ ! -e "$work/resumed.h5" ] && pass || fail "kill -9 should keep $saved runs and no file"
expect_exit 2 "rerun without --resume" -- "$hcsim" run "$sweep" --quiet --set replications=40 --out "$work/resumed.h5"
expect_stderr "add --resume"
expect_exit 2 "resume a different plan" -- "$hcsim" run "$sweep" --quiet --set replications=41 \
  --out "$work/resumed.h5" --resume
expect_stderr "different plan"
expect_exit 0 "resume" -- "$hcsim" run "$sweep" --set replications=40 --out "$work/resumed.h5" \
  --resume --threads 2
expect_stderr "already done"
$python - "$work/whole.h5" "$work/resumed.h5" <<'PY' && pass || fail "resumed file differs from an uninterrupted one"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for group in ["measures", "runs", "summary", "areas"]:
        for name in a[group]:
            assert np.array_equal(a[group][name][()], b[group][name][()]), (group, name)
PY
[ ! -e "$work/resumed.h5.runs" ] && pass || fail "the run folder should be gone after resuming"

# (A directory where no file can be made is refused before the run, above; a
# disk that fills during the write is exit 3: output_robustness_test.sh.)

# --- per-area-year statistics and individual histories in the file
expect_exit 0 "transition log" -- "$hcsim" run "$tiny" --quiet --transition-log 25 --out "$work/log.h5"
$python - "$work/log.h5" <<'PY' && pass || fail "per-area-year statistics or transitions"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    metrics = [m.decode() if isinstance(m, bytes) else m for m in f["dimensions/metric"][()]]
    mean = f["summary_by_area_year/mean"][()]          # [point, metric, area, year]
    for m, name in enumerate(metrics):
        assert np.allclose(mean[0, m], f["measures"][name][()].mean(axis=0), rtol=1e-12, atol=0)
    t = f["transitions"]
    assert set(np.unique(t["person"][()])) <= set(range(25))
    starts = (t["time"][()] == 0) & (t["from"][()] == t["to"][()])
    assert starts.sum() == 3 * 2 * 25          # runs x areas x people followed
    for run in range(3):
        for area in range(2):
            rows = (t["run"][()] == run) & (t["area"][()] == area)
            assert (np.diff(t["time"][()][rows]) >= 0).all(), (run, area)
PY
expect_exit 2 "transition log without --out" -- "$hcsim" run "$tiny" --transition-log 5

# --- validate: every textbook check passes, as JSON
expect_exit 0 "validate" -- "$hcsim" validate --json --threads 2
$python - "$work/stdout" <<'PY' && pass || fail "validate JSON"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o["all_passed"] is True and len(o["cases"]) >= 15
for case in o["cases"]:
    assert {"name", "quantity", "analytic", "simulated", "ci95", "pass"} <= case.keys()
PY
expect_exit 2 "validate a missing directory" -- "$hcsim" validate --dir "$work/nowhere"

# --- validate --national: the default scenario against published national
#     figures, written between the markers of a Markdown file (small and quick here)
national="$work/national.md"
printf '# Title\n\nhand-written\n\n<!-- national:begin -->\nstale\n<!-- national:end -->\n\ntail text\n' \
  >"$national"
small=(--replications 2 --threads 2 --set population_scale=0.005 --set horizon_years=2
       --set warmup_days=30)
expect_exit 0 "validate --national" -- "$hcsim" validate --national --output "$national" --json \
  "${small[@]}"
$python - "$work/stdout" "$national" <<'PY' && pass || fail "validate --national JSON and Markdown"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o["scenario"] == "default" and o["replications"] == 2
calibrated = {r["what"] for r in o["rows"] if r["calibrated"]}
assert {"mean emergency length of stay", "general and acute bed occupancy",
        "delayed-discharge beds a day, England", "life expectancy at 65, women"} <= calibrated
for r in o["rows"]:
    assert {"what", "published", "simulated", "difference", "percent", "calibrated", "verdict",
            "source"} <= r.keys(), r
    assert set(r["simulated"]) == {"mean", "ci_low", "ci_high"}
    if r["calibrated"]:
        assert r["verdict"] in ("within 10%", "outside 10%")
assert o["not_produced"] and all(n["reason"] for n in o["not_produced"])
text = open(sys.argv[2]).read()
assert text.startswith("# Title\n\nhand-written\n\n<!-- national:begin -->\n")
assert text.endswith("<!-- national:end -->\n\ntail text\n")
assert text.count("<!-- national:begin -->") == 1 and text.count("<!-- national:end -->") == 1
assert "stale" not in text and "#### Not yet produced by the model" in text
PY
ls "$work" | grep -q 'national.md.tmp' && fail "validate --national left a temporary file" || pass
printf 'no markers\n' >"$work/plain.md"
expect_exit 0 "validate --national, file without markers" -- "$hcsim" validate --national \
  --output "$work/plain.md" "${small[@]}"
head -1 "$work/plain.md" | grep -qx 'no markers' && tail -1 "$work/plain.md" | grep -qx '<!-- national:end -->' \
  && pass || fail "validate --national should append the section with its markers"
printf '<!-- national:begin -->\nno end\n' >"$work/broken.md"
expect_exit 2 "validate --national, broken markers" -- "$hcsim" validate --national \
  --output "$work/broken.md" "${small[@]}"
expect_stderr "broken.md:1: <!-- national:begin --> without <!-- national:end -->"
expect_exit 2 "validate --national, missing directory" -- "$hcsim" validate --national \
  --output "$work/no/such/validation.md"
expect_exit 2 "validate --national with --ipacs" -- "$hcsim" validate --national --ipacs "$work"
expect_exit 2 "validate --output without --national" -- "$hcsim" validate --output "$work/x.md"

# --- validate --ipacs: the published IPACS model, when its data sits beside the project
ipacs="$source_dir/../shared/reference/ipacs"
if [ -d "$ipacs" ]; then
  expect_exit 0 "validate --ipacs" -- "$hcsim" validate --ipacs "$ipacs" --json --threads 2
  $python -c "import json,sys; o=json.load(open(sys.argv[1])); assert o" "$work/stdout" && pass || fail "ipacs JSON"
else
  echo "skipped: validate --ipacs ($ipacs not present)"
fi
expect_exit 2 "validate --ipacs without data" -- "$hcsim" validate --ipacs "$work/nowhere"

# --- report: the Python report behind hcsim report
expect_exit 0 "report" -- "$hcsim" report "$work/t1.h5" "$work/fewer_beds.h5" -o "$work/report"
[ -s "$work/report/report.html" ] && pass || fail "report.html missing or empty"
expect_exit 2 "report of a missing file" -- "$hcsim" report "$work/none.h5" -o "$work/report2"
[ ! -e "$work/report2/report.html" ] && pass || fail "a failed report wrote report.html"

# --- the shipped Python example reads the file with plain h5py and pandas
expect_exit 0 "python example" -- $python "$source_dir/analysis/examples/read_results.py" "$work/t1.h5"
grep -q "emergency_admissions" "$work/stdout" && pass || fail "python example output"

# --- the README's command: the default scenario runs and answers
expect_exit 0 "default scenario" -- "$hcsim" run "$source_dir/scenarios/default.yaml" --replications 2
grep -q "delayed_discharge_days" "$work/stdout" && pass || fail "default run table"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
