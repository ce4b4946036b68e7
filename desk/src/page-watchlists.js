// Watchlists: saved queries; each new event that matches one becomes an alert.

import { api } from './api.js';
import { el, field, link } from './dom.js';
import { dateText, heading, placeNode, PLOVER_TYPES, typeText, whoWhom } from './format.js';
import { showError, showMessage } from './message.js';
import { reload } from './router.js';
import { syncWriteControls, writeControl } from './token.js';

function queryText(q) {
  if (!q) return '';
  const parts = [];
  if (q.types && (Array.isArray(q.types) ? q.types.length : q.types)) {
    parts.push('types ' + (Array.isArray(q.types) ? q.types.join(' or ') : q.types));
  }
  for (const key of ['actor', 'country', 'since', 'until']) if (q[key]) parts.push(`${key} ${q[key]}`);
  if (q.happened === false) parts.push('including events that did not happen');
  return parts.join(', ') || 'every event';
}

async function act(button, action, done) {
  button.disabled = true;
  try {
    const result = await action();
    showMessage(done(result), 'ok');
    reload();
  } catch (err) {
    showError(err);
    button.disabled = false;
  }
}

function createForm() {
  const name = el('input', { id: 'watchlist-name', testid: 'watchlist-name', required: true, maxlength: '200' });
  const types = el('input', { id: 'watchlist-types', testid: 'watchlist-types', placeholder: 'ASSAULT, COERCE',
    list: 'watchlist-type-list' });
  const typeList = el('datalist', { id: 'watchlist-type-list' }, PLOVER_TYPES.map((t) => el('option', { value: t })));
  const actor = el('input', { id: 'watchlist-actor', testid: 'watchlist-actor' });
  const country = el('input', { id: 'watchlist-country', testid: 'watchlist-country', maxlength: '3', size: '4', placeholder: 'NGA' });
  const since = el('input', { id: 'watchlist-since', testid: 'watchlist-since', placeholder: 'yyyy-mm-dd', maxlength: '10' });
  const webhook = el('input', { id: 'watchlist-webhook', testid: 'watchlist-webhook', type: 'url', placeholder: 'https://… (optional)' });
  const existing = el('input', { id: 'watchlist-existing', testid: 'watchlist-existing', type: 'checkbox' });
  const button = writeControl(el('button', { type: 'submit', testid: 'watchlist-create-button', id: 'watchlist-create-button' }, 'Save watchlist'));
  const form = el('form', { class: 'write-form write-form--wide', 'aria-labelledby': 'wl-new-h' },
    el('h2', { id: 'wl-new-h' }, 'New watchlist'),
    el('div', { class: 'row' },
      field('Name', name).wrap, field('Types', types, 'comma-separated PLOVER types').wrap, typeList,
      field('Actor', actor, 'optional').wrap, field('Country', country, 'ISO3, optional').wrap,
      field('Since', since, 'optional').wrap, field('Webhook', webhook, 'POSTed each new alert').wrap),
    el('div', { class: 'field field--check' }, existing,
      el('label', { for: existing.id }, 'Alert on events already in the store too')),
    button);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const query = {};
    const list = types.value.split(/[\s,]+/).map((t) => t.trim().toUpperCase()).filter(Boolean);
    if (list.length) query.types = list;
    if (actor.value.trim()) query.actor = actor.value.trim();
    if (country.value.trim()) query.country = country.value.trim().toUpperCase();
    if (since.value.trim()) query.since = since.value.trim();
    const body = { name: name.value.trim(), query, webhook: webhook.value.trim() || null, include_existing: existing.checked };
    act(button, () => api.addWatchlist(body), (w) => `Watchlist “${w.name}” saved.`);
  });
  return form;
}

