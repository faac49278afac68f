#!/usr/bin/env bash
# bench/ci-profile.sh [OUT_DIR] [-- COMMAND...]
#
# Where CI's time goes: runs COMMAND (default: CI=true .ci/run) on this checkout in a cgroup of its own,
# so the CPU of every process it starts is counted, daemons included (the OpenSSH lab, the simulated
# ACS nodes, agents, ansible-playbook). Then prints, per test class (slowest first): its wall seconds
# (from a timestamp on every output line), the CPU seconds the whole tree used meanwhile, and the
# ratio: near 2 on these 2-core machines means the class is CPU-bound (only fewer processes or less
# work make it faster); near 0 means it waits (sleeps, timeouts, polls: forks or shorter waits
# help). Also the CPU per kind of process (java -jar acs-sim.jar node run, agents, sshd, ...).
# On a shared machine wall times grow with the load; CPU seconds barely do.
#
# Needs root and the cgroup v1 cpuacct controller (/sys/fs/cgroup/cpuacct), and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-/tmp/ci-profile}; shift || true
[[ ${1:-} == -- ]] && shift
(($# > 0)) || set -- env CI=true bash .ci/run
cg=/sys/fs/cgroup/cpuacct/drover-ci-profile-$$
[[ -d /sys/fs/cgroup/cpuacct && $EUID == 0 ]] || { echo "ci-profile: needs root and cgroup v1 cpuacct" >&2; exit 3; }
mkdir -p "$out" "$cg"
trap 'rmdir "$cg" 2>/dev/null || true' EXIT

python3 - "$cg" "$out" <<'PY' &
# Sampler: every 0.5 s the cgroup's CPU (cpu.txt) and each process's CPU, by (pid, start time) (procs.txt).
import os, sys, time
cg, out = sys.argv[1], sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")
seen = {}
with open(out + "/cpu.txt", "w") as cpu:
    while os.path.isdir(cg):
        try:
            pids = [int(p) for p in open(cg + "/cgroup.procs").read().split()]
            cpu.write("%.2f %s\n" % (time.time(), open(cg + "/cpuacct.usage").read().strip())); cpu.flush()
        except OSError:
            break
        for pid in pids:
            try:
                st = open("/proc/%d/stat" % pid).read()
                f = st[st.rindex(")") + 2:].split()
                c = (int(f[11]) + int(f[12])) / hz
                cmd = open("/proc/%d/cmdline" % pid, "rb").read().replace(b"\0", b" ").replace(b"\n", b" ").decode(errors="replace")[:300]
                key = (pid, f[19])
                if key not in seen or c >= seen[key][0]:
                    seen[key] = (c, cmd if cmd.strip() else seen.get(key, (0, ""))[1])
            except (OSError, ValueError):
                pass
        time.sleep(0.5)
with open(out + "/procs.txt", "w") as f:
    for (pid, _), (c, cmd) in seen.items():
        f.write("%d %.2f %s\n" % (pid, c, cmd))
PY
sampler=$!

start=$(date +%s)
set +e
(
  echo $BASHPID > "$cg/cgroup.procs"
  exec "$@" 2>&1
) | python3 -u -c '
import sys, time
for line in sys.stdin:
    sys.stdout.write("%.2f %s" % (time.time(), line)); sys.stdout.flush()' > "$out/log.txt"
rc=${PIPESTATUS[0]}
set -e
# Whatever the command left running still counts: the sampler stops when the cgroup is empty.
while [[ -n $(cat "$cg/cgroup.procs") ]]; do sleep 1; done
rmdir "$cg"; wait "$sampler" || true
echo "ci-profile: exit $rc, wall $(($(date +%s) - start)) s; log, CPU samples and processes in $out"

python3 - "$out" <<'PY'
import sys, re, bisect, collections
out = sys.argv[1]
S = [tuple(map(float, l.split())) for l in open(out + "/cpu.txt") if len(l.split()) == 2]
ts = [s[0] for s in S]
def cpu(t):
    i = min(max(bisect.bisect_left(ts, t), 1), len(S) - 1)
    (t0, c0), (t1, c1) = S[i - 1], S[i]
    return (c0 + (c1 - c0) * (t - t0) / max(t1 - t0, 1e-9)) / 1e9
start, rows, modules, first, last, module = {}, [], [], None, None, None
for line in open(out + "/log.txt", errors="replace"):
    head, _, text = line.partition(" ")
    try:
        t = float(head)
    except ValueError:
        continue
    first = first or t; last = t
    m = re.search(r"Building (drover[^\[]*?)\s+0\.1", text)
    if m:
        modules.append((m.group(1).strip(), t))
    m = re.search(r"Running (dev\.drover\.\S+)", text)
    if m:
        start[m.group(1)] = t
    m = re.search(r"Tests run: (\d+).*Time elapsed: ([0-9.]+) s.* in (dev\.drover\.\S+)", text)
    if m and m.group(3) in start:
        t0 = start.pop(m.group(3))
        rows.append((t - t0, cpu(t) - cpu(t0), int(m.group(1)), m.group(3)))
print("\n%8s %8s %6s %6s  %s" % ("wall s", "cpu s", "cpu/w", "tests", "class (slowest 40)"))
for w, c, n, name in sorted(rows, reverse=True)[:40]:
    print("%8.1f %8.1f %6.2f %6d  %s" % (w, c, c / w if w else 0, n, name))
print("all %d classes: wall %.0f s, cpu %.0f s" % (len(rows), sum(r[0] for r in rows), sum(r[1] for r in rows)))
print("\nmodule starts (s after the first line): " + ", ".join("%s +%.0f" % (n, t - first) for n, t in modules))
print("whole run: wall %.0f s, cpu %.0f s" % (last - first, cpu(last) - cpu(first)))
kinds = collections.Counter(); count = collections.Counter()
rules = [("acs-sim node (simulated ACS JVM)", r"acs-sim\.jar node run"), ("acs-sim tools (dist, seed, fingerprint, mmt)", r"acs-sim\.jar|alfresco-mmt"),
         ("drover agent JVM", r"-jar \S*/\.cache/drover|drover-agent|[0-9a-f]{64}\.jar"), ("surefire test JVM", r"surefirebooter"),
         ("maven", r"plexus-classworlds"), ("ansible", r"ansible|AnsiballZ"), ("postgres", r"postgres"), ("sshd", r"^sshd"),
         ("chromium", r"chrom"), ("other java", r"java"), ("shells and tools", r".")]
for l in open(out + "/procs.txt"):
    pid, c, cmd = (l.rstrip("\n").split(" ", 2) + ["", ""])[:3]
    if not re.fullmatch(r"[0-9.]+", c):
        continue  # the tail of a command line with a newline (older samples)
    kind = next((k for k, rx in rules if re.search(rx, cmd)), "shells and tools")
    kinds[kind] += float(c); count[kind] += 1
print("\nCPU by kind of process (sampled every 0.5 s: a process that lived less is partly missed)")
for k, c in kinds.most_common():
    print("%8.0f s %6d processes  %s" % (c, count[k], k))
PY
exit "$rc"
