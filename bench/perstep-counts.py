#!/usr/bin/env python3
"""CPU time per task per host, by process, free of the machine's load (issue 12's per-task rows).

Wall times on a loaded 2-core machine say little; CPU seconds of each process taking part in a
step say where a step's cost lies, and barely move with load. This runs the play20 workload
(bench/playbooks/twenty-true.yml, 3 hosts) and its one-task twin alternately on the OpenSSH lab
through drover's persist process, reads each process's CPU (/proc/PID/stat: utime + stime, plus
cutime + cstime for the children it reaped, e.g. the agent's /bin/true) before and after every run,
and prints (play20 - play1) / 19 / 3 per process kind: the cost of one task on one host.

  controller: the command worker (runs the playbook) and the persist process (relays frames), and
              the thin client (fixed per run: its cost should not grow with tasks)
  host:       sshd (the session's channel), the agent JVM and the processes it runs

usage (repository root, as root, lab up: testbed/lab/lab.sh up --dir LAB --nodes 3 --port P):
  python3 bench/perstep-counts.py LAB [ROUNDS]      e.g. python3 bench/perstep-counts.py /var/tmp/lab 5
Environment: DROVER (default ./drover).
"""
import os
import statistics
import subprocess
import sys
import time

lab = os.path.abspath(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
drover = os.environ.get('DROVER', './drover')
persist = os.path.join(lab, 'persist')
env = dict(os.environ, DROVER_PERSIST_DIR=persist, DROVER_PERSIST='300')
inv = os.path.join(lab, 'inventory.ini')
tck = os.sysconf('SC_CLK_TCK')
three = 'node1:node2:node3'


def stat(pid):
    """(ppid, cpu seconds incl. reaped children, comm) of pid, or None when it is gone."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            s = f.read()
    except OSError:
        return None
    comm = s[s.index('(') + 1:s.rindex(')')]
    f = s[s.rindex(')') + 2:].split()
    return int(f[1]), sum(int(x) for x in f[11:15]) / tck, comm


def cmdline(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return ''


def snapshot():
    """CPU seconds by kind: worker, persist, sshd, agent (the lab's first three nodes)."""
    procs = {}
    for d in os.listdir('/proc'):
        if d.isdigit():
            s = stat(int(d))
            if s:
                procs[int(d)] = s
    roots = set()
    for n in (1, 2, 3):
        with open(os.path.join(lab, f'node{n}', 'sshd.pid')) as f:
            roots.add(int(f.read().strip()))
    out = {'worker': 0.0, 'persist': 0.0, 'sshd': 0.0, 'agent': 0.0}
    for pid, (ppid, cpu, comm) in procs.items():
        cl = cmdline(pid)
        if f'--persist-dir {persist}' in cl:
            out['worker' if ' persist work ' in cl else 'persist'] += cpu
            continue
        p, top = pid, None
        while p in procs and p > 1:
            if p in roots:
                top = p
                break
            p = procs[p][0]
        if top is not None and pid != top:
            out['agent' if comm == 'java' else 'sshd'] += cpu
    return out


def run(playbook, state):
    t0 = time.monotonic()
    p = subprocess.Popen([drover, 'run', '--state-dir', os.path.join(lab, state), '-i', inv, '--limit', three,
                          'bench/playbooks/' + playbook], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f'{playbook} failed: {p.stderr.read().decode()[-2000:]}')
    return time.monotonic() - t0, ru.ru_utime + ru.ru_stime


def measured(playbook, state):
    a = snapshot()
    wall, client = run(playbook, state)
    b = snapshot()
    d = {k: b[k] - a[k] for k in a}
    d['client'] = client
    d['wall'] = wall
    return d


with open('/proc/loadavg') as f:
    load = ' '.join(f.read().split()[:3])
print(f'{time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())} {os.cpu_count()} cores, load {load}; rounds {rounds}')
for _ in range(3):  # warm-up: persist process, agents, command worker and its JIT
    run('one-true.yml', 'state1')
    run('twenty-true.yml', 'state20')
r20, r1 = [], []
for i in range(rounds):
    r20.append(measured('twenty-true.yml', 'state20'))
    r1.append(measured('one-true.yml', 'state1'))
kinds = ['worker', 'persist', 'client', 'sshd', 'agent']
per = {k: [(a[k] - b[k]) / 19 / 3 * 1000 for a, b in zip(r20, r1)] for k in kinds + ['wall']}
per['wall'] = [x * 3 for x in per['wall']]  # wall per task (3 hosts in parallel)
for k in kinds + ['wall']:
    v = per[k]
    unit = 'ms wall per task' if k == 'wall' else 'ms cpu per task per host'
    print(f'{k:8s} {statistics.median(v):6.2f} {unit}  (min {min(v):.2f}, max {max(v):.2f})')
ctl = [per['worker'][i] + per['persist'][i] + per['client'][i] for i in range(rounds)]
host = [per['sshd'][i] + per['agent'][i] for i in range(rounds)]
print(f'controller {statistics.median(ctl):6.2f} ms cpu per task per host (worker + persist + client)')
print(f'host       {statistics.median(host):6.2f} ms cpu per task per host (sshd + agent and its children)')
with open('/proc/loadavg') as f:
    print('load after: ' + ' '.join(f.read().split()[:3]))
