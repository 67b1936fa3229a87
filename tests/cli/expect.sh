# The assertions the command-line test scripts share. Source it after setting
# `work` (a scratch directory).
# pass / fail count results; expect_exit runs a command with its stdout and
# stderr in $work/stdout and $work/stderr and checks its exit status.
passes=0
failures=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...
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
