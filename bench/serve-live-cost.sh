#!/usr/bin/env bash
# bench/serve-live-cost.sh [TRIALS] - what live pages cost the run they watch.
# The same playbook (3 local hosts, serial: 1, 60 tasks) TRIALS times (default 5) unwatched and
# TRIALS times watched by 3 headless chromium pages of `drover serve`, in pairs (unwatched, then
# watched) so machine noise hits both alike; prints each series' wall times and the medians of the
# wall time and of the run's own CPU time.
# The three browsers are started (on about:blank) before the pairs and stay up: each watched run
# opens its page in each of them through chromium's DevTools HTTP endpoint (a new tab) as soon as
# the run's journal exists, and closes it after the run, so what is measured is a page watching,
# not a browser starting. SERVE_JAR=other.jar serves with another build (to compare with the
# page that fetched the whole run every 300 ms).
# PIN=1 puts the run (and its local agents) on CPU 0 and the server and the browsers on CPU 1
# (taskset), as when the browsers are on the operators' own machines: what is left is what the
# watching costs the run itself, not three renderers competing for its cores.
# Needs Java, curl, python3 and Debian's chromium; no SSH lab (the hosts use the local connection).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trials=${1:-5}
jar=controller/target/drover.jar
serve_jar=${SERVE_JAR:-$jar}
[ -f "$jar" ] || { echo "bench/serve-live-cost.sh: build first: mvn -B -q -DskipTests install" >&2; exit 1; }
command -v chromium >/dev/null || { echo "bench/serve-live-cost.sh: needs Debian's chromium" >&2; exit 1; }
work=$(mktemp -d /var/tmp/drover-live-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. bench/serve-lib.sh

live="$work/state"
run_on=(); side_on=()
if [ "${PIN:-0}" = 1 ]; then run_on=(taskset -c 0); side_on=(taskset -c 1); fi
${side_on[@]+"${side_on[@]}"} java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$serve_jar" serve --port 0 --state-dir "$live" > "$work/serve.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*/' "$work/serve.out" | head -n 1)
ports=()
for b in 1 2 3; do
  ${side_on[@]+"${side_on[@]}"} chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-extensions \
    --user-data-dir="$work/chromium$b" --remote-debugging-port=0 about:blank > "$work/chromium$b.out" 2>&1 &
  pids+=($!)
done
for b in 1 2 3; do
  for _ in $(seq 1 150); do [ -s "$work/chromium$b/DevToolsActivePort" ] && break; sleep 0.2; done
  ports+=("$(head -n 1 "$work/chromium$b/DevToolsActivePort")")
done

watch() {  # 3 pages on the run that starts after run $1, each in its own browser
  local before=$1 id
  while :; do
    id=$(cat "$live/runs/last" 2>/dev/null || true)
    [ -n "$id" ] && [ "$id" != "$before" ] && break
    sleep 0.05
  done
  for p in "${ports[@]}"; do
    curl -s -X PUT "http://127.0.0.1:$p/json/new?${url}runs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' \
      > "$work/tab.$p"
  done
}
unwatch() {
  for p in "${ports[@]}"; do curl -s "http://127.0.0.1:$p/json/close/$(cat "$work/tab.$p")" > /dev/null || true; done
}

: > "$work/plain"; : > "$work/watched"
TIMEFORMAT='%R %U %S'   # the run's wall time, and its own CPU time (user, system)
timed() { { time ${run_on[@]+"${run_on[@]}"} java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$live" --color never >/dev/null; } 2>> "$1"; }
drover run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$live" --color never >/dev/null   # warms the agent cache
for i in $(seq 1 "$trials"); do
  timed "$work/plain"
  before=$(cat "$live/runs/last")
  watch "$before" & wpid=$!
  timed "$work/watched"
  wait "$wpid" || true
  sleep 1   # the pages draw the end of the run
  unwatch
done
for series in plain watched; do
  awk '{print $1}' "$work/$series" > "$work/$series.wall"
  awk '{print $2 + $3}' "$work/$series" > "$work/$series.cpu"
done
echo "serving with $serve_jar; $trials pairs${run_on[@]+; run on CPU 0, server and browsers on CPU 1}"
echo "unwatched:          wall $(tr '\n' ' ' < "$work/plain.wall")-> median $(median < "$work/plain.wall") s; the run's CPU median $(median < "$work/plain.cpu") s"
echo "3 chromium pages:   wall $(tr '\n' ' ' < "$work/watched.wall")-> median $(median < "$work/watched.wall") s; the run's CPU median $(median < "$work/watched.cpu") s"
