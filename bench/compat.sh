#!/usr/bin/env bash
# Runs every playbook of playbooks/compat with ansible-playbook and with drover against the lab's
# three OpenSSH nodes and compares exit codes, PLAY RECAP counts and the files written.
# The JUnit test dev.drover.compat.AnsibleCompatibilityTest does the same in CI; this script is
# for looking at one playbook by hand, keeping both outputs.
#
# Run from the repository root: bash bench/compat.sh [PLAYBOOK_NAME_PART]
# The JUnit test also runs the playbooks marked compat-idempotent twice; this script does not.
# COMPAT_LAB=DIR uses a lab that is already up instead of .drover/lab.
# Output of each run: target/compat/<playbook>/{ansible,drover}.out; trees in .../{ansible,drover}/
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
only="${1:-}"
lab="${COMPAT_LAB:-.drover/lab}"
work="$PWD/target/compat"

command -v ansible-playbook >/dev/null || { echo "ansible-playbook is not installed (apt-get install ansible-core)" >&2; exit 3; }
./drover --version >/dev/null
[[ -n "${COMPAT_LAB:-}" ]] || testbed/lab/lab.sh up --dir "$lab" >/dev/null
inv="$lab/inventory.ini"
export ANSIBLE_PIPELINING=1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_NOCOLOR=1 ANSIBLE_PYTHON_INTERPRETER=auto_silent
export ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s"

recap() { sed -n '/^PLAY RECAP/,$p' "$1" | grep -E '^[^ ]+ +: ok=' | sed -E 's/ +/ /g; s/ $//' | sort; }
tree() { (cd "$1" && find . -mindepth 1 -printf '%P %y %m %u %l\n' | sort); }

agree=0 total=0
for pb in playbooks/compat/[0-9]*.yml; do
  name=$(basename "$pb" .yml)
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  total=$((total + 1))
  args=$(sed -n 's/^# compat-args: //p' "$pb")
  d="$work/$name"; rm -rf "$d"; mkdir -p "$d/ansible" "$d/drover"; chmod 0777 "$d/ansible" "$d/drover"
  set +e
  # shellcheck disable=SC2086
  ansible-playbook -i "$inv" "$pb" -e target="$d/ansible" $args >"$d/ansible.out" 2>&1; a=$?
  # shellcheck disable=SC2086
  ./drover run -i "$inv" "$pb" -e target="$d/drover" $args >"$d/drover.out" 2>&1; b=$?
  set -e
  problems=()
  [[ $a == "$b" ]] || problems+=("exit ansible=$a drover=$b")
  diff <(recap "$d/ansible.out") <(recap "$d/drover.out") >"$d/recap.diff" || problems+=("recap (see $d/recap.diff)")
  diff <(tree "$d/ansible") <(tree "$d/drover") >"$d/tree.diff" || problems+=("tree (see $d/tree.diff)")
  diff -r --no-dereference "$d/ansible" "$d/drover" >"$d/content.diff" 2>&1 || problems+=("contents (see $d/content.diff)")
  if ((${#problems[@]} == 0)); then agree=$((agree + 1)); echo "agree    $name"; else echo "DISAGREE $name: ${problems[*]}"; fi
done
echo "$agree of $total playbooks agree"
