#!/usr/bin/env bash
# bench/serve-live-cost.sh [TRIALS] - what live pages cost the run they watch.
# The same playbook (3 local hosts, serial: 1, 60 tasks) TRIALS times (default 5) unwatched and
# TRIALS times under each kind of watcher in WATCH (default "chromium"), interleaved (unwatched,
# then each kind) so machine noise hits all alike:
#   chromium  3 headless chromium pages of `drover serve` (a separate JVM), the page as operators see it
#   sse       3 `curl -N` on the run's event stream: the server's whole work, no renderer
#   runserve  the run started with `--serve` (the server inside the run's JVM), 3 chromium pages on it
#   spin      no server, no page: one busy loop on the other CPU (with PIN=1): what the machine
#             charges the run when its other vCPU is busy, whatever runs there
# Per series the medians of wall time, CPU time (the run and its local agents: user + system) and
# counts that do not depend on how busy the machine is: system calls, context switches, page
# faults, and per JVM (the run's, and its agents' together) GC count and bytes allocated. Equal
# counts with a longer time mean the same work ran slower (the machine), not more work (drover).
# System calls and page faults come from `perf stat` (software events and the raw_syscalls
# tracepoint; needs root or perf_event_paranoid <= -1; left out without them); the rest from GNU
# time and -Xlog:gc (JAVA_TOOL_OPTIONS, which the agents inherit). RAW=1 prints every run's counts;
# SYSCALLS=1 counts each system call apart (perf's syscalls:sys_enter_* tracepoints).
# The three browsers are started (on about:blank) before the trials and stay up: each watched run
# opens its page in each of them through chromium's DevTools HTTP endpoint (a new tab) as soon as
# the run's journal exists, and closes it after the run, so what is measured is a page watching,
# not a browser starting. SERVE_JAR=other.jar serves with another build.
# PIN=1 puts the run (and its local agents) on CPU 0 and everything else the bench starts (server,
# browsers, curl, the busy loop, the bench's own polling) on CPU 1 (taskset).
# Needs Java, curl, python3, GNU time (Debian's `time`), chromium for chromium/runserve; optionally
# perf (Debian's linux-perf). No SSH lab (the hosts use the local connection).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trials=${1:-5}
kinds=(${WATCH:-chromium})
jar=$PWD/controller/target/drover.jar
serve_jar=${SERVE_JAR:-$jar}
[ -f "$jar" ] || { echo "bench/serve-live-cost.sh: build first: mvn -B -q -DskipTests install" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/serve-live-cost.sh: needs GNU time (Debian's time)" >&2; exit 1; }
browsers=0
for k in "${kinds[@]}"; do
  case $k in
    chromium|runserve) browsers=3 ;;
    sse|spin) ;;
    *) echo "bench/serve-live-cost.sh: WATCH takes chromium, sse, runserve and spin, not '$k'" >&2; exit 1 ;;
  esac
done
if [ "$browsers" -gt 0 ] && ! command -v chromium >/dev/null; then
  echo "bench/serve-live-cost.sh: needs Debian's chromium" >&2; exit 1
