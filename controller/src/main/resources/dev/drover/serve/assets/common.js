'use strict';
// Shared by the runs list and a run's page: escaping and formatting. No framework, no build step.
const drover = {
  esc(s) {
    return String(s === null || s === undefined ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  },
  duration(ms) {
    if (ms === null || ms === undefined) return '';
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + ' s';
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(r).padStart(2, '0');
  },
  cellDuration(ms) {
    if (ms === null || ms === undefined) return '';
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
  },
  time(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '') : '';
  },
  async json(url) {
    const r = await fetch(url, {credentials: 'same-origin'});
    if (!r.ok) throw new Error(url + ': ' + r.status);
    return r.json();
  },
  // The answer's text, or null when it is the same as last time (the page then stays as it is).
  async changed(url, last) {
    const r = await fetch(url, {credentials: 'same-origin'});
    if (!r.ok) throw new Error(url + ': ' + r.status);
    const text = await r.text();
    return text === last ? null : text;
  },
};
