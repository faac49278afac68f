'use strict';
// One run's page: the grid of hosts x tasks per play and batch, the gate waiting now, failures,
// recap. The run comes from /api/runs/{id} once; then /api/runs/{id}/changes streams the server's
// model of it (drover.serve.RunModel): a snapshot, then the parts each journal poll changed, as
// [path, value] pairs set here as they come. The page builds no model of its own; it draws what
// it was sent, at most every 300 ms.
(function () {
  let id = decodeURIComponent(location.pathname.split('/')[2] || '');
  let data = null;
  let pending = null;
  let source = null;
  const el = name => document.getElementById(name);

  function status(cell) {
    if (!cell) return '';
    return cell.status + (cell.ignored ? ' (ignored)' : '');
  }

  function renderSummary(run) {
    const end = data.end;
    document.title = 'drover ' + run.playbook_name + ' ' + run.id;
    el('run-id').textContent = run.id;
    el('live').hidden = run.result !== 'running';
    el('summary').innerHTML =
      '<h1><span class="playbook" title="' + drover.esc(run.playbook) + '">' + drover.esc(run.playbook_name) + '</span> ' +
      '<span id="result" class="badge result-' + drover.esc(run.result) + '">' + drover.esc(run.result) +
      (run.exit_code !== null ? ' (' + run.exit_code + ')' : '') + '</span></h1>' +
      '<p class="facts">started ' + drover.esc(drover.time(run.started)) + ' UTC · ' +
      '<span id="duration">' + drover.esc(drover.duration(end ? end.duration_ms : run.duration_ms)) + '</span> · ' +
      'inventory ' + drover.esc(run.inventory.join(', ')) + ' · by ' + drover.esc(run.user) +
      (run.check ? ' · --check' : '') + (data.limit ? ' · --limit ' + drover.esc(data.limit) : '') +
      (run.resumed_from ? ' · resumes <a href="/runs/' + encodeURIComponent(run.resumed_from) + '">' +
        drover.esc(run.resumed_from) + '</a>' : '') + '</p>';
  }

  function renderWaiting() {
    const w = data.waiting || [];
    el('waiting').hidden = w.length === 0;
    const now = Date.now();
    el('waiting').innerHTML = w.map(x =>
      '<div class="gate" data-host="' + drover.esc(x.host) + '">waiting for <b>' + drover.esc(x.host) + '</b>: ' +
      drover.esc(x.name) + ' — ' + drover.esc(x.what) + ', <span class="since" data-since="' + drover.esc(x.since) + '">' +
      Math.max(0, Math.round((now - Date.parse(x.since)) / 1000)) + ' s</span></div>').join('');
  }

  function renderFailures() {
    const f = data.failures || [];
    el('failures').hidden = f.length === 0;
    el('failures').innerHTML = '<h2>Failures</h2>' + f.map(x =>
      '<div class="failure" data-host="' + drover.esc(x.host) + '"><b>' + drover.esc(x.host) + '</b> ' +
      drover.esc(x.status) + ' in <i>' + drover.esc(x.name) + '</i> <span class="muted">' + drover.esc(x.task) + '</span>' +
      '<pre class="message">' + drover.esc(x.message) + '</pre></div>').join('');
  }

  function renderResumed() {
    const r = data.resumed_by || [];
    el('resumed').hidden = r.length === 0;
    el('resumed').innerHTML = r.map(x => 'Resumed as run <a href="/runs/' + encodeURIComponent(x) + '">' +
      drover.esc(x) + '</a>').join('<br>');
  }

  // A serial play's rolling order at a glance: each batch started so far (done, failed, in flight
  // with its task), then the hosts not yet started.
  function renderRolling(p) {
    if (!p.batches.length || p.batches[0].batches <= 1) return '';
    const started = new Set();
    const items = p.batches.map((b, i) => {
      b.hosts.forEach(h => started.add(h));
      const live = !p.ended && !data.end && i === p.batches.length - 1;
      let failed = 0;
      for (const t of b.tasks) {
        for (const h of b.hosts) {
          const c = t.cells[h];
          if (c && !c.ignored && (c.status === 'failed' || c.status === 'unreachable')) failed++;
        }
      }
      const state = live ? 'live' : failed ? 'failed' : 'done';
      const what = live ? (data.running && data.running.play === p.play ? data.running.name : 'running')
        : failed ? failed + ' failed' : 'done';
      return '<li class="step step-' + state + '" data-batch="' + b.batch + '"><b>' + drover.esc(b.hosts.join(', ')) +
        '</b> <span class="muted">batch ' + (b.batch + 1) + ' of ' + b.batches + ', ' + b.tasks.length + ' tasks</span><br>' +
        drover.esc(what) + '</li>';
    });
    const rest = p.hosts.filter(h => !started.has(h));
    if (rest.length && !p.ended && !data.end) {
      items.push('<li class="step step-pending"><b>' + drover.esc(rest.join(', ')) + '</b><br><span class="muted">not started</span></li>');
    }
    return '<ol class="rolling">' + items.join('') + '</ol>';
  }

  function renderGrid() {
    const html = [];
    for (const p of data.plays) {
      const hosts = p.hosts;
      html.push('<div class="play" data-play="' + p.play + '"><h2>PLAY ' + drover.esc(p.name) +
        ' <span class="muted">' + hosts.length + ' hosts' + (p.batches.length > 1 || (p.batches[0] && p.batches[0].batches > 1)
          ? ', serial: ' + (p.batches[0] ? p.batches[0].batches : '?') + ' batches' : '') + '</span></h2>');
      html.push(renderRolling(p));
      html.push('<table class="grid"><thead><tr><th class="task">task</th>' +
        hosts.map(h => '<th class="host">' + drover.esc(h) + '</th>').join('') + '</tr></thead><tbody>');
      for (const b of p.batches) {
        if (b.batches > 1) {
          html.push('<tr class="batch" data-batch="' + b.batch + '"><th colspan="' + (hosts.length + 1) + '">batch ' +
            (b.batch + 1) + ' of ' + b.batches + ': ' + drover.esc(b.hosts.join(', ')) + '</th></tr>');
        }
        for (const t of b.tasks) {
          const current = data.running && data.running.play === p.play && data.running.batch === b.batch &&
            data.running.task === t.task ? ' current' : '';
          html.push('<tr class="task-row' + current + '"><th class="task" title="' + drover.esc(t.task) + '">' +
            (t.kind === 'handler' ? '<span class="muted">handler</span> ' : '') + drover.esc(t.name) + '</th>');
          for (const h of hosts) {
            const c = t.cells[h];
            if (!b.hosts.includes(h)) {
              html.push('<td class="cell out"></td>');
            } else if (!c) {
              html.push('<td class="cell none"></td>');
            } else {
              const cls = 'cell status-' + c.status + (c.ignored ? ' ignored' : '') + (c.replayed_from ? ' replayed' : '');
              const title = (c.message ? c.message : status(c)) + (c.replayed_from ? ' (replayed from run ' + c.replayed_from + ')' : '');
              html.push('<td class="' + drover.esc(cls) + '" data-play="' + p.play + '" data-task="' + drover.esc(t.task) +
                '" data-host="' + drover.esc(h) + '" title="' + drover.esc(title) + '"><span class="st">' +
                drover.esc(status(c)) + '</span> <span class="dur">' + drover.esc(drover.cellDuration(c.duration_ms)) + '</span></td>');
            }
          }
          html.push('</tr>');
        }
      }
      html.push('</tbody></table>');
      if (p.stop) {
        html.push('<p class="stop">Play stopped: ' + drover.esc(p.stop.reason) +
          (p.stop.never_started.length ? '; never started: ' + drover.esc(p.stop.never_started.join(', ')) : '') + '</p>');
      }
      html.push('</div>');
    }
    el('grid').innerHTML = html.join('');
  }

  function renderRecap() {
    const r = data.recap;
    if (!r) { el('recap').innerHTML = ''; return; }
    const cols = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'];
    el('recap').innerHTML = '<h2>PLAY RECAP</h2><table class="recap"><thead><tr><th>host</th>' +
      cols.map(c => '<th>' + c + '</th>').join('') + '</tr></thead><tbody>' +
      Object.keys(r).map(h => '<tr data-host="' + drover.esc(h) + '"><th>' + drover.esc(h) + '</th>' +
        cols.map(c => '<td class="num' + (r[h][c] > 0 && (c === 'failed' || c === 'unreachable') ? ' bad' : '') + '">' +
          drover.esc(r[h][c]) + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
  }

  function render() {
    pending = null;
    if (data.end) {
      data.run.result = data.end.result;
      data.run.exit_code = data.end.exit_code;
    }
    renderSummary(data.run);
    renderWaiting();
    renderResumed();
    renderFailures();
    renderGrid();
    renderRecap();
  }

  function soon() {
    if (!pending) pending = setTimeout(render, 300);
  }

  // Sets value at path (keys and list indexes from data's root; one past a list's end appends).
  function set(path, value) {
    let o = data;
    for (let i = 0; i < path.length - 1; i++) o = o[path[i]];
    o[path[path.length - 1]] = value;
  }

  function listen() {
    // A snapshot first (again after a reconnect), then what changed.
    source = new EventSource('/api/runs/' + encodeURIComponent(id) + '/changes');
    source.addEventListener('snapshot', ev => {
      Object.assign(data, JSON.parse(ev.data));
      soon();
    });
    source.addEventListener('change', ev => {
      for (const [path, value] of JSON.parse(ev.data)) set(path, value);
      soon();
    });
    source.addEventListener('resumed', ev => {
      const r = JSON.parse(ev.data).run_id;
      if (!data.resumed_by.includes(r)) data.resumed_by.push(r);
      soon();
    });
  }

  async function start() {
    try {
      data = await drover.json('/api/runs/' + encodeURIComponent(id));
    } catch (e) {
      el('summary').innerHTML = '<p class="muted">No run ' + drover.esc(id) + ' here (yet). Retrying…</p>';
      setTimeout(start, 1000);
      return;
    }
    if (id !== data.run.id) {
      // /runs/last: the run it names now.
      id = data.run.id;
      history.replaceState(null, '', '/runs/' + encodeURIComponent(id));
    }
    render();
    listen();
  }

  document.getElementById('grid').addEventListener('click', async ev => {
    const td = ev.target.closest('td.cell[data-host]');
    if (!td) return;
    const q = new URLSearchParams({play: td.dataset.play, task: td.dataset.task, host: td.dataset.host});
    const out = await drover.json('/api/runs/' + encodeURIComponent(id) + '/output?' + q);
    el('output-title').textContent = out.host + ' · ' + (out.name || out.task) + ' · ' + out.status;
    const r = out.result || {};
    const parts = [];
    for (const k of ['msg', 'stdout', 'stderr']) {
      if (r[k] !== undefined && r[k] !== '') parts.push('--- ' + k + '\n' + r[k]);
    }
    parts.push('--- result\n' + JSON.stringify(r, null, 2));
    el('output-body').textContent = parts.join('\n');
    el('output').hidden = false;
  });
  el('output-close').addEventListener('click', () => { el('output').hidden = true; });
  setInterval(() => {
    for (const s of document.querySelectorAll('.since')) {
      s.textContent = Math.max(0, Math.round((Date.now() - Date.parse(s.dataset.since)) / 1000)) + ' s';
    }
    if (data && data.run.result === 'running') {
      el('duration').textContent = drover.duration(Date.now() - Date.parse(data.run.started));
    }
  }, 1000);
  start();
})();
