#!/usr/bin/env bash
# bench/acs-cluster-upgrade.sh [STARTUP_MS] [UPGRADE_MS]
#
# Wall time of the three-node ACS cluster upgrade (playbooks/acs-cluster-upgrade.yml) on the
# testbed, and how much of it is drover's own overhead: everything that is not the simulator
# starting or stopping (its configured start time plus its JVM) or data copying (backup, restore). Runs the end-to-end test
# AcsClusterUpgradeTest#upgradesEveryNode... (three OpenSSH nodes, a PostgreSQL lab database, the
# simulator seeded with a repository) with the given simulator delays, then reads the run's
# journal: tasks on several hosts at once count once (their longest host), so the categories add
# up to the wall time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
startup=${1:-3000}
upgrade=${2:-10000}
state=controller/target/drover-state-1/runs # the one test JVM's (-Ddrover.testForks=1 below)
mvn -q -B -ntp package -DskipTests >/dev/null
before=$(ls "$state" 2>/dev/null | grep -v last | wc -l || true)
mvn -q -B -ntp -o test -pl controller -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='AcsClusterUpgradeTest#upgradesEveryNodeInOrderWithTheSchemaUpgradedOnceAndNoDataLost' -Ddrover.testForks=1 \
  -Ddrover.acs.startupDelayMs="$startup" -Ddrover.acs.upgradeDelayMs="$upgrade" >/dev/null
journal=$(grep -l '"playbook":"[^"]*acs-cluster-upgrade.yml"' "$state"/*/journal.jsonl | xargs ls -t | head -n 1)
python3 - "$journal" "$startup" "$upgrade" <<'PY'
import json, sys
journal, startup, upgrade = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
events = [json.loads(l) for l in open(journal)]
total = next(e for e in events if e["event"] == "run_end")["duration_ms"]
groups = []  # runs of consecutive lines of one task (hosts in parallel)
for e in (e for e in events if e["event"] == "task"):
    key = (e["play"], e["task"])
    if groups and groups[-1][0] == key:
        groups[-1][2] = max(groups[-1][2], e["duration_ms"])
    else:
        groups.append([key, e["name"], e["duration_ms"], e["action"]])
def category(name, action):
    if name in ("Wait for the success line",):
        return "node start (until the success line)"
    if name.startswith("Stop ACS") or name.startswith("Wait until the node no longer answers"):
        return "node stop"
    if action in ("archive", "unarchive") or name.startswith(("Dump", "Restore the dump", "PostgreSQL", "Verify the backup")) \
            or "manifest" in name.lower():
        return "data copying (backup, restore, verify)"
    return "everything else (drover, small commands)"
sums = {}
for key, name, ms, action in groups:
    c = category(name, action)
    sums[c] = sums.get(c, 0) + ms
starts = sum(1 for e in events if e["event"] == "task" and e["name"] == "Wait for the success line")
configured = starts * startup + upgrade
print(f"three-node ACS upgrade, simulator start {startup} ms (+{upgrade} ms schema upgrade), journal {journal}")
print(f"  wall time                               {total/1000:8.1f} s")
for c in sorted(sums):
    print(f"  {c:40s}{sums[c]/1000:8.1f} s")
print(f"  simulator's configured start time       {configured/1000:8.1f} s  ({starts} starts)")
rest = sums.get("everything else (drover, small commands)", 0)
tasks = sum(1 for e in events if e["event"] == "task")
print(f"  outside the simulator's starts and stops and data copying: {rest/1000:.1f} s = {100*rest/total:.0f}% of the wall time,")
print(f"  over {len(groups)} task steps ({tasks} task results); it includes the MMT's and the database clients' own JVM/process starts")
PY
