'use strict';
// The runs list: newest first, filtered by playbook and result, refreshed every 5 s.
(function () {
  const params = new URLSearchParams(location.search);
  const pb = document.getElementById('filter-playbook');
  const res = document.getElementById('filter-result');
  let last = null;

  function fill(select, values, chosen) {
    const keep = chosen || select.value;
    select.innerHTML = '<option value="">all</option>' +
      values.map(v => '<option value="' + drover.esc(v) + '">' + drover.esc(v) + '</option>').join('');
    select.value = values.includes(keep) ? keep : '';
  }

  async function load() {
    const q = new URLSearchParams();
    if (pb.value || params.get('playbook')) q.set('playbook', pb.value || params.get('playbook'));
    if (res.value || params.get('result')) q.set('result', res.value || params.get('result'));
    const text = await drover.changed('/api/runs?' + q, last);
    if (text === null) return;
    last = text;
    const data = JSON.parse(text);
    fill(pb, data.playbooks, q.get('playbook'));
    fill(res, data.results, q.get('result'));
    params.delete('playbook');
    params.delete('result');
    const rows = data.runs.map(r =>
      '<tr class="run result-' + drover.esc(r.result) + '" data-run="' + drover.esc(r.id) + '">' +
      '<td><a href="/runs/' + encodeURIComponent(r.id) + '">' + drover.esc(r.id) + '</a>' +
      (r.resumed_from ? ' <span class="muted" title="resumed from ' + drover.esc(r.resumed_from) + '">resume</span>' : '') + '</td>' +
      '<td class="playbook" title="' + drover.esc(r.playbook) + '">' + drover.esc(r.playbook_name) + (r.check ? ' <span class="muted">--check</span>' : '') + '</td>' +
      '<td>' + drover.esc(r.inventory.join(', ')) + '</td>' +
      '<td>' + drover.esc(drover.time(r.started)) + '</td>' +
      '<td class="num">' + drover.esc(drover.duration(r.duration_ms)) + '</td>' +
      '<td><span class="badge result-' + drover.esc(r.result) + '">' + drover.esc(r.result) +
      (r.exit_code !== null ? ' (' + r.exit_code + ')' : '') + '</span></td>' +
      '<td class="num" title="' + drover.esc(r.hosts.join(', ')) + '">' + r.hosts.length + '</td>' +
      '<td>' + drover.esc(r.failed_hosts.join(', ')) + '</td>' +
      '<td>' + drover.esc(r.user) + '</td></tr>').join('');
    document.querySelector('#runs tbody').innerHTML = rows;
    document.getElementById('empty').hidden = data.total > 0;
    document.getElementById('count').textContent = data.runs.length + ' of ' + data.total + ' runs';
  }

  pb.addEventListener('change', load);
  res.addEventListener('change', load);
  load();
  setInterval(load, 5000);
})();
