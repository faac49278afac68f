#!/usr/bin/env bash
# bench/serve.sh [RUNS] - what drover serve's runs list costs over RUNS (default 1000) runs'
# history: time of GET /api/runs (what the runs page loads), cold (every journal parsed) and warm
# (median and max of 20; journals unchanged since the last request are not parsed again).
# What live pages cost the run they watch: bench/serve-live-cost.sh.
# Needs Java, curl and python3 (for the medians); no SSH lab: the hosts use the local connection.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-1000}
jar=controller/target/drover.jar
[ -f "$jar" ] || { echo "bench/serve.sh: build first: mvn -B -q -DskipTests install" >&2; exit 1; }
work=$(mktemp -d /var/tmp/drover-serve-bench.XXXXXX)
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; jobs -p | xargs -r kill 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. bench/serve-lib.sh
cp "$work/pb.yml" "$work/fail.yml"
printf '    - name: fail on node2\n      command: sh -c "echo boom >&2; exit 3"\n      when: inventory_hostname == "node2"\n' >> "$work/fail.yml"

echo "== the runs list over $runs runs"
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
# A live run in the list: its journal grows between requests, and only what it gained is read.
{ echo "- hosts: all"; echo "  gather_facts: false"; echo "  tasks:"
  for i in $(seq 1 300); do echo "    - command: echo {{ inventory_hostname }} $i"; done; } > "$work/long.yml"
before=$(cat "$state/runs/last" 2>/dev/null || true)
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" run -i "$work/inv.yml" "$work/long.yml" --state-dir "$state" --color never >/dev/null &
live_pid=$!
for _ in $(seq 1 600); do id=$(cat "$state/runs/last" 2>/dev/null || true); [ -n "$id" ] && [ "$id" != "$before" ] && break; sleep 0.05; done
sleep 3
# What the server read and spent for them, from its /proc counters (a load-independent count).
jpid=$(pgrep -P "$serve_pid" java || echo "$serve_pid")
io() { awk '/^rchar/ {print $2}' "/proc/$jpid/io"; }
cpu() { awk '{print $14 + $15}' "/proc/$jpid/stat"; }
read0=$(io); cpu0=$(cpu)
for _ in $(seq 1 20); do t "${url}api/runs"; sleep 0.2; done > "$work/live"
read1=$(io); cpu1=$(cpu)
echo "warm GET /api/runs while a 900-result run is live: median $(median < "$work/live") s, max $(sort -n "$work/live" | tail -n 1) s" \
  "(its journal $(du -k "$state/runs/$id/journal.jsonl" | cut -f1) KB when the last request was answered)"
echo "  the server read $(( (read1 - read0) / 1024 )) KB and used $(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) )) ms of CPU for those 20 requests"
kill "$live_pid" 2>/dev/null || true; wait "$live_pid" 2>/dev/null || true
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
