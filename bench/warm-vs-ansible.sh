#!/usr/bin/env bash
# Issue 12's table, every row, drover beside Ansible on the OpenSSH lab, paired runs:
#   version   `drover --version`
#   exec1     `exec /bin/true`, 1 host, warm (agent jar cached; Ansible's ControlPersist masters open)
#   exec3     `exec /bin/true`, 3 hosts, warm
#   exec50    `exec /bin/true`, 50 hosts, forks 50, with the peak RSS of the controller process
#   play20    20 `command: /bin/true` tasks x 3 hosts (bench/playbooks/twenty-true.yml)
#             (drover's cpu: its own process plus its persist process's and command workers' during
#             the run; a warm exec or run runs in a command worker, the client only relays)
#   pertask   drover's time per task: (play20 - play1) / 19 from the medians (wall, and CPU per host),
#             and from play20's journals the controller's time per task per host, free of the
#             host's own time (bench/journal-overhead.py)
# Each row runs drover and Ansible alternately (paired, the order flips every round, so drift on a
# noisy machine hits both) and prints median, min and max of RUNS rounds.
#
# Run by hand from the repository root, as root (the lab creates its plain login user `drover`):
#   bash bench/warm-vs-ansible.sh [RUNS] [ROWS...]        e.g. bash bench/warm-vs-ansible.sh 7 exec1 exec3
# Environment: LAB_PORT (default 2232), LAB_DIR (default .drover/lab-bench), DROVER (default ./drover),
# DROVER_BENCH_FLAGS (extra flags for every drover exec/run, e.g. --no-persist to measure cold starts).
# drover's persist process (its ControlPersist, on by default) gets the lab's own directory
# (DROVER_PERSIST_DIR=LAB_DIR/persist), is filled by the warm-up and stopped at the end, so "warm"
# means what it means for Ansible: connections (and, for drover, agents) held from an earlier run.
# Ansible: pipelining, ControlPersist 300 s, forks 50, as in shared/PERF.md (there 60 s); drover's keep time 300 s.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"; shift || true
rows=("$@"); [ ${#rows[@]} -gt 0 ] || rows=(version exec1 exec3 exec50 play20)
lab="${LAB_DIR:-.drover/lab-bench}"
port="${LAB_PORT:-2232}"
drover="${DROVER:-./drover}"
read -r -a dflags <<<"${DROVER_BENCH_FLAGS:-}"
case "$lab" in /*) labpath="$lab" ;; *) labpath="$PWD/$lab" ;; esac
export DROVER_PERSIST_DIR="${DROVER_PERSIST_DIR:-$labpath/persist}"
trap '"$drover" persist stop >/dev/null 2>&1 || true' EXIT

"$drover" --version >/dev/null                     # build (and the launcher's caches) first
testbed/lab/lab.sh up --dir "$lab" --nodes 50 --port "$port" >/dev/null
inv="$lab/inventory.ini"
three='node1:node2:node3'

export ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=auto_silent
# Both keep their connections 300 s (not the default 60 s): on a loaded machine one tool's warm-up
# or row can outlast 60 s and leave the other cold.
export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=300s" ANSIBLE_FORKS=50
export DROVER_PERSIST="${DROVER_PERSIST:-300}"
export ANSIBLE_SSH_CONTROL_PATH_DIR="$lab/cp"
have_ansible=false; command -v ansible >/dev/null && have_ansible=true

stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f (min %.3f, max %.3f)", m, a[1], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
# timed CMD...: prints "wall_s peak_rss_kib cpu_s" of one run (cpu: user + system of the process and
# the children it waited for; on loopback the hosts' work is not in it, so it is the controller's); a failed run stops the benchmark.
timed() {
  local f out; f=$(mktemp)
  out=$(/usr/bin/time -o "$f" -f '%e %M %U %S' "$@" 2>&1) || { echo "FAILED: $*" >&2; echo "$out" | tail -20 >&2; rm -f "$f"; exit 1; }
  awk 'END {printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$f"; rm -f "$f"
}
# bgcpu: CPU seconds used so far by drover's background processes of this lab (the persist process
# and its command workers: their command lines name the lab's persist directory). A warm exec's
# controller work happens there, so a drover row's cpu is the client's plus this delta.
tck=$(getconf CLK_TCK)
bgcpu() {
  local t=0 pid f
  for pid in $(pgrep -f -- "--persist-dir $DROVER_PERSIST_DIR" || true); do
    f=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    set -- $f; t=$((t + ${12} + ${13}))
  done
  echo "$t $tck" | awk '{printf "%.3f", $1 / $2}'
}
# dtimed CMD...: timed, with the background processes' CPU added to the cpu figure.
dtimed() {
  local b a r
  b=$(bgcpu); r=($(timed "$@")); a=$(bgcpu)
  echo "${r[0]} ${r[1]} $(echo "${r[2]} + $a - $b" | bc -l)"
}
# pair NAME DROVER_CMD :: ANSIBLE_CMD: RUNS alternating rounds; figures in global arrays dw/dm/aw/am.
pair() {
  local name="$1"; shift
  local -a dc=() ac=(); while [ "$1" != "::" ]; do dc+=("$1"); shift; done; shift; ac=("$@")
  dw=(); dm=(); dc_=(); aw=(); am=(); ac_=()
  for ((i = 0; i < runs; i++)); do
    local r
    if ((i % 2 == 0)) || ! $have_ansible || [ ${#ac[@]} -eq 0 ]; then
      r=($(dtimed "${dc[@]}")); dw+=("${r[0]}"); dm+=("${r[1]}"); dc_+=("${r[2]}")
      if $have_ansible && [ ${#ac[@]} -gt 0 ]; then r=($(timed "${ac[@]}")); aw+=("${r[0]}"); am+=("${r[1]}"); ac_+=("${r[2]}"); fi
    else
      r=($(timed "${ac[@]}")); aw+=("${r[0]}"); am+=("${r[1]}"); ac_+=("${r[2]}")
      r=($(dtimed "${dc[@]}")); dw+=("${r[0]}"); dm+=("${r[1]}"); dc_+=("${r[2]}")
    fi
  done
  local dmax amax
  dmax=$(printf '%s\n' "${dm[@]}" | sort -n | tail -1)
  printf '%-8s drover  %s s, cpu %s s, peak %d MiB  [%s]\n' "$name" "$(printf '%s\n' "${dw[@]}" | stats)" \
    "$(printf '%s\n' "${dc_[@]}" | median)" $((dmax / 1024)) "${dw[*]}"
  if [ ${#aw[@]} -gt 0 ]; then
    amax=$(printf '%s\n' "${am[@]}" | sort -n | tail -1)
    printf '%-8s ansible %s s, cpu %s s, peak %d MiB (largest process)  [%s]\n' "$name" "$(printf '%s\n' "${aw[@]}" | stats)" \
      "$(printf '%s\n' "${ac_[@]}" | median)" $((amax / 1024)) "${aw[*]}"
    echo "$name     ratio ansible / drover (medians): $(echo "$(printf '%s\n' "${aw[@]}" | median) / $(printf '%s\n' "${dw[@]}" | median)" | bc -l | xargs printf '%.2f')x"
  fi
}

echo "$(date -u +%FT%TZ) $(uname -n), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$drover" --version | head -1); RUNS=$runs"
# Ansible's warm-up first: on a loaded machine its 50 hosts can take longer than drover's keep time,
# which would let drover's persist process and command worker idle out before the first row.
$have_ansible && ansible -i "$inv" nodes -m command -a /bin/true >/dev/null
# Warm-up: agents cached on every node, Ansible's ControlPersist masters open, drover's persist
# process started by the first run (in the background) and holding every node after the second.
"$drover" exec "${dflags[@]}" -i "$inv" nodes -f 50 -- /bin/true >/dev/null
# The first run also starts a command worker for this directory and environment: later execs are
# thin clients of it (the worker's own first commands are its JIT warm-up, hence three more runs).
[[ " ${dflags[*]} " == *" --no-persist "* ]] || for ((i = 0; i < 300; i++)); do
  [ -S "$DROVER_PERSIST_DIR/sock" ] && compgen -G "$DROVER_PERSIST_DIR/cmd-*.sock" >/dev/null && break; sleep 0.1; done
for ((i = 0; i < 3; i++)); do "$drover" exec "${dflags[@]}" -i "$inv" nodes -f 50 -- /bin/true >/dev/null; done
echo "persist: $("$drover" persist status | head -1)"

for row in "${rows[@]}"; do
  case "$row" in
    version) pair version "$drover" --version :: ;;
    exec1)   pair exec1 "$drover" exec "${dflags[@]}" -i "$inv" node1 -- /bin/true :: ansible -i "$inv" node1 -m command -a /bin/true ;;
    exec3)   pair exec3 "$drover" exec "${dflags[@]}" -i "$inv" "$three" -- /bin/true :: ansible -i "$inv" "$three" -m command -a /bin/true ;;
    exec50)  pair exec50 "$drover" exec "${dflags[@]}" -i "$inv" nodes -f 50 -- /bin/true :: ansible -i "$inv" nodes -m command -a /bin/true ;;
    play20)
      state="$lab/state"; rm -rf "$state"
      # A warm run is served by the command worker too: its first runs are its JIT warm-up for run.
      for ((i = 0; i < 2; i++)); do
        "$drover" run "${dflags[@]}" --state-dir "$lab/state1" -i "$inv" --limit "$three" bench/playbooks/one-true.yml >/dev/null
      done
      pair play20 "$drover" run "${dflags[@]}" --state-dir "$state" -i "$inv" --limit "$three" bench/playbooks/twenty-true.yml \
        :: ansible-playbook -i "$inv" --limit "$three" bench/playbooks/twenty-true.yml
      d20=$(printf '%s\n' "${dw[@]}" | median); c20=$(printf '%s\n' "${dc_[@]}" | median)
      # Its own state directory too: the default one (.drover/state) would make .drover 0700, and the
      # lab's sshd (LAB_DIR under .drover) could no longer read authorized_keys as the login user.
      pair play1 "$drover" run "${dflags[@]}" --state-dir "$lab/state1" -i "$inv" --limit "$three" bench/playbooks/one-true.yml ::
      d1=$(printf '%s\n' "${dw[@]}" | median); c1=$(printf '%s\n' "${dc_[@]}" | median)
      echo "pertask  drover, wall per task (3 hosts in parallel): $(echo "($d20 - $d1) / 19 * 1000" | bc -l | xargs printf '%.1f') ms;" \
        "controller cpu per task per host: $(echo "($c20 - $c1) / 19 / 3 * 1000" | bc -l | xargs printf '%.1f') ms"
      command -v python3 >/dev/null && python3 bench/journal-overhead.py "$state"/runs/*/journal.jsonl | sed 's/^/pertask  /'
      ;;
    *) echo "unknown row: $row (version exec1 exec3 exec50 play20)" >&2; exit 2 ;;
  esac
done