function watchlistTable(items) {
  if (!items.length) return el('p', { class: 'muted', testid: 'watchlists-empty' }, 'No watchlists yet.');
  return el('div', { class: 'table-wrap' }, el('table', { class: 'watchlists', testid: 'watchlist-table' },
    el('thead', {}, el('tr', {}, ['Name', 'Query', 'Unseen alerts', 'Webhook', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map((w) => {
      const del = writeControl(el('button', { type: 'button', class: 'danger', testid: 'watchlist-delete-button',
        'aria-label': `Delete watchlist ${w.name}` }, 'Delete'));
      del.addEventListener('click', () => {
        if (!window.confirm(`Delete the watchlist “${w.name}” and its alerts?`)) return;
        act(del, () => api.deleteWatchlist(w.id), () => `Watchlist “${w.name}” deleted.`);
      });
      return el('tr', { testid: 'watchlist-row', dataset: { watchlistId: w.id } },
        el('td', {}, w.name),
        el('td', {}, queryText(w.query)),
        el('td', { class: 'num' }, el('span', { class: w.unseen ? 'badge' : 'muted' }, String(w.unseen ?? 0))),
        el('td', { class: 'small' }, w.webhook || ''),
        el('td', {}, del));
    }))));
}

function alertList(alerts, names) {
  if (!alerts.length) return el('p', { class: 'muted', testid: 'alerts-empty' }, 'No alerts.');
  const sorted = [...alerts].sort((a, b) => (a.seen - b.seen) || String(b.at).localeCompare(String(a.at)));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'alerts', testid: 'alert-table' },
    el('thead', {}, el('tr', {}, ['', 'Watchlist', 'Event', 'Who → whom', 'Place', 'Date', 'Alerted', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, sorted.map((a) => {
      const e = a.event || {};
      const seen = writeControl(el('button', { type: 'button', class: 'secondary', testid: 'alert-seen-button' }, 'Mark seen'));
      seen.addEventListener('click', () => act(seen, () => api.seenAlerts([a.id]), () => 'Alert marked seen.'));
      return el('tr', { testid: 'alert-row', class: a.seen ? 'seen' : 'unseen', dataset: { alertId: a.id, seen: a.seen } },
        el('td', {}, a.seen ? el('span', { class: 'muted' }, 'seen') : el('span', { class: 'badge' }, 'new')),
        el('td', {}, names.get(a.watchlist_id) || `#${a.watchlist_id}`),
        el('td', {}, e.id != null ? link(['events', e.id], `#${e.id} ${typeText(e.plover)}`, { testid: 'alert-event-link' }) : ''),
        el('td', {}, e.id != null ? whoWhom(e) : ''),
        el('td', {}, e.id != null ? placeNode(e.location) : ''),
        el('td', { class: 'nowrap' }, dateText(e.date)),
        el('td', { class: 'nowrap small' }, String(a.at || '').replace('T', ' ').slice(0, 16)),
        el('td', {}, a.seen ? '' : seen));
    }))));
}

export async function render(container) {
  container.append(heading('Watchlists'));
  let watchlists;
  let alerts;
  try {
    [{ items: watchlists }, { items: alerts }] = await Promise.all([api.watchlists(), api.alerts({ limit: 500 })]);
  } catch (err) {
    container.append(el('p', { class: 'error', role: 'alert' }, err.message));
    return;
  }
  const names = new Map(watchlists.map((w) => [w.id, w.name]));
  const check = writeControl(el('button', { type: 'button', testid: 'check-alerts-button', id: 'check-alerts-button' }, 'Check now'));
  check.addEventListener('click', () => act(check, () => api.checkAlerts(),
    (r) => `Checked the watchlists: ${r.new} new alert${r.new === 1 ? '' : 's'}.`));
  const unseen = alerts.filter((a) => !a.seen).map((a) => a.id);
  const allSeen = writeControl(el('button', { type: 'button', class: 'secondary', testid: 'alerts-all-seen-button' }, 'Mark all seen'));
  allSeen.disabled = allSeen.disabled || !unseen.length;
  allSeen.addEventListener('click', () => act(allSeen, () => api.seenAlerts(unseen.slice(0, 1000)),
    (r) => `${r.seen} alert${r.seen === 1 ? '' : 's'} marked seen.`));

  container.append(
    el('section', { class: 'panel', 'aria-labelledby': 'wl-h' }, el('h2', { id: 'wl-h' }, `Watchlists: ${watchlists.length}`),
      watchlistTable(watchlists)),
    createForm(),
    el('section', { class: 'panel', 'aria-labelledby': 'al-h' },
      el('h2', { id: 'al-h' }, `Alerts: ${unseen.length} unseen of ${alerts.length}`),
      el('div', { class: 'toolbar' }, check, allSeen),
      alertList(alerts, names)));
  syncWriteControls(container);
  if (!unseen.length) allSeen.disabled = true;
}
