#!/usr/bin/env python3
"""The agent's own cost per keyed `command: /bin/true` step, without SSH or a controller.

Starts the agent jar as the controller would (same JVM flags as AgentBootstrap.java), speaks the
protocol to it over pipes (docs/PROTOCOL.md), sends N keyed steps as a playbook run does (run with
step, grace and ack; the previous step's forget before each run) and reports the agent JVM's CPU
per step (its own and its reaped children's, from /proc/PID/stat), the frames it sent per step,
and the wall time per step. CPU time barely depends on the machine's load; wall time does.
Steps spool under a private temporary HOME, removed at the end.

usage: python3 bench/agent-steps.py [N] [JAR] [-- extra JVM flags]
       e.g. python3 bench/agent-steps.py 300 agent/target/drover-agent.jar
Environment: AGENT_WRAP, a command to start the JVM through (strace -f -c -o FILE counts the system
calls of the warm-up and the N steps; run two N and take the difference).
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
extra = []
if '--' in args:
    extra = args[args.index('--') + 1:]
    args = args[:args.index('--')]
n = int(args[0]) if args else 300
jar = args[1] if len(args) > 1 else 'agent/target/drover-agent.jar'
tck = os.sysconf('SC_CLK_TCK')


def frame(m):
    b = json.dumps(m).encode()
    return struct.pack('>I', len(b)) + b


def read_exact(f, k):
    b = b''
    while len(b) < k:
        c = f.read(k - len(b))
        if not c:
            raise EOFError('agent closed its output')
        b += c
    return b


def read_frame(f):
    k = struct.unpack('>I', read_exact(f, 4))[0]
    return json.loads(read_exact(f, k))


def cpu(pid):
    with open(f'/proc/{pid}/stat') as f:
        s = f.read()
    return sum(int(x) for x in s[s.rindex(')') + 2:].split()[11:15]) / tck


home = tempfile.mkdtemp(prefix='drover-agent-steps-')
try:
    wrap = os.environ.get('AGENT_WRAP', '').split()  # e.g. AGENT_WRAP='strace -f -c -o /tmp/agent.strace'
    p = subprocess.Popen([*wrap, 'java', '-XX:+UseSerialGC', '-Xss1m', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData', *extra, '-jar', jar],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ, HOME=home), bufsize=0)
    marker = b'@@DROVER-AGENT@@1\n'
    seen = b''
    while not seen.endswith(marker):
        seen += read_exact(p.stdout, 1)
    hello = read_frame(p.stdout)
    p.stdin.write(frame({'type': 'hello', 'protocol': 1, 'controller': 'agent-steps.py', 'capabilities': []}))

    def steps(count, base):
        frames = 0
        previous = None
        for i in range(count):
            out = b''
            if previous:
                out += frame({'type': 'forget', 'step': previous})
            previous = f'bench/{base}/{i}/node1'
            out += frame({'type': 'run', 'id': base + i, 'module': 'command', 'args': {'_raw_params': '/bin/true'},
                          'check': False, 'diff': False, 'step': previous, 'grace': 600, 'ack': True})
            p.stdin.write(out)
            while True:
                m = read_frame(p.stdout)
                frames += 1
                if m['type'] == 'result':
                    if m['result'].get('rc') != 0:
                        sys.exit(f'step failed: {m}')
                    break
        p.stdin.write(frame({'type': 'forget', 'step': previous}))
        return frames

    steps(max(50, n // 3), 1_000_000)  # warm-up: class loading, the client compiler
    c0, t0 = cpu(p.pid), time.monotonic()
    frames = steps(n, 2_000_000)
    c1, t1 = cpu(p.pid), time.monotonic()
    p.stdin.write(frame({'type': 'shutdown'}))
    read_frame(p.stdout)
    p.wait()
    with open('/proc/loadavg') as f:
        load = ' '.join(f.read().split()[:3])
    print(f'agent {hello["agent"]} on java {hello["java"]} {" ".join(extra)}: {n} steps, load {load}')
    print(f'  cpu  {(c1 - c0) / n * 1000:.2f} ms per step (agent JVM and its children)')
    print(f'  wall {(t1 - t0) / n * 1000:.2f} ms per step')
    print(f'  frames from the agent per step: {frames / n:.2f}')
finally:
    shutil.rmtree(home, ignore_errors=True)
