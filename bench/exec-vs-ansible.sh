#!/usr/bin/env bash
# Issue 2's figures: the agent jar's size, and `drover exec /bin/true` on the three lab OpenSSH
# hosts, first contact (agent upload included) and warm (jar cached), median wall time of RUNS runs,
# beside Ansible's ad hoc command on the same hosts (pipelining and ControlPersist on).
#
# Run by hand from the repository root, as root (the lab creates its login user) or a user who can
# run sshd: bash bench/exec-vs-ansible.sh [RUNS]. Needs openssh-server; Ansible is optional.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
lab=.drover/lab

./drover --version >/dev/null                     # build first, so no run below pays for it
testbed/lab/lab.sh up --dir "$lab" >/dev/null
inv="$lab/inventory.ini"
mapfile -t nodes < <(awk '/^node[0-9]/ {print $1}' "$inv")

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
timed() { local s e out; s=$(date +%s.%N); out=$("$@" 2>&1) || { echo "FAILED: $*" >&2; echo "$out" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
wipe_caches() { for n in "${nodes[@]}"; do ssh -F "$lab/ssh_config" "$n" 'rm -rf ~/.cache/drover/agent' >/dev/null; done; }

echo "agent jar: $(stat -c %s agent/target/drover-agent.jar) bytes"
echo "hosts: ${nodes[*]} ($(uname -n), $(nproc) cores)"

cold=(); warm=()
for ((i = 0; i < runs; i++)); do
  wipe_caches
  cold+=("$(timed ./drover exec -i "$inv" nodes -- /bin/true)")
  warm+=("$(timed ./drover exec -i "$inv" nodes -- /bin/true)")
done
c=$(printf '%s\n' "${cold[@]}" | median); w=$(printf '%s\n' "${warm[@]}" | median)
echo "drover exec, first contact (upload): median $c s over $runs runs [${cold[*]}]"
echo "drover exec, warm (jar cached):      median $w s over $runs runs [${warm[*]}]"

if command -v ansible >/dev/null; then
  export ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=auto_silent
  export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s"
  ansible -i "$inv" nodes -m command -a /bin/true >/dev/null   # opens the ControlPersist masters
  an=()
  for ((i = 0; i < runs; i++)); do an+=("$(timed ansible -i "$inv" nodes -m command -a /bin/true)"); done
  a=$(printf '%s\n' "${an[@]}" | median)
  echo "ansible ad hoc (pipelining, ControlPersist): median $a s over $runs runs [${an[*]}]"
  echo "ratio ansible / drover warm: $(echo "$a / $w" | bc -l | xargs printf '%.2f')"
else
  echo "ansible: not installed (apt-get install ansible-core) - no comparison"
fi
