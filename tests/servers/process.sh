# Sourced by tests/servers/postgres.sh and mariadb.sh: signals to a test server that have taken effect when they
# return.
#
# kill(2) only queues a signal. For SIGSTOP the kernel wakes one thread of the process, and that thread stops
# the others when it next runs; until then another thread may still read a query from its socket and answer it.
# On a loaded machine that window is long enough for a fault test to see "a stopped server answered" (CI saw
# it under ASan). So `signal_and_wait STOP pid...` returns only once every thread of every pid is stopped, and
# `signal_and_wait KILL pid...` only once they are gone (or zombies).

# The state letters of every thread of $1 (R, S, D, T, t, Z...), one per line; nothing when it is gone.
thread_states() {
  local task
  for task in /proc/"$1"/task/*/stat; do
    [ -r "$task" ] || continue
    # field 3, after the command name in parentheses (which may hold spaces)
    sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "$task" 2>/dev/null || true
  done
}

# 0 when the signal $1 has taken effect on process $2: every thread stopped (T or t) or exited (STOP), the
# process gone or a zombie (KILL), no thread stopped any more (CONT).
signal_took_effect() {
  local sig=$1 pid=$2 states
  states=$(thread_states "$pid")
  case "$sig" in
    STOP) ! printf '%s\n' "$states" | grep -qv '^[TtZX]*$' ;;  # a process that has exited answers nothing either
    KILL) [ -z "$states" ] || ! printf '%s\n' "$states" | grep -qv '^[ZX]$' ;;
    CONT) ! printf '%s\n' "$states" | grep -q '^T$' ;;
    *) return 0 ;;
  esac
}

# signal_and_wait SIG PID...: sends SIG to each PID and waits (at most 20 s) until it has taken effect on all.
signal_and_wait() {
  local sig=$1 pid i
  shift
  [ $# -gt 0 ] || { echo "egret: no server process to send SIG$sig to" >&2; return 1; }
  for pid in "$@"; do kill "-$sig" "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for i in $(seq 1 200); do
      signal_took_effect "$sig" "$pid" && break
      sleep 0.1
    done
    if ! signal_took_effect "$sig" "$pid"; then
      echo "egret: SIG$sig did not take effect on pid $pid within 20 s (thread states: $(thread_states "$pid" | sort | uniq -c | tr -s ' \n' ' '))" >&2
      return 1
    fi
  done
  return 0
}
