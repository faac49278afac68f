#!/usr/bin/env bash
# lab.sh - a real-OpenSSH test lab on loopback: N sshd daemons on 127.0.0.11, .12, ... one port.
#
#   lab.sh up|down|status [--dir DIR] [--nodes N] [--port P]
#
# Used by the real-OpenSSH test tier (dev.drover.testing.OpenSshLab), by benchmarks and by humans
# trying drover or Ansible against "real" hosts without containers. Linux only (127.0.0.0/8 is
# routed to lo, /proc is read to recognise our daemons). See testbed/lab/README.md.
#
# Login user:
#   run as root      a plain login user `drover` (created if missing: home /home/drover, /bin/bash,
#                    no password; passwordless sudo, see below). Tests must never log in as root
#                    (root's shell start-up on these machines is slow and hides what the tools cost).
#   run as non-root  the invoking user: an sshd that is not root cannot switch users, so it can only
#                    let its own user in.
#
# Become users (root only, and only when sudo is installed; see lab-become.sh): `drover` may sudo
# without a password, a second login user `drover-pw` (same key) needs its password (in
# DIR/become_password), `alfresco-lab` (no login) is a plain target user to become, and `drover-su`
# (/bin/sh, password in DIR/su_password) is the target of `become_method: su`.
#
# Files in DIR (kept across down/up, so host keys and known_hosts stay stable):
#   id_ed25519(.pub)    the client key (no passphrase) for the controller; authorized_keys lists it
#   known_hosts         [127.0.0.1X]:PORT ssh-ed25519 ... for every node
#   inventory.ini       group `nodes` for drover and for real Ansible
#   ssh_config          for humans: ssh -F DIR/ssh_config node1
#   lab.properties      machine-readable description, read by OpenSshLab
#   become_password     drover-pw's password for sudo (mode 0600; only with the become users)
#   su_password         drover-su's password, for su (mode 0600; only with the become users)
#   nodeI/              sshd_config, ssh_host_ed25519_key, sshd.pid, sshd.log
#
# Exit codes: 0 ok, 1 failure (message on stderr), 2 usage, 3 a prerequisite is missing,
# 4 an address cannot be bound (port in use); tests skip on 3 and 4, and fail on anything else.
set -euo pipefail

readonly SSHD=/usr/sbin/sshd
readonly SSH=/usr/bin/ssh
readonly SSH_KEYGEN=/usr/bin/ssh-keygen
readonly LAB_USER=drover
readonly USERS_LOCK=/var/lib/drover-lab/users.lock # held while the machine-wide users are checked and made
readonly MAX_NODES=50
readonly START_TIMEOUT_S=10
readonly EXIT_FAIL=1 EXIT_USAGE=2 EXIT_MISSING=3 EXIT_UNBINDABLE=4

# shellcheck source=testbed/lab/lab-files.sh
source "$(dirname "${BASH_SOURCE[0]}")/lab-files.sh"
# shellcheck source=testbed/lab/lab-become.sh
source "$(dirname "${BASH_SOURCE[0]}")/lab-become.sh"

usage() {
  cat <<'EOF'
usage: lab.sh up|down|status [--dir DIR] [--nodes N] [--port P]
  up      create keys, configs and the login user as needed; start (or keep) N sshd on
          127.0.0.11..; write known_hosts, inventory.ini, ssh_config
  down    stop the lab's sshd daemons (files are kept; rm -rf DIR to forget the lab)
  status  list the nodes; exit 0 only when all are running
options:
  --dir DIR    lab directory (default .drover/lab, relative to the current directory)
  --nodes N    number of nodes, 1..50 (default 3; up only)
  --port P     sshd port on every node address (default 2222; up only)
EOF
}

die() {
  local code=$1
  shift
  printf 'lab.sh: %s\n' "$*" >&2
  exit "$code"
}

# Joins lines into one, for messages; sshd ends its log lines with CR LF.
one_line() { tr -s '\r\n' ' '; }

