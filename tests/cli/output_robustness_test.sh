#!/usr/bin/env bash
# Writing results fails cleanly: a full disk, a path that is not a regular file
# and a damaged run folder give an error and exit status, never a crash, a
# destroyed file or wrong results.
# Usage: output_robustness_test.sh HCSIM_BINARY SOURCE_DIR
set -u
hcsim="$1"
source_dir="$2"
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passes=0
failures=0
pass() { passes=$((passes + 1)); }
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }

expect_exit() {
  local want="$1" what="$2"; shift 3
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$what: exit $got, expected $want"; sed 's/^/  stderr: /' "$work/stderr" >&2
  fi
}

expect_stderr() {
  if grep -qF -- "$1" "$work/stderr"; then pass; else
    fail "stderr lacks '$1'"; sed 's/^/  stderr: /' "$work/stderr" >&2
  fi
}

# --- cases

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
