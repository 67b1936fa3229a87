#!/usr/bin/env bash
# Bad scenario input is refused with exit 2 and a message naming file, line and
# key: what YAML parsers let through (duplicate keys, empty values, a quote left
# open, extra documents) and files that are not regular files.
# Usage: input_robustness_test.sh HCSIM_BINARY SOURCE_DIR
set -u
hcsim="$1"
source_dir="$2"
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/expect.sh"

# --- cases
data="$source_dir/tests/data/input_robustness"
tiny="$source_dir/tests/data/tiny.yaml"
flow="$source_dir/scenarios/validation/flow_only_p2.yaml"
out="$work/out.h5"
# A run refused for its input leaves no output (or temporary) file behind.
no_output() {
  if ls "$work" | grep -q '^out\.h5'; then fail "$1: left $(ls "$work" | grep '^out\.h5')"; else pass; fi
}
# One line of stderr per problem: a mistake is said once.
expect_stderr_lines() {
  local got; got=$(wc -l <"$work/stderr")
  if [ "$got" -eq "$1" ]; then pass; else
    fail "expected $1 line(s) of stderr, got $got"; sed 's/^/  stderr: /' "$work/stderr" >&2
  fi
}
# A scenario made from tiny.yaml with `extends:`, plus the lines given.
scenario() {
  local name="$1"; shift
  { echo "extends: $tiny"; printf '%s\n' "$@"; } >"$work/$name"
  echo "$work/$name"
}

# 1. A key given twice: yaml-cpp keeps both and one is used without a word.
expect_exit 2 "duplicate key" -- "$hcsim" run "$data/duplicate_base.yaml" --out "$out"
expect_stderr "duplicate_base.yaml:9:5: parameters.hospital.beds_per_1000: duplicate key 'beds_per_1000' (first at line 8)"
no_output "duplicate key"
expect_exit 2 "duplicate key in an extended file" -- "$hcsim" check "$data/extends_duplicate.yaml"
expect_stderr "duplicate_base.yaml:9:5: parameters.hospital.beds_per_1000: duplicate key 'beds_per_1000' (first at line 8)"
dup_child=$(scenario dup_child.yaml "name: dup_child" "seed: 1" "seed: 2")
expect_exit 2 "duplicate key in the extending file" -- "$hcsim" check "$dup_child"
expect_stderr "dup_child.yaml:4:1: seed: duplicate key 'seed' (first at line 3)"

# 2. A quote left open swallows every key after it.
expect_exit 2 "quote left open" -- "$hcsim" run "$data/open_quote.yaml" --out "$out"
expect_stderr "open_quote.yaml:7:14: description: the double quote (\") opened here is never closed"
no_output "quote left open"
runs_on=$(scenario runs_on.yaml "name: runs_on" "description: 'beds cut" "population_scale: 0.2" "note: x'")
expect_exit 2 "quote closed lines later" -- "$hcsim" check "$runs_on"
expect_stderr "runs_on.yaml:3:14: description: the single quote (') opened here runs on to line 4 ('population_scale: 0.2')"

# 3. A key or an override with nothing after it is not "the default".
empty=$(scenario empty.yaml "name: empty" "population_scale:")
expect_exit 2 "empty value" -- "$hcsim" run "$empty" --out "$out"
expect_stderr "empty.yaml:3:1: population_scale: expected a number in (0, 1] (share of the real population simulated), got nothing"
no_output "empty value"
for value in "" "~" "null"; do
  expect_exit 2 "--set with nothing after '=' ($value)" -- "$hcsim" run "$tiny" --out "$out" \
    --set "parameters.hospital.beds_per_1000=$value"
  expect_stderr "--set: parameters.hospital.beds_per_1000=$value: expected a value after '=', got nothing"
done
no_output "--set with nothing after '='"

# 4. A second document is not ignored.
expect_exit 2 "second document" -- "$hcsim" check "$data/second_document.yaml"
expect_stderr "second_document.yaml:8:1: a second YAML document starts here (after '---')"

# 5. Paths that are not regular files: refused at once, never read.
expect_exit 2 "/dev/zero" -- timeout 20 "$hcsim" check /dev/zero
expect_stderr "/dev/zero: is not a regular file (a character device)"
expect_exit 2 "a directory" -- "$hcsim" run "$source_dir/tests/data" --out "$out"
expect_stderr "is not a regular file (a directory)"
no_output "a directory"
mkfifo "$work/pipe.yaml"
expect_exit 2 "a named pipe" -- timeout 20 "$hcsim" check "$work/pipe.yaml"
expect_stderr "pipe.yaml: is not a regular file (a pipe)"
expect_exit 2 "process substitution" -- timeout 20 "$hcsim" check <(cat "$tiny")
expect_stderr "is not a regular file (a pipe)"
"$hcsim" check /dev/stdin <"$tiny" >"$work/stdout" 2>"$work/stderr" \
  && grep -q "ok: scenario 'tiny'" "$work/stdout" && pass || fail "/dev/stdin from a file is read"
