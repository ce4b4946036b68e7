// The event filters shared by Search, Map and Timeline. Their state lives in the page's hash
// query (#/map?type=ASSAULT&country=NGA), so a filtered view can be bookmarked and shared.

import { el, field } from './dom.js';
import { PLOVER_TYPES } from './format.js';
import { navigate } from './router.js';

export const FILTER_KEYS = ['type', 'actor', 'country', 'since', 'until', 'happened', 'minconf'];

/** The API's filter parameters from the hash query (happened defaults to true). */
export function apiFilters(query) {
  const out = {};
  for (const key of ['type', 'actor', 'country', 'since', 'until']) {
    const value = (query.get(key) || '').trim();
    if (value) out[key] = key === 'country' ? value.toUpperCase() : value;
  }
  out.happened = query.get('happened') === 'false' ? 'false' : 'true';
  return out;
}

/** The minimum confidence (0..1) to keep, applied in the browser; 0 keeps all. */
export function minConfidence(query) {
  const value = Number(query.get('minconf'));
  return Number.isFinite(value) && value > 0 ? Math.min(value, 1) : 0;
}

export function keepByConfidence(events, min) {
  return min > 0 ? events.filter((e) => (Number(e.confidence) || 0) >= min) : events;
}

let datalistMade = false;

/** One <datalist> of PLOVER types for every type box on the page. */
function typeList() {
  if (!datalistMade || !document.getElementById('plover-types')) {
    const list = el('datalist', { id: 'plover-types' }, PLOVER_TYPES.map((t) => el('option', { value: t })));
    document.body.append(list);
    datalistMade = true;
  }
  return 'plover-types';
}

/**
 * The filter form. route is the page's path (e.g. ['map']); query its current hash query;
 * extra is a list of [key, node] for page-specific fields kept in the same query.
 */
export function filterForm(route, query, { confidence = true, extra = [], keep = [] } = {}) {
  const input = (name, attrs = {}) =>
    el('input', { name, id: 'filter-' + name, value: query.get(name) || '', testid: 'filter-' + name, ...attrs });
  const type = input('type', { list: typeList(), placeholder: 'ASSAULT, Protests, 19…', autocomplete: 'off' });
  const actor = input('actor', { placeholder: 'name or id' });
  const country = input('country', { placeholder: 'NGA', maxlength: '3', size: '4', pattern: '[A-Za-z]{3}',
    title: 'ISO 3166 alpha-3 code' });
  const since = input('since', { placeholder: 'yyyy-mm-dd', maxlength: '10', size: '10' });
  const until = input('until', { placeholder: 'yyyy-mm-dd', maxlength: '10', size: '10' });
  const happened = el('input', { type: 'checkbox', name: 'happened', id: 'filter-happened', testid: 'filter-happened',
    checked: query.get('happened') !== 'false' });
  const fields = [
    field('Type', type, 'PLOVER, ACLED or CAMEO').wrap,
    field('Actor', actor).wrap,
    field('Country', country, 'ISO3').wrap,
    field('Since', since).wrap,
    field('Until', until).wrap,
  ];
  let minconf = null;
  if (confidence) {
    minconf = input('minconf', { type: 'number', min: '0', max: '1', step: '0.05', placeholder: '0', size: '4' });
    fields.push(field('Min. confidence', minconf).wrap);
  }
  for (const [, node] of extra) fields.push(node);
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Event filters', testid: 'filters' },
    fields,
    el('div', { class: 'field field--check' }, happened, el('label', { for: 'filter-happened' }, 'Only events that happened')),
    el('div', { class: 'field field--buttons' },
      el('button', { type: 'submit', testid: 'filter-button' }, 'Filter'),
      el('button', { type: 'reset', class: 'secondary', testid: 'filter-reset' }, 'Clear')));

  const collect = () => {
    const next = new URLSearchParams();
    for (const key of keep) if (query.get(key)) next.set(key, query.get(key));
    const set = (key, value) => { if (value) next.set(key, value); };
    set('type', type.value.trim());
    set('actor', actor.value.trim());
    set('country', country.value.trim().toUpperCase());
    set('since', since.value.trim());
    set('until', until.value.trim());
    if (!happened.checked) next.set('happened', 'false');
    if (minconf) set('minconf', minconf.value.trim());
    for (const [key, node] of extra) {
      const control = node.querySelector('input, select') || node;
      set(key, control.value);
    }
    return next;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate(route, collect());
  });
  form.addEventListener('reset', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const key of keep) if (query.get(key)) next.set(key, query.get(key));
    navigate(route, next);
  });
  return form;
}

/** A one-line account of the active filters, for captions. */
export function filterSummary(query) {
  const parts = [];
  for (const key of ['type', 'actor', 'country', 'since', 'until']) if (query.get(key)) parts.push(`${key} ${query.get(key)}`);
  if (query.get('happened') === 'false') parts.push('including events that did not happen');
  if (minConfidence(query)) parts.push(`confidence ≥ ${minConfidence(query)}`);
  return parts.length ? parts.join(', ') : 'all events that happened';
}