fi
work=$(mktemp -d /var/tmp/drover-live-bench.XXXXXX)
pids=()
cleanup() {
  [ -f "$work/watchers" ] && while read -r p; do kill "$p" 2>/dev/null || true; done < "$work/watchers"
  for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. bench/serve-lib.sh

live="$work/state"
run_on=(); side_on=()
if [ "${PIN:-0}" = 1 ]; then run_on=(taskset -c 0); side_on=(taskset -c 1); fi
side() { ${side_on[@]+"${side_on[@]}"} "$@"; }   # in the foreground; `side_exec ... &` in the background
side_exec() { exec ${side_on[@]+"${side_on[@]}"} "$@"; }   # its pid ($!) is the command's
perf_events=task-clock,context-switches,cpu-migrations,page-faults,raw_syscalls:sys_enter
[ "${SYSCALLS:-0}" = 1 ] && perf_events+=',syscalls:sys_enter_*'
use_perf=0
if command -v perf >/dev/null && perf stat -x, -o /dev/null -e "$perf_events" true 2>/dev/null; then use_perf=1; fi

url=
if printf '%s\n' "${kinds[@]}" | grep -qx -e chromium -e sse; then
  side_exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$serve_jar" serve --port 0 --state-dir "$live" > "$work/serve.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
  url=$(grep -o 'http://[^ ]*/' "$work/serve.out" | head -n 1)
fi
ports=()
for b in $(seq 1 "$browsers"); do
  side_exec chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-extensions \
    --user-data-dir="$work/chromium$b" --remote-debugging-port=0 about:blank > "$work/chromium$b.out" 2>&1 &
  pids+=($!)
done
for b in $(seq 1 "$browsers"); do
  for _ in $(seq 1 150); do [ -s "$work/chromium$b/DevToolsActivePort" ] && break; sleep 0.2; done
  ports+=("$(head -n 1 "$work/chromium$b/DevToolsActivePort")")
done

# The watchers of the run that starts after run $2, of kind $1; their pids in $work/watchers.
watch() {
  local kind=$1 before=$2 id base=$url
  : > "$work/watchers"
  [ "${PIN:-0}" = 1 ] && taskset -pc 1 "$BASHPID" > /dev/null   # this polling too
  if [ "$kind" = spin ]; then
    side_exec sh -c 'while :; do :; done' > /dev/null 2>&1 & echo $! >> "$work/watchers"
    return
  fi
  while :; do
    id=$(cat "$live/runs/last" 2>/dev/null || true)
    [ -n "$id" ] && [ "$id" != "$before" ] && break
    sleep 0.05
  done
  if [ "$kind" = runserve ]; then
    for _ in $(seq 1 100); do grep -q 'http://' "$work/run.err" 2>/dev/null && break; sleep 0.05; done
    base=$(grep -o 'http://[^ ]*/' "$work/run.err" | head -n 1)
  fi
  if [ "$kind" = sse ]; then
    for _ in 1 2 3; do side_exec curl -sN "${base}api/runs/$id/events" > /dev/null & echo $! >> "$work/watchers"; done
    return
  fi
  for p in "${ports[@]}"; do
    side curl -s -X PUT "http://127.0.0.1:$p/json/new?${base}runs/$id" \
      | side python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' > "$work/tab.$p"
  done
}
unwatch() {
  local kind=$1
  while read -r p; do kill "$p" 2>/dev/null || true; done < "$work/watchers"
  if [ "$kind" = chromium ] || [ "$kind" = runserve ]; then
    for p in "${ports[@]}"; do side curl -s "http://127.0.0.1:$p/json/close/$(cat "$work/tab.$p")" > /dev/null || true; done
  fi
}

# One run of series $1 (extra drover options after it); its figures in $work/$1/N/.
timed() {
  local series=$1 n d
  shift
  mkdir -p "$work/$series"
  n=$(( $(ls "$work/$series" | wc -l) + 1 ))
  d="$work/$series/$n"
  mkdir "$d"
  local perf=()
  [ "$use_perf" = 1 ] && perf=(perf stat -x, -o "$d/perf" -e "$perf_events" --)
  JAVA_TOOL_OPTIONS="-Xlog:gc*=info:file=$d/gc-%p.log" \
    ${perf[@]+"${perf[@]}"} /usr/bin/time -f '%e %U %S %w %c' -o "$d/time" \
    sh -c 'echo $$ > "$0"; exec "$@"' "$d/pid" ${run_on[@]+"${run_on[@]}"} \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$live" \
    --color never "$@" > /dev/null 2> "$work/run.err"
  wc -l < "$live/runs/$(cat "$live/runs/last")/journal.jsonl" > "$d/journal"
}

drover run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$live" --color never >/dev/null   # warms the agent cache
for i in $(seq 1 "$trials"); do
  timed unwatched
  for kind in "${kinds[@]}"; do
    before=$(cat "$live/runs/last")
    opts=()
    [ "$kind" = runserve ] && opts=(--serve --serve-port 0)
    rm -f "$work/run.err"
    watch "$kind" "$before" & wpid=$!
    [ "$kind" = spin ] && wait "$wpid"
    timed "$kind" ${opts[@]+"${opts[@]}"}
    wait "$wpid" || true
    [ "$kind" = spin ] || sleep 1   # the pages draw the end of the run
    unwatch "$kind"
  done
done

echo "serving with $serve_jar; $trials trials${run_on[@]+; run on CPU 0, everything else on CPU 1}"
[ "$use_perf" = 1 ] || echo "(no perf stat here: system calls, migrations and page faults left out)"
python3 - "$work" "${RAW:-0}" unwatched "${kinds[@]}" <<'PY'
import json, os, statistics, subprocess, sys
work, raw, series = sys.argv[1], sys.argv[2] == '1', sys.argv[3:]
cols = [('wall', 'wall s', '%.2f'), ('cpu', 'CPU s', '%.2f'), ('journal_lines', 'journal', '%.0f'), ('syscalls', 'syscalls', '%.0f'),
        ('voluntary_switches', 'vol. cs', '%.0f'), ('involuntary_switches', 'invol. cs', '%.0f'),
        ('migrations', 'migr.', '%.0f'), ('page_faults', 'faults', '%.0f'),
        ('run_gcs', 'run GCs', '%.0f'), ('run_alloc_mb', 'run MB', '%.1f'),
        ('agent_jvms', 'agents', '%.0f'), ('agents_gcs', 'agent GCs', '%.0f'), ('agents_alloc_mb', 'agents MB', '%.1f')]
rows = {}
for s in series:
    d = os.path.join(work, s)
    dirs = sorted((os.path.join(d, n) for n in os.listdir(d)), key=lambda p: int(os.path.basename(p)))
    out = subprocess.run([sys.executable, 'bench/run-counts.py', *dirs], capture_output=True, text=True, check=True).stdout
    rows[s] = [json.loads(l) for l in out.splitlines()]
cols = [c for c in cols if any(c[0] in r for rs in rows.values() for r in rs)]
print('medians       ' + ''.join('%11s' % c[1] for c in cols))
for s in series:
    print('%-14s' % s + ''.join('%11s' % (c[2] % statistics.median(r[c[0]] for r in rows[s])) for c in cols))
    if raw:
        for r in rows[s]:
            print('  ' + ' ' * 12 + ''.join('%11s' % (c[2] % r[c[0]]) for c in cols))
# SYSCALLS=1: the system calls made 100 times or more, median count per series.
calls = sorted({k for rs in rows.values() for r in rs for k in r if k.startswith('sc_')
                and max(statistics.median(x.get(k, 0) for x in rows[s]) for s in series) >= 100})
if calls:
    print('system calls  ' + ''.join('%11s' % s[:10] for s in series))
    for k in calls:
        print('%-14s' % k[3:17] + ''.join('%11.0f' % statistics.median(x.get(k, 0) for x in rows[s]) for s in series))
PY
