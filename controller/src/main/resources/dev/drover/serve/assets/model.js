'use strict';
// A run's grid built in the page from its journal's events (/api/runs/{id}/events), as the server's
// RunModel builds /api/runs/{id}: the same shape (plays, batches, tasks, cells, running, waiting,
// failures, recap), so the page draws either. The server sends each new journal line once; the page
// applies it here instead of fetching the whole run again.
drover.RunModel = class {
  constructor() {
    this.plays = [];
    this.waiting = new Map();
    this.failures = [];
    this.end = null;
    this.current = null;
  }

  apply(type, e) {
    switch (type) {
      case 'play_start':
        this.plays.push({play: e.play, name: e.name, hosts: e.hosts || [], batches: [], stop: null, failed: null, ended: false});
        this.current = null;
        break;
      case 'batch_start':
        this.play(e).batches.push({batch: e.batch, batches: e.batches, hosts: e.hosts || [], tasks: []});
        break;
      case 'task_start': {
        this.settle();
        const p = this.play(e);
        const b = this.batch(p);
        const t = this.task(b, e.task, e.kind, e.name);
        t.name = e.name;
        t.action = e.action;
        for (const h of e.hosts || []) {
          if (!t.cells[h]) t.cells[h] = {status: 'running', start: e.time};
        }
        this.current = {play: p.play, batch: b.batch, t};
        break;
      }
      case 'task':
        this.result(e);
        break;
      case 'waiting':
        this.waiting.set(e.host, {host: e.host, name: e.name, what: e.what, since: e.time});
        break;
      case 'wait_over':
        this.waiting.delete(e.host);
        break;
      case 'play_stop':
        this.play(e).stop = {reason: e.reason, never_started: e.never_started || []};
        break;
      case 'play_end': {
        const p = this.play(e);
        p.failed = e.failed || [];
        p.ended = true;
        this.settle();
        break;
      }
      case 'run_end':
        this.end = e;
        this.waiting.clear();
        this.settle();
        break;
      default:
        // Readers ignore events they do not know (docs/journal.md).
    }
  }

  result(e) {
    const p = this.play(e);
    const t = this.task(this.batch(p), e.task, e.kind || 'task', e.name);
    const cell = {status: e.status, duration_ms: e.duration_ms};
    if (e.ignored) cell.ignored = true;
    if (e.replayed_from) cell.replayed_from = e.replayed_from;
    if (e.delegated_to) cell.delegated_to = e.delegated_to;
    if (e.no_log) cell.no_log = true;
    if (e.status === 'failed' || e.status === 'unreachable') {
      cell.message = e.message;
      if (!e.ignored) {
        this.failures.push({host: e.host, play: p.play, task: t.task, name: t.name, status: e.status, message: e.message});
      }
    }
    t.cells[e.host] = cell;
    this.waiting.delete(e.host);
  }

  // The previous task is over: an include's hosts show 'included', hosts it never reported on leave.
  settle() {
    if (this.current) {
      const t = this.current.t;
      const include = t.action && t.action.startsWith('include_');
      for (const h of Object.keys(t.cells)) {
        if (t.cells[h].status === 'running') {
          if (include) t.cells[h].status = 'included'; else delete t.cells[h];
        }
      }
    }
    this.current = null;
  }

  play(e) {
    for (let i = this.plays.length - 1; i >= 0; i--) {
      if (this.plays[i].play === e.play) return this.plays[i];
    }
    const p = {play: e.play, name: 'play ' + (e.play + 1), hosts: [], batches: [], stop: null, failed: null, ended: false};
    this.plays.push(p);
    return p;
  }

  batch(p) {
    // A journal written before batch_start lines: the play as one batch.
    if (p.batches.length === 0) p.batches.push({batch: 0, batches: 1, hosts: p.hosts, tasks: []});
    return p.batches[p.batches.length - 1];
  }

  task(b, where, kind, name) {
    let t = b.tasks.find(x => x.task === where && x.kind === kind);
    if (!t) {
      t = {task: where, name, kind, cells: {}};
      b.tasks.push(t);
    }
    return t;
  }

  // The parts of /api/runs/{id} this model keeps.
  view() {
    const c = this.current;
    return {
      plays: this.plays,
      running: this.end === null && c ? {play: c.play, batch: c.batch, task: c.t.task, name: c.t.name || c.t.task} : null,
      waiting: [...this.waiting.values()],
      failures: this.failures,
      recap: this.end ? this.end.stats : null,
      end: this.end ? {result: this.end.result, exit_code: this.end.exit_code, duration_ms: this.end.duration_ms} : null,
    };
  }
};
