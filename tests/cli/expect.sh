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

# interrupt_when CONDITION PID: once CONDITION (a command) succeeds, sends
# SIGINT to PID and waits for it, leaving its exit status in $interrupted_exit.
# Waiting for a sign of the run rather than a fixed time matters: a background
# job of a non-interactive shell starts with SIGINT ignored until hcsim
# installs its handler, so an early signal is lost. A process still running
# two minutes after the signal is killed, so a lost signal fails the test in
# minutes instead of running the whole plan.
interrupt_when() {
  local condition="$1" pid="$2" tick
  for tick in $(seq 1200); do  # at most a minute for the condition
    eval "$condition" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -INT "$pid" 2>/dev/null
  for tick in $(seq 2400); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  interrupted_exit=$?
}