node_address() { printf '127.0.0.%d' $((10 + $1)); }

# Whether process $1 is alive. A zombie is not: sshd daemons are children of init, and init on
# some machines reaps them only a second or more after they exit.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # the command name in parentheses may hold spaces
  [[ -n $stat && ${stat%% *} != Z ]]
}

# The pid of a running sshd of ours in node directory $1, or nothing. A pid file alone is not
# enough: after a reboot or crash the pid may belong to another process.
running_pid() {
  local node_dir=$1 pid
  [[ -r $node_dir/sshd.pid ]] || return 0
  pid=$(<"$node_dir/sshd.pid")
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 0
  # sshd rewrites its process title but keeps its original arguments in it.
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$node_dir/sshd_config"; then
    printf '%s' "$pid"
  fi
}

stop_node() {
  local node_dir=$1 pid deadline
  pid=$(running_pid "$node_dir")
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 5))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.02; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$node_dir/sshd.pid"
}

node_dirs() { find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'node*' -print | sort -V; }

cmd_down() {
  [[ -d $dir ]] || { echo "lab: nothing in $dir"; return 0; }
  local node_dir stopped=0
  while IFS= read -r node_dir; do
    if [[ -n $(running_pid "$node_dir") ]]; then stopped=$((stopped + 1)); fi
    stop_node "$node_dir"
  done < <(node_dirs)
  echo "lab: stopped $stopped sshd in $dir"
}

cmd_status() {
  if [[ ! -d $dir || -z $(node_dirs) ]]; then
    echo "lab: no lab in $dir"
    return 1
  fi
  local node_dir pid addr rc=0
  while IFS= read -r node_dir; do
    addr=$(sed -n 's/^ListenAddress //p' "$node_dir/sshd_config" 2>/dev/null || true)
    pid=$(running_pid "$node_dir")
    if [[ -n $pid ]]; then
      printf '  %-7s %-18s running (pid %s)\n' "${node_dir##*/}" "$addr" "$pid"
    else
      printf '  %-7s %-18s stopped\n' "${node_dir##*/}" "$addr"
      rc=1
    fi
  done < <(node_dirs)
  return "$rc"
}

ensure_login_user() {
  if ! id -u "$LAB_USER" >/dev/null 2>&1; then
    useradd --create-home --home-dir "/home/$LAB_USER" --shell /bin/bash --user-group "$LAB_USER"
  fi
  # '*' lets no password match, yet is not "locked" ('!'): with UsePAM no, sshd refuses even key
  # logins to an account whose password field starts with '!'.
  if [[ $(getent shadow "$LAB_USER" | cut -d: -f2) != '*' ]]; then
    usermod --password '*' "$LAB_USER"
  fi
  [[ $(getent passwd "$LAB_USER" | cut -d: -f7) == /bin/bash ]] || usermod --shell /bin/bash "$LAB_USER"
  local home
  home=$(getent passwd "$LAB_USER" | cut -d: -f6)
  [[ -d $home ]] || die "$EXIT_FAIL" "login user $LAB_USER has no home directory $home; run: userdel $LAB_USER, then lab.sh up again"
}

# Starts sshd for node $1 unless it runs with the same config already. Prints "started" or "kept".
start_node() {
  local i=$1 node_dir=$dir/node$1 config pid out
  mkdir -p "$node_dir"
  chmod 0755 "$node_dir"
  if [[ ! -f $node_dir/ssh_host_ed25519_key ]]; then
    "$SSH_KEYGEN" -q -t ed25519 -N '' -C "drover-lab node$i" -f "$node_dir/ssh_host_ed25519_key"
  fi
  config=$(node_config "$i")
  pid=$(running_pid "$node_dir")
  if [[ -n $pid && -f $node_dir/sshd_config && $(<"$node_dir/sshd_config") == "$config" ]]; then
    echo kept
    return 0
  fi
  stop_node "$node_dir"
  printf '%s\n' "$config" >"$node_dir/sshd_config"
  : >"$node_dir/sshd.log"
  # Config and host key errors make sshd exit here; it forks into the background before it binds,
  # so bind errors show up in the log only (await_node).
  if ! out=$("$SSHD" -f "$node_dir/sshd_config" -E "$node_dir/sshd.log" 2>&1); then
    die "$EXIT_FAIL" "sshd for node$i failed to start: $(printf '%s\n' "$out" | cat - "$node_dir/sshd.log" \
      | grep -v '^$' | tail -n 3 | one_line)(see $node_dir/sshd.log)"
  fi
  echo started
}

