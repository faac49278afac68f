#!/usr/bin/env python3
"""drover's controller time per task per host, from run journals (docs/journal.md).

For every task line with the agent's own timing (`result.delta`, as Ansible's command module
reports it): duration_ms (controller: task start -> result) minus delta (the module on the host).
What is left is the controller, the SSH round trip and the agent's framing: the per-task overhead,
free of how long the host took to run the command. Also: the gap between a task's last result and
the next task's start (the controller alone).

usage: journal-overhead.py JOURNAL.jsonl...
"""
import json
import statistics
import sys
from datetime import datetime


def instant(s):
    s = s.rstrip('Z').replace(' ', 'T')
    if '.' in s:
        whole, frac = s.split('.')
        s = whole + '.' + frac[:6]
    return datetime.fromisoformat(s)


def delta_ms(d):
    h, m, s = d.split(':')
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000


overhead, gaps = [], []
for path in sys.argv[1:]:
    lines = [json.loads(l) for l in open(path) if l.strip()]
    by_task = {}
    for t in lines:
        if t.get('event') == 'task' and 'delta' in (t.get('result') or {}):
            overhead.append(t['duration_ms'] - delta_ms(t['result']['delta']))
            by_task.setdefault(t['task'], []).append(t)
    keys = list(by_task)
    for a, b in zip(keys, keys[1:]):
        end = max(instant(x['time']) for x in by_task[a])
        gaps.append((instant(by_task[b][0]['start']) - end).total_seconds() * 1000)
if not overhead:
    sys.exit('no task lines with the agent\'s timing in ' + ' '.join(sys.argv[1:]))
q = statistics.quantiles(overhead, n=10)
print('controller time per task per host (duration - agent delta): median %.1f ms, p10 %.1f, p90 %.1f (n=%d)'
      % (statistics.median(overhead), q[0], q[-1], len(overhead)))
if gaps:
    print('gap between a task\'s last result and the next task\'s start: median %.1f ms' % statistics.median(gaps))
