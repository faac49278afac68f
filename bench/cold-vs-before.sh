#!/usr/bin/env bash
# Cold runs, today's build beside the build from before issue 12 (persist process, thin client,
# AppCDS) and issue 15 (keyed steps, host spool) were started, on the OpenSSH lab, paired runs.
# Issue 12 asks that cold runs stay "no slower than today": first contact, agent upload, a host
# without a persisted connection.
#   exec-fresh   `exec /bin/true` on 3 hosts, first contact: an empty agent cache (the jar is uploaded)
#   exec-cached  the same with the agent jar already cached on the hosts (no upload), no connection held
#   run-fresh    20 `command: /bin/true` tasks x 3 hosts (bench/playbooks/twenty-true.yml), empty agent cache
#   run-cached   the same with the agent jar cached
# "Cold" for today's build: a fresh, empty persist directory per run (nothing held, no command
# worker: the launcher starts the full CLI, which leaves one background JVM that is the persist
# process and a command worker, started only once the CLI has exited, for a next run that never
# comes; it is stopped after the timed run). The
# older build has none of them. Each build uses its own launcher (./drover), so the launcher and
# today's AppCDS archive (trained before the rows) are part of the figure, as a user meets them.
# The fresh agent cache is a new drover_agent_cache directory per run (removed afterwards), so
# other users of the lab's login user and its default cache are not disturbed.
#
# Run by hand from the repository root, as root (the lab creates its plain login user `drover`):
#   bash bench/cold-vs-before.sh [RUNS] [ROWS...]      e.g. bash bench/cold-vs-before.sh 7 exec-fresh run-cached
# Environment:
#   BEFORE      the older commit (default 974d8d6: the design of issues 12 and 15, before either was built)
#   BEFORE_DIR  where its worktree is added and built (default /var/tmp/drover-before-<commit>; must
#               not be under /tmp), or an existing checkout with controller/target/drover.jar
#   MVN_REPO    Maven repository for that build (-Dmaven.repo.local), offline (default: Maven's own)
#   LAB_PORT    (default 2234), LAB_DIR (default .drover/lab-cold; must be world-searchable)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"; shift || true
rows=("$@"); [ ${#rows[@]} -gt 0 ] || rows=(exec-fresh exec-cached run-fresh run-cached)
before="${BEFORE:-974d8d6}"
before_dir="${BEFORE_DIR:-/var/tmp/drover-before-$before}"
lab="${LAB_DIR:-.drover/lab-cold}"
port="${LAB_PORT:-2234}"
case "$lab" in /*) labpath="$lab" ;; *) labpath="$PWD/$lab" ;; esac
now=./drover
old="$before_dir/drover"
mvn_repo=(); [ -n "${MVN_REPO:-}" ] && mvn_repo=(-Dmaven.repo.local="$MVN_REPO")

# The older build: a detached worktree of BEFORE, built offline once.
if [ ! -f "$before_dir/controller/target/drover.jar" ]; then
  [ -d "$before_dir" ] || git worktree add --detach "$before_dir" "$before" >/dev/null
  echo "building $before in $before_dir (a few minutes)..." >&2
  (cd "$before_dir" && mvn -B -q -o "${mvn_repo[@]}" -DskipTests package) >&2
fi
"$now" --version >/dev/null; "$old" --version >/dev/null      # each launcher's own build check first
# Today's launcher trains its AppCDS archive in the background on first use: let it finish, so
# the rows measure the archive a user has from the second command on.
for ((i = 0; i < 600; i++)); do
  compgen -G "${XDG_CACHE_HOME:-$HOME/.cache}/drover/cds/*.lock" >/dev/null || break; sleep 0.2; done

testbed/lab/lab.sh up --dir "$lab" --nodes 3 --port "$port" >/dev/null
home=$(getent passwd drover | cut -d: -f6)
three='node1:node2:node3'
cold="$labpath/cold"; mkdir -p "$cold"

# inventory TAG: the lab's inventory with the agent cache in ~drover/.cache/drover-cold/TAG.
inventory() {
  local f="$cold/inv-$1.ini"
  { cat "$lab/inventory.ini"; echo "drover_agent_cache=.cache/drover-cold/$1"; } >"$f"   # [nodes:vars] is last
  echo "$f"
}
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f (min %.3f, max %.3f)", m, a[1], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
# one BUILD ROW ROUND: runs one command cold; prints "wall_s cpu_s" (cpu: the launcher's process
# tree, user + system; today's background persist process and worker are not in it).
one() {
  local build="$1" row="$2" round="$3" d tag inv f out pd
  d=$([ "$build" = now ] && echo "$now" || echo "$old")
  case "$row" in *-fresh) tag="fresh-$build-$round-$$" ;; *) tag="cached-$build" ;; esac
  inv=$(inventory "$tag")
  pd="$cold/persist-$build-$round-$$"; mkdir -p "$pd"; chmod 700 "$pd"
  local -a cmd
  case "$row" in
    exec-*) cmd=("$d" exec -i "$inv" "$three" -- /bin/true) ;;
    run-*)  cmd=("$d" run --state-dir "$cold/state-$build" -i "$inv" --limit "$three" bench/playbooks/twenty-true.yml) ;;
  esac
  f=$(mktemp)
  out=$(DROVER_PERSIST_DIR="$pd" /usr/bin/time -o "$f" -f '%e %U %S' "${cmd[@]}" 2>&1) \
    || { echo "FAILED: ${cmd[*]}" >&2; echo "$out" | tail -20 >&2; rm -f "$f"; exit 1; }
  awk 'END {printf "%s %.2f\n", $1, $2 + $3}' "$f"; rm -f "$f"
  if [ "$build" = now ]; then
    # The run left the persist process and a command worker (one JVM, started at its exit): wait for both sockets, stop it.
    for ((w = 0; w < 50; w++)); do
      [ -S "$pd/sock" ] && compgen -G "$pd/cmd-*.sock" >/dev/null && break; sleep 0.1; done
    DROVER_PERSIST_DIR="$pd" "$now" persist stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pd"
  case "$row" in *-fresh) rm -rf "${home:?}/.cache/drover-cold/$tag" ;; esac
}
trap 'rm -rf "${home:?}"/.cache/drover-cold/fresh-*-$$' EXIT

echo "$(date -u +%FT%TZ) $(uname -n), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$runs"
echo "now:    $(git rev-parse --short HEAD) $("$now" --version | head -1)"
echo "before: $before ($(git -C "$before_dir" log -1 --format=%cs)) $("$old" --version | head -1)"
# The cached rows' agent caches: one run of each build fills its own.
for b in now old; do one "$b" exec-cached warm >/dev/null || exit 1; done

for row in "${rows[@]}"; do
  case "$row" in exec-fresh|exec-cached|run-fresh|run-cached) ;; *) echo "unknown row: $row" >&2; exit 2 ;; esac
  nw=(); nc=(); ow=(); oc=()
  for ((i = 0; i < runs; i++)); do
    order=(now old); ((i % 2)) && order=(old now)     # paired, the order flips each round
    for b in "${order[@]}"; do
      out=$(one "$b" "$row" "$i") || exit 1
      read -r -a r <<<"$out"
      if [ "$b" = now ]; then nw+=("${r[0]}"); nc+=("${r[1]}"); else ow+=("${r[0]}"); oc+=("${r[1]}"); fi
    done
  done
  printf '%-11s now    %s s, cpu %s s  [%s]\n' "$row" "$(printf '%s\n' "${nw[@]}" | stats)" "$(printf '%s\n' "${nc[@]}" | median)" "${nw[*]}"
  printf '%-11s before %s s, cpu %s s  [%s]\n' "$row" "$(printf '%s\n' "${ow[@]}" | stats)" "$(printf '%s\n' "${oc[@]}" | median)" "${ow[*]}"
  echo "$row  ratio now / before (medians): $(echo "$(printf '%s\n' "${nw[@]}" | median) / $(printf '%s\n' "${ow[@]}" | median)" | bc -l | xargs printf '%.2f')"
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
