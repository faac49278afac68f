#!/usr/bin/env python3
"""What one measured run did, from the files bench/serve-live-cost.sh leaves in its directory.

Counts that do not depend on how busy the machine is tell "the run did more work" apart from
"the same work took longer" (a busy machine, or another vCPU sharing the physical core):
  time     GNU time -f '%e %U %S %w %c': wall, user, system (children included: the local
           agents), voluntary and involuntary context switches (rusage, children included)
  perf     perf stat -x, (optional): task-clock, context switches, migrations, page faults and
           raw_syscalls:sys_enter (every system call of the run and its agents); with
           syscalls:sys_enter_* also each system call's count (sc_<name>)
  journal  the number of lines the run's journal holds
  pid      the run JVM's pid; gc-<pid>.log is its GC log, every other gc-*.log an agent's
  gc-*.log -Xlog:gc* of each JVM (SerialGC): collections, and bytes allocated = what eden held
           before each young collection + what it and the old generation gained outside them
           + what they held at exit (objects allocated straight into the old generation included)

usage: run-counts.py DIR...   prints one JSON object per DIR
"""
import json
import os
import re
import sys

KB = r'(\d+)K\((\d+)K\)->(\d+)K\((\d+)K\)'


def gc_log(path):
    """(collections, bytes allocated) of one JVM's SerialGC log."""
    gcs = 0
    allocated_k = 0
    eden_after = old_after = 0
    eden_exit = old_exit = None
    with open(path, errors='replace') as f:
        for line in f:
            m = re.search(r'Eden: ' + KB, line)
            if m:
                before, after = int(m.group(1)), int(m.group(3))
                allocated_k += before - eden_after
                eden_after = after
                continue
            m = re.search(r'(?:Tenured|Old): ' + KB, line)
            if m:
                allocated_k += max(0, int(m.group(1)) - old_after)
                old_after = int(m.group(3))
                continue
            if re.search(r'\] GC\(\d+\) Pause (Young|Full) .*[\d.]+ms$', line.rstrip()):
                gcs += 1
                continue
            m = re.search(r'eden space (\d+)K, +(\d+)% used', line)
            if m:
                eden_exit = int(m.group(1)) * int(m.group(2)) // 100
                continue
            m = re.search(r'tenured generation +total \d+K, used (\d+)K', line)
            if m:
                old_exit = int(m.group(1))
    if eden_exit is not None:
        allocated_k += max(0, eden_exit - eden_after)
    if old_exit is not None:
        allocated_k += max(0, old_exit - old_after)
    return gcs, allocated_k * 1024


def perf_stat(path):
    out = {}
    if not os.path.exists(path):
        return out
    names = {'task-clock': 'task_clock_ms', 'context-switches': 'perf_context_switches',
             'cpu-migrations': 'migrations', 'page-faults': 'page_faults', 'raw_syscalls:sys_enter': 'syscalls'}
    with open(path) as f:
        for line in f:
            parts = line.strip().split(',')
            if len(parts) < 3:
                continue
            name = names.get(parts[2])
            if name is None and parts[2].startswith('syscalls:sys_enter_'):
                name = 'sc_' + parts[2][len('syscalls:sys_enter_'):]   # SYSCALLS=1: one count per system call
            if name is None:
                continue
            try:
                out[name] = float(parts[0])
            except ValueError:
                pass  # <not supported> / <not counted>
    return out


def one(d):
    out = {}
    with open(os.path.join(d, 'time')) as f:
        last = [l for l in f.read().splitlines() if l.strip()][-1].split()
    wall, user, sys_, vcs, ics = map(float, last[:5])
    out.update(wall=wall, cpu=user + sys_, voluntary_switches=vcs, involuntary_switches=ics)
    out.update(perf_stat(os.path.join(d, 'perf')))
    if os.path.exists(os.path.join(d, 'journal')):
        out['journal_lines'] = float(open(os.path.join(d, 'journal')).read().split()[0])
    pid = open(os.path.join(d, 'pid')).read().strip() if os.path.exists(os.path.join(d, 'pid')) else None
    run_gcs = run_alloc = agents_gcs = agents_alloc = agents = 0
    for name in sorted(os.listdir(d)):
        m = re.fullmatch(r'gc-(\d+)\.log', name)
        if not m:
            continue
        gcs, alloc = gc_log(os.path.join(d, name))
        if m.group(1) == pid:
            run_gcs, run_alloc = gcs, alloc
        else:
            agents += 1
            agents_gcs += gcs
            agents_alloc += alloc
    out.update(run_gcs=run_gcs, run_alloc_mb=run_alloc / 1e6, agent_jvms=agents, agents_gcs=agents_gcs,
               agents_alloc_mb=agents_alloc / 1e6)
    return out


if __name__ == '__main__':
    for d in sys.argv[1:]:
        print(json.dumps(one(d)))
