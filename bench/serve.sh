#!/usr/bin/env bash
# bench/serve.sh [RUNS] [TRIALS] - what drover serve costs.
#  1. The runs list over RUNS (default 1000) runs' history: time of GET /api/runs (what the runs
#     page loads), cold (every journal parsed) and warm (median and max of 20; journals unchanged
#     since the last request are not parsed again).
#  2. What a live page costs the run: wall time and the run's own CPU time of the same playbook (3 local hosts, serial: 1,
#     60 tasks), TRIALS times (default 5) unwatched and TRIALS times watched the way a browser
#     watches it (the event stream, and /api/runs/<id> every 300 ms; 3 pages at once), interleaved
#     so machine noise hits both alike. Prints each series' median. TRIALS=0 skips this part.
# Needs Java, curl and python3 (for the medians); no SSH lab: the hosts use the local connection.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-1000}
trials=${2:-5}
jar=controller/target/drover.jar
[ -f "$jar" ] || { echo "bench/serve.sh: build first: mvn -B -q -DskipTests install" >&2; exit 1; }
work=$(mktemp -d /var/tmp/drover-serve-bench.XXXXXX)
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; jobs -p | xargs -r kill 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
drover() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"; }
median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print("%.3f" % statistics.median(v))'; }

cat > "$work/inv.yml" <<'YML'
all:
  hosts:
    node1: {ansible_connection: local}
    node2: {ansible_connection: local}
    node3: {ansible_connection: local}
YML
{
  echo "- name: rolling"
  echo "  hosts: all"
  echo "  serial: 1"
  echo "  gather_facts: false"
  echo "  tasks:"
  for i in $(seq 1 20); do
    echo "    - name: step $i"
    echo "      command: echo step $i on {{ inventory_hostname }}"
  done
} > "$work/pb.yml"
cp "$work/pb.yml" "$work/fail.yml"
printf '    - name: fail on node2\n      command: sh -c "echo boom >&2; exit 3"\n      when: inventory_hostname == "node2"\n' >> "$work/fail.yml"

echo "== 1. the runs list over $runs runs"
seed="$work/seed"
drover run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$seed" --color never >/dev/null
drover run -i "$work/inv.yml" "$work/fail.yml" --state-dir "$seed" --color never >/dev/null || true
mapfile -t seeds < <(ls "$seed/runs" | grep -v '^last$' | sort)
state="$work/state"
mkdir -p "$state/runs"
python3 - "$seed/runs" "$state/runs" "$runs" "${seeds[@]}" <<'PY'
import datetime, os, random, sys
src, dst, n, seeds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
texts = [open(os.path.join(src, s, "journal.jsonl")).read() for s in seeds]
start = datetime.datetime(2024, 1, 1, 2, 30)
rnd = random.Random(1)
for i in range(n):
    t = start + datetime.timedelta(hours=8 * i)
    rid = t.strftime("%Y%m%d-%H%M%S") + "-%04x" % rnd.randrange(65536)
    k = i % len(texts)
    text = texts[k].replace(seeds[k], rid)
    os.makedirs(os.path.join(dst, rid))
    with open(os.path.join(dst, rid, "journal.jsonl"), "w") as f:
        f.write(text)
PY
echo "journals: $(ls "$state/runs" | wc -l), $(du -sh "$state/runs" | cut -f1)"
drover serve --port 0 --state-dir "$state" > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*/' "$work/serve.out" | head -n 1)
t() { curl -s -o /dev/null -w '%{time_total}\n' "$1"; }
echo "cold GET /api/runs: $(t "${url}api/runs") s (every journal parsed)"
for _ in $(seq 1 20); do t "${url}api/runs"; done > "$work/warm"
echo "warm GET /api/runs: median $(median < "$work/warm") s, max $(sort -n "$work/warm" | tail -n 1) s ($runs runs, 20 requests)"
echo "warm GET /api/runs?result=failed: $(t "${url}api/runs?result=failed") s"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=

[ "$trials" -gt 0 ] || exit 0
echo "== 2. a live page's cost to the run ($trials trials each)"
live="$work/live"
drover serve --port 0 --state-dir "$live" > "$work/serve2.out" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$work/serve2.out" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*/' "$work/serve2.out" | head -n 1)
watch() {  # like three open pages: the event stream, and the run's data every 300 ms
  local before=$1 id
  while :; do
    id=$(cat "$live/runs/last" 2>/dev/null || true)
    [ -n "$id" ] && [ "$id" != "$before" ] && break
    sleep 0.05
  done
  for _ in 1 2 3; do
    curl -sN "${url}api/runs/$id/events" > /dev/null &
    echo $! >> "$work/watch.pids"
    (while :; do curl -s -o /dev/null "${url}api/runs/$id"; sleep 0.3; done) &
    echo $! >> "$work/watch.pids"
  done
}
: > "$work/plain"; : > "$work/watched"
TIMEFORMAT='%R %U %S'   # the run's wall time, and its own CPU time (user, system)
timed() { { time drover run -i "$work/inv.yml" "$work/pb.yml" --state-dir "$live" --color never >/dev/null; } 2>> "$1"; }
for i in $(seq 1 "$trials"); do
  timed "$work/plain"
  before=$(cat "$live/runs/last")
  : > "$work/watch.pids"
  watch "$before" & wpid=$!
  timed "$work/watched"
  wait "$wpid" 2>/dev/null || true
  xargs -r kill < "$work/watch.pids" 2>/dev/null || true
done
for series in plain watched; do
  awk '{print $1}' "$work/$series" > "$work/$series.wall"
  awk '{print $2 + $3}' "$work/$series" > "$work/$series.cpu"
done
echo "unwatched: wall $(tr '\n' ' ' < "$work/plain.wall")-> median $(median < "$work/plain.wall") s; the run's CPU median $(median < "$work/plain.cpu") s"
echo "watched:   wall $(tr '\n' ' ' < "$work/watched.wall")-> median $(median < "$work/watched.wall") s; the run's CPU median $(median < "$work/watched.cpu") s"
