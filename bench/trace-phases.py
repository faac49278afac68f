#!/usr/bin/env python3
"""Where a playbook task's time goes, phase by phase, from a DROVER_TRACE file (dev.drover.trace.Trace).

Run a playbook with DROVER_TRACE=FILE in the environment of `drover run` (the command worker and
the persist process inherit it when they are started by such a run: `drover persist stop` first),
then:  python3 bench/trace-phases.py FILE

Lines are `<CLOCK_MONOTONIC ns> <pid> <phase> <subject>`, from the command worker (task and host
phases) and the persist process (relay phases). Per task and host, in order:
  task_start -> task_started       the task's start reported to the listeners (journal line, console)
  task_started -> request          the host's thread picks the task up (variables, templating, agent lookup)
  request -> forgets_ready         waiting before the step's request may leave (the previous step's forget)
  forgets_ready -> sent            encoding and writing the request
  sent -> relay_to_agent           the persist process reads it from the socket and writes it to the SSH channel
  relay_to_agent -> agent_frame    SSH both ways, sshd, the agent (the module, e.g. spawning /bin/true)
  agent_frame -> relay_to_cli      the persist process passes the result on
  relay_to_cli -> frame_in         the command worker's host thread reads it
  frame_in -> host_done            result handling (changed_when, register, ...)
  host_done -> host_reported       the result reported to the listeners (journal line, console)
  host_reported -> task_hosts_done the task's last host (the barrier: slowest host - this one)
  task_hosts_done -> next task_start  the strategy between tasks
Prints the median and the 90th percentile of each over all tasks and hosts, in milliseconds.

Per run (from the command worker, for a run a thin client brought), the fixed phases around the tasks:
  worker_accept -> worker_args      the client's request read (it sends as it goes: mostly the client's own start)
  worker_args -> run_start          picocli builds the run command from the arguments
  run_start -> playbook_loaded      configuration, vault, the playbook parsed
  playbook_loaded -> inventory_loaded   options and the inventory
  inventory_loaded -> journal_open  the run lock, the journal and its first lines
  journal_open -> first task_start  the agent pool and the play's set-up
  last task_hosts_done -> runner_done   the play's end: handlers, forgets, the recap's numbers
  runner_done -> exit_sent          the recap and the journal's end
"""
import collections
import statistics
import sys

HOST_PHASES = ['request', 'forgets_ready', 'sent', 'relay_to_agent', 'agent_frame', 'relay_to_cli', 'frame_in',
               'host_done', 'host_reported']
LAST = {'relay_in', 'relay_to_agent', 'sent'}  # a forget and the run leave together: the run's is the last

events = []
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            parts = line.split(None, 3)
            if len(parts) == 4:
                events.append((int(parts[0]), parts[2], parts[3].strip()))
events.sort()

RUN_PHASES = ['worker_accept', 'worker_args', 'run_start', 'playbook_loaded', 'inventory_loaded', 'journal_open',
              'first task_start', 'last task_hosts_done', 'runner_done', 'exit_sent']
runs = []           # per run: {phase: ns}
tasks = []          # [{phase: ns}]
records = []        # per host visit: {phase: ns, 'task': index}
open_rec = {}
for ns, phase, subject in events:
    if phase == 'worker_accept':
        runs.append({phase: ns})
        tasks.append(None)  # a run's first task follows no task of its own run
        continue
    if phase in RUN_PHASES and runs:
        runs[-1].setdefault(phase, ns)
        continue
    if phase == 'task_start' and runs:
        runs[-1].setdefault('first task_start', ns)
    if phase == 'task_hosts_done' and runs:
        runs[-1]['last task_hosts_done'] = ns
    if phase in ('task_start', 'task_started', 'task_hosts_done'):
        if phase == 'task_start':
            tasks.append({})
        if tasks and tasks[-1] is not None:
            tasks[-1].setdefault(phase, ns)
        continue
    if phase == 'request':
        open_rec[subject] = {'request': ns, 'task': len(tasks) - 1, 'host': subject}
        records.append(open_rec[subject])
        continue
    r = open_rec.get(subject)
    if r is None:
        continue
    if phase in LAST and 'agent_frame' not in r:
        r[phase] = ns
    else:
        r.setdefault(phase, ns)

if not records:
    sys.exit('no host phases in ' + ' '.join(sys.argv[1:]) + ' (was DROVER_TRACE set for the command worker?)')
rows = collections.OrderedDict()


def add(name, v):
    rows.setdefault(name, []).append(v / 1e6)


for r in records:
    t = (tasks[r['task']] if 0 <= r['task'] < len(tasks) else None) or {}
    if 'task_started' in t:
        add('task_started -> request', r['request'] - t['task_started'])
    have = [p for p in HOST_PHASES if p in r]
    for a, b in zip(have, have[1:]):
        add(f'{a} -> {b}', r[b] - r[a])
    if 'host_reported' in r and 'task_hosts_done' in t:
        add('host_reported -> task_hosts_done', t['task_hosts_done'] - r['host_reported'])
for a, b in zip(tasks, tasks[1:]):
    if a is None or b is None:
        continue
    if 'task_start' in a and 'task_started' in a:
        add('task: task_start -> task_started', a['task_started'] - a['task_start'])
    if 'task_hosts_done' in a and 'task_start' in b:
        add('task: task_hosts_done -> next task_start', b['task_start'] - a['task_hosts_done'])
        add('task: task_start -> next task_start', b['task_start'] - a['task_start'])


def pct(v, q):
    s = sorted(v)
    return s[min(len(s) - 1, int(q * len(s)))]


print(f'{len(tasks)} tasks, {len(records)} host requests')
print(f'{"phase":42s} {"median":>8s} {"p90":>8s} {"n":>5s}  (ms)')
for name, v in rows.items():
    print(f'{name:42s} {statistics.median(v):8.2f} {pct(v, 0.9):8.2f} {len(v):5d}')
if runs:
    print(f'{len(runs)} runs')
    per = collections.OrderedDict()
    for run in runs:
        have = [p for p in RUN_PHASES if p in run]
        for a, b in zip(have, have[1:]):
            per.setdefault(f'{a} -> {b}', []).append((run[b] - run[a]) / 1e6)
    for name, v in per.items():
        print(f'{name:42s} {statistics.median(v):8.2f} {pct(v, 0.9):8.2f} {len(v):5d}')
