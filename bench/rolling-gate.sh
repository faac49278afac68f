#!/usr/bin/env bash
# Issue 4's figures: the rolling-restart gate, drover beside ansible-playbook, on the three lab
# OpenSSH hosts, measured with the hosts' own clocks (timestamps the simulated service logs):
#  - gate latency: success line written -> next task started on that host (median of TRIALS);
#  - idle time: a node's success line -> the next node's stop, in a three-node serial: 1 restart.
# The service (bench-service.sh, POSIX sh) takes 1.5 s to start.
#
# Run by hand from the repository root: bash bench/rolling-gate.sh [TRIALS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trials="${1:-20}"
lab="${LAB_DIR:-.drover/lab}"

./drover --version >/dev/null
testbed/lab/lab.sh up --dir "$lab" --port "${LAB_PORT:-2222}" >/dev/null   # LAB_PORT: another lab holds 2222
inv="$lab/inventory.ini"
sshn() { ssh -F "$lab/ssh_config" "$@"; }
work="$(sshn node1 'echo $HOME')/drover-bench-rolling"
for n in node1 node2 node3; do
  sshn "$n" "mkdir -p '$work/$n' && cat > '$work/$n/bench-service.sh'" <<'SVC'
#!/bin/sh
log="$(dirname "$0")/service.log"
case "$1" in
  start) sleep 1.5; echo "started at $(date +%s.%N)" >> "$log" ;;
  stop)  echo "stopping at $(date +%s.%N)" > "$log" ;;
  mark)  echo "next at $(date +%s.%N)" >> "$log" ;;
esac
SVC
done

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
ts() { sshn "$1" "sed -n 's/^$2 at //p' '$work/$1/service.log'"; }

# One run of the playbook with TOOL; prints gate latencies (ms) or idle gaps (ms), one a line.
gate_run() {
  "$@" -i "$inv" bench/playbooks/rolling-restart.yml -e "work=$work" -e mark=true >/dev/null
  for n in node1 node2 node3; do echo "($(ts $n next) - $(ts $n started)) * 1000" | bc -l; done
}
idle_run() {
  "$@" -i "$inv" bench/playbooks/rolling-restart.yml -e "work=$work" >/dev/null
  local prev=""
  for n in node1 node2 node3; do
    [ -n "$prev" ] && echo "($(ts $n stopping) - $prev) * 1000" | bc -l
    prev=$(ts $n started)
  done
}
measure() {  # NAME CMD...: TRIALS gate samples, then idle samples from runs without the mark task
  local name=$1; shift
  local g=() i=()
  while [ "${#g[@]}" -lt "$trials" ]; do mapfile -t -O "${#g[@]}" g < <(gate_run "$@"); done
  while [ "${#i[@]}" -lt 10 ]; do mapfile -t -O "${#i[@]}" i < <(idle_run "$@"); done
  g=("${g[@]:0:$trials}")
  echo "$name gate latency: median $(printf '%s\n' "${g[@]}" | median) ms over ${#g[@]} trials" \
       "(min $(printf '%s\n' "${g[@]}" | sort -n | head -1 | xargs printf '%.0f'), max $(printf '%s\n' "${g[@]}" | sort -n | tail -1 | xargs printf '%.0f'))"
  echo "$name idle between nodes: median $(printf '%s\n' "${i[@]}" | median) ms over ${#i[@]} gaps" \
       "($(printf '%s\n' "${i[@]}" | xargs printf '%.0f ' ))"
}

measure drover ./drover run
if command -v ansible-playbook >/dev/null; then
  export ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=auto_silent
  export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s" ANSIBLE_FORKS=50
  measure ansible ansible-playbook
else
  echo "ansible-playbook: not installed (apt-get install ansible-core) - no comparison"
fi
sshn node1 "rm -rf '$work'"