# Waits until node $1 listens. sshd writes its pid file only after its socket is bound, so a live
# pid means connections are accepted. Probing the port instead would log a bogus connection.
await_node() {
  local i=$1 node_dir=$dir/node$1 addr deadline
  addr=$(node_address "$i")
  deadline=$((SECONDS + START_TIMEOUT_S))
  until [[ -n $(running_pid "$node_dir") ]]; do
    if grep -qE 'Address already in use|Cannot assign requested address|Cannot bind any address' \
      "$node_dir/sshd.log"; then
      die "$EXIT_UNBINDABLE" "node$i cannot listen on $addr:$port (port in use? try --port): $(one_line <"$node_dir/sshd.log")"
    fi
    if ((SECONDS >= deadline)); then
      die "$EXIT_FAIL" "node$i did not start listening on $addr:$port within ${START_TIMEOUT_S}s; log tail: $(tail -n 3 "$node_dir/sshd.log" | one_line)"
    fi
    sleep 0.02
  done
}

# Logs in to every node once, in parallel: proves key, user and host keys work end to end, and
# finds the login user's java (the drover agent needs one).
verify_logins() {
  [[ -x $SSH ]] || { java_path="(not checked: no $SSH)"; return 0; }
  local i pids=() status=0
  for ((i = 1; i <= nodes; i++)); do
    "$SSH" -F none -i "$dir/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
      -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes -o ConnectTimeout=5 \
      -p "$port" "$login_user@$(node_address "$i")" 'command -v java || true' \
      >"$dir/node$i/login-check.out" 2>&1 &
    pids+=($!)
  done
  for ((i = 1; i <= nodes; i++)); do
    if ! wait "${pids[i - 1]}"; then
      status=1
      printf 'lab.sh: login to node%d as %s failed: %s\n' "$i" "$login_user" \
        "$(one_line <"$dir/node$i/login-check.out")" >&2
    fi
  done
  ((status == 0)) || die "$EXIT_FAIL" "logins failed; see $dir/node*/sshd.log"
  java_path=$(head -n 1 "$dir/node1/login-check.out")
  if [[ -z $java_path ]]; then
    java_path="NOT FOUND on $login_user's PATH (the drover agent cannot run)"
  fi
}

