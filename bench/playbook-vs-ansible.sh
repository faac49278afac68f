#!/usr/bin/env bash
# Issue 3's figures: 20 `command: /bin/true` tasks on the three lab OpenSSH hosts, drover beside
# ansible-playbook (pipelining, ControlPersist), median wall time of RUNS runs each, and drover's
# per-task overhead after the agents started: (time of 20 tasks - time of 1 task) / 19.
#
# Run by hand from the repository root: bash bench/playbook-vs-ansible.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
lab=.drover/lab

./drover --version >/dev/null
testbed/lab/lab.sh up --dir "$lab" >/dev/null
inv="$lab/inventory.ini"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
timed() {
  local s e out
  s=$(date +%s.%N)
  out=$("$@" 2>&1) || { echo "FAILED: $*" >&2; echo "$out" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
series() { local r=(); for ((i = 0; i < runs; i++)); do r+=("$(timed "$@")"); done; printf '%s\n' "${r[@]}"; }

./drover run -i "$inv" bench/playbooks/one-true.yml >/dev/null   # agents cached on the hosts
d20=$(series ./drover run -i "$inv" bench/playbooks/twenty-true.yml | median)
d1=$(series ./drover run -i "$inv" bench/playbooks/one-true.yml | median)
echo "drover run, 20 tasks x 3 hosts: median $d20 s over $runs runs"
echo "drover run,  1 task  x 3 hosts: median $d1 s"
echo "drover per-task overhead (all 3 hosts in parallel): $(echo "($d20 - $d1) / 19 * 1000" | bc -l | xargs printf '%.1f') ms"

if command -v ansible-playbook >/dev/null; then
  export ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=auto_silent
  export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s" ANSIBLE_FORKS=50
  ansible-playbook -i "$inv" bench/playbooks/one-true.yml >/dev/null
  a20=$(series ansible-playbook -i "$inv" bench/playbooks/twenty-true.yml | median)
  echo "ansible-playbook, 20 tasks x 3 hosts: median $a20 s over $runs runs"
  echo "ratio ansible / drover: $(echo "$a20 / $d20" | bc -l | xargs printf '%.1f')x"
else
  echo "ansible-playbook: not installed (apt-get install ansible-core) - no comparison"
fi