cat "$tiny" | timeout 20 "$hcsim" check /dev/stdin >"$work/stdout" 2>"$work/stderr"
[ $? -eq 2 ] && pass || fail "/dev/stdin from a pipe: expected exit 2"
expect_stderr "/dev/stdin: is not a regular file (a pipe)"
ext_zero=$(scenario ext_zero.yaml "name: x")
printf 'extends: /dev/urandom\nname: x\n' >"$ext_zero"
expect_exit 2 "extends a device" -- timeout 20 "$hcsim" check "$ext_zero"
expect_stderr "ext_zero.yaml:1:10: extends: '/dev/urandom' is not a regular file (a character device)"
# A results file or other binary file named as the scenario: said so, not
# quoted back byte by byte.
printf '\x89HDF\r\n\x1a\n\0\0\0\0binary' >"$work/results.h5"
expect_exit 2 "an HDF5 file as the scenario" -- "$hcsim" run "$work/results.h5"
expect_stderr "results.h5: is an HDF5 file (hcsim's results?); expected a scenario file (YAML)"
expect_stderr_lines 1
printf 'name: x\n\0\0' >"$work/binary.yaml"
expect_exit 2 "a binary file as the scenario" -- "$hcsim" check "$work/binary.yaml"
expect_stderr "binary.yaml: is a binary file, not text; expected a scenario file (YAML)"

# 6. A sweep is not set by --set.
for assignment in "sweep=3" "sweep.foo=3" "sweep.grid.x=[1,2]"; do
  expect_exit 2 "--set $assignment" -- "$hcsim" run "$source_dir/tests/data/sweep_grid.yaml" \
    --out "$out" --set "$assignment"
  expect_stderr "--set: $assignment: a sweep is written in the scenario file"
done
no_output "--set sweep"

# 7. check reads the sweep as run does.
gird=$(scenario gird.yaml "name: gird" "sweep: {gird: {population_scale: [0.1, 0.2]}}")
expect_exit 2 "check: sweep typo" -- "$hcsim" check "$gird"
expect_stderr "gird.yaml:3:9: sweep.gird: unknown key 'gird'; did you mean 'grid'?"
sweep_list=$(scenario sweep_list.yaml "name: sweep_list" "sweep: [1]")
expect_exit 2 "check: sweep a list" -- "$hcsim" check "$sweep_list"
expect_stderr "sweep_list.yaml:3:8: sweep: expected a mapping of keys to values, got a list"
"$hcsim" check "$source_dir/tests/data/sweep_grid.yaml" >"$work/stdout" 2>"$work/stderr" \
  && grep -q "4 sweep point(s) (grid) = 12 runs" "$work/stdout" && pass || fail "check: sweep points"

# 8. and 9. A bad grid key is said once; a plan too big is refused from its counts.
bad_grid=$(scenario bad_grid.yaml "name: bad_grid" "sweep:" "  grid:" \
  "    parameters.hospital.bed_per_1000: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]" \
  "    population_scale: [0.1, 0.2, 0.3]")
expect_exit 2 "bad grid key" -- "$hcsim" run "$bad_grid" --out "$out"
expect_stderr "unknown key 'bed_per_1000'; did you mean 'beds_per_1000'? (the same at all 30 sweep points)"
expect_stderr_lines 1
no_output "bad grid key"
huge=$(scenario huge.yaml "name: huge" "sweep:" "  latin_hypercube:" "    points: 100000" \
  "    ranges:" "      parameters.hospital.beds_per_1000: [1.5, 2.5]")
start=$(date +%s)
expect_exit 2 "plan too large" -- "$hcsim" run "$huge" --replications 100000 --out "$out"
expect_stderr "huge.yaml:5:13: sweep.latin_hypercube.points: the plan has 100000 sweep point(s) x 100000 replication(s) = 10000000000 runs; expected at most 10000000 runs"
[ $(( $(date +%s) - start )) -lt 10 ] && pass || fail "plan too large: not refused at once"
no_output "plan too large"
expect_exit 2 "--set unknown path" -- "$hcsim" check "$tiny" --set a.b.c=1 \
  --set parameters.hospitl.x=1
expect_stderr "hcsim: error: --set: a: unknown key 'a'"
expect_stderr "hcsim: error: --set: parameters.hospitl: unknown key 'hospitl'; did you mean 'hospital'?"
if grep -q "tiny.yaml" "$work/stderr"; then fail "--set errors blamed on the file"; else pass; fi

# 10. Area names with dots, the mode by --set, a CSV column twice.
dotted=$(scenario dotted.yaml "name: dotted" "areas:" "  - name: St. Helens" "    population: 200000")
expect_exit 2 "area name with a dot" -- "$hcsim" check "$dotted"
expect_stderr "dotted.yaml:4:11: areas[0].name: area name 'St. Helens' contains '.'"
expect_exit 2 "--set mode=flow_only" -- "$hcsim" check "$tiny" --set mode=flow_only
expect_stderr "--set: mode: the kind of scenario cannot be changed by an override"
if grep -q "is run by 'hcsim run'" "$work/stderr"; then fail "mode message contradicts the command"; else pass; fi
printf 'day,south,south\n1,2.0,3.0\n2,2.5,3.5\n' >"$work/twice.csv"
sed 's/^    arrivals_per_day: 1.3$/    arrivals_per_day: {csv: twice.csv, column: south}/' "$flow" \
  >"$work/flow_twice.yaml"
expect_exit 2 "CSV column twice" -- "$hcsim" check "$work/flow_twice.yaml"
expect_stderr "twice.csv:1:11: south: column 'south' appears twice in the header (first as column 2)"
mkdir "$work/folder.csv"
sed 's/^    arrivals_per_day: 1.3$/    arrivals_per_day: {csv: folder.csv, column: south}/' "$flow" \
  >"$work/flow_folder.yaml"
expect_exit 2 "CSV table that is a directory" -- "$hcsim" check "$work/flow_folder.yaml"
expect_stderr "folder.csv: is not a regular file (a directory); expected a CSV file"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