cmd_up() {
  [[ -x $SSHD ]] || die "$EXIT_MISSING" "openssh-server is not installed (apt-get install openssh-server)"
  [[ -x $SSH_KEYGEN ]] || die "$EXIT_MISSING" "ssh-keygen is not installed (apt-get install openssh-client)"
  local started_at=$EPOCHREALTIME i node_dir users_lock
  if ((EUID == 0)); then
    # The users are machine-wide and several labs may come up at once (the controller's parallel test
    # JVMs, another checkout): one at a time checks and makes them, or two would both run useradd for
    # a missing user and the second would fail. The lock goes with the descriptor when setup is done.
    mkdir -p "$(dirname "$USERS_LOCK")"
    exec {users_lock}>"$USERS_LOCK"
    flock "$users_lock"
    ensure_login_user
    login_user=$LAB_USER
    mkdir -p /run/sshd # privilege separation directory, needed when sshd runs as root
  fi
  ensure_become_users # after the login user, before the nodes: sshd_config lists its users
  if ((EUID == 0)); then exec {users_lock}>&-; fi
  chmod 0755 "$dir"
  if [[ ! -f $dir/id_ed25519 ]]; then
    "$SSH_KEYGEN" -q -t ed25519 -N '' -C "drover-lab client" -f "$dir/id_ed25519"
  fi
  install -m 0644 "$dir/id_ed25519.pub" "$dir/authorized_keys"
  if ((EUID == 0)) && ! runuser -u "$LAB_USER" -- test -r "$dir/authorized_keys"; then
    die "$EXIT_FAIL" "login user $LAB_USER cannot read $dir/authorized_keys (a parent directory is not world-searchable, such as /root); use --dir elsewhere"
  fi

  # On any failure below, leave no half-started lab behind.
  trap 'if (($? != 0)); then cmd_down >/dev/null; fi' EXIT
  local -A outcome=()
  for ((i = 1; i <= nodes; i++)); do
    outcome[$i]=$(start_node "$i")
  done
  # Nodes beyond --nodes from an earlier, larger lab are forgotten, so status and known_hosts agree.
  while IFS= read -r node_dir; do
    i=${node_dir##*/node}
    if [[ $i =~ ^[0-9]+$ ]] && ((i > nodes)); then
      stop_node "$node_dir"
      rm -rf "$node_dir"
    fi
  done < <(node_dirs)
  for ((i = 1; i <= nodes; i++)); do await_node "$i"; done
  write_client_files
  verify_logins
  trap - EXIT

  local elapsed
  elapsed=$(awk -v a="$started_at" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  echo "lab: $nodes nodes up in ${elapsed}s; login user $login_user; java $java_path"
  echo "  become      $become_note"
  for ((i = 1; i <= nodes; i++)); do
    printf '  node%-3d %s:%s  %s  log %s\n' "$i" "$(node_address "$i")" "$port" \
      "${outcome[$i]}" "$dir/node$i/sshd.log"
  done
  echo "  inventory   $dir/inventory.ini"
  echo "  known_hosts $dir/known_hosts"
  echo "  client key  $dir/id_ed25519"
  echo "  try         ssh -F $dir/ssh_config node1"
}

main() {
  [[ $# -ge 1 ]] || { usage >&2; exit "$EXIT_USAGE"; }
  local command=$1
  shift
  dir=.drover/lab
  nodes=3
  port=2222
  login_user=$(id -un)
  java_path=''
  extra_logins=()
  become_note=''
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dir) [[ $# -ge 2 ]] || die "$EXIT_USAGE" "--dir needs a value"; dir=$2; shift 2 ;;
      --nodes) [[ $# -ge 2 ]] || die "$EXIT_USAGE" "--nodes needs a value"; nodes=$2; shift 2 ;;
      --port) [[ $# -ge 2 ]] || die "$EXIT_USAGE" "--port needs a value"; port=$2; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "$EXIT_USAGE" "unknown argument: $1" ;;
    esac
  done
  if ! [[ $nodes =~ ^[0-9]{1,2}$ ]] || ((nodes < 1 || nodes > MAX_NODES)); then
    die "$EXIT_USAGE" "--nodes must be 1..$MAX_NODES, got '$nodes'"
  fi
  if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((port < 1 || port > 65535)); then
    die "$EXIT_USAGE" "--port must be 1..65535, got '$port'"
  fi
  # sshd_config, inventory.ini and lab.properties all take paths unquoted.
  [[ $dir =~ ^[A-Za-z0-9_./+@:-]+$ ]] \
    || die "$EXIT_USAGE" "--dir may hold only letters, digits and _ . / + @ : - (no spaces), got '$dir'"

  case $command in
    up)
      mkdir -p "$dir"
      dir=$(cd "$dir" && pwd -P)
      cmd_up
      ;;
    down | status)
      if [[ -d $dir ]]; then dir=$(cd "$dir" && pwd -P); fi
      "cmd_$command"
      ;;
    -h | --help) usage ;;
    *) usage >&2; die "$EXIT_USAGE" "unknown command: $command" ;;
  esac
}

main "$@"
