// How event fields read on the page. Every function returns text or DOM nodes built by dom.js.

import { el, link } from './dom.js';

export const PLOVER_TYPES = ['ACCUSE', 'AGREE', 'AID', 'ASSAULT', 'COERCE', 'CONCEDE', 'CONSULT', 'COOPERATE',
  'MOBILIZE', 'PROTEST', 'REJECT', 'REQUEST', 'RETREAT', 'SANCTION', 'SUPPORT', 'THREATEN'];

export const FACTUALITY = ['asserted', 'reported', 'alleged', 'planned', 'hypothetical', 'negated'];

export const PRECISIONS = ['town', 'near_town', 'district', 'province', 'country', 'region'];

export const PRECISION_LABELS = {
  town: 'town', near_town: 'near a town', district: 'district', province: 'province (approximate)',
  country: 'country only', region: 'region only',
};

const numberFormat = new Intl.NumberFormat('en');

export function num(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '?';
  return numberFormat.format(Number(value));
}

/** "ASSAULT / firearms" */
export function typeText(plover) {
  if (!plover || !plover.type) return 'untyped';
  return plover.mode ? `${plover.type} / ${plover.mode}` : plover.type;
}

/** The date with its precision: "2024-03-14", "2024-03-01 – 2024-03-31 (month)". */
export function dateText(date) {
  if (!date || !date.start) return '';
  const range = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return date.precision && date.precision !== 'day' ? `${range} (${date.precision})` : range;
}

/** The key the server files an actor under: its id, else "name:" and its lower-cased name. */
export function actorKey(actor) {
  if (!actor) return null;
  if (actor.actor_id) return actor.actor_id;
  const name = String(actor.name || actor.text || '').trim().toLowerCase();
  return name ? 'name:' + name : null;
}

export function actorName(actor) {
  if (!actor) return '';
  return actor.name || actor.text || actor.actor_id || '?';
}

/** Actors as links to their pages, comma-separated; "?" when nobody is named. */
export function actorLinks(actors) {
  const list = (actors || []).filter(Boolean);
  if (!list.length) return [el('span', { class: 'muted' }, 'unnamed')];
  const out = [];
  list.forEach((actor, i) => {
    if (i) out.push(', ');
    const key = actorKey(actor);
    const label = actorName(actor);
    const node = key ? link(['actors', key], label, { class: 'actor' }) : el('span', {}, label);
    if (actor.text && actor.name && actor.text !== actor.name) node.setAttribute('title', `"${actor.text}"`);
    out.push(node);
  });
  return out;
}

/** "A → B" with links. */
export function whoWhom(event) {
  return el('span', { class: 'who-whom' }, actorLinks(event.source), el('span', { class: 'arrow', 'aria-label': 'acting on' }, ' → '),
    actorLinks(event.target));
}

/** "Faskari, Katsina, NGA" */
export function placeName(location) {
  if (!location) return '';
  const parts = [location.name, location.admin1, location.country].filter((p, i, all) => p && all.indexOf(p) === i);
  return parts.join(', ');
}

/** The place with its precision as a tag. */
export function placeNode(location) {
  if (!location) return el('span', { class: 'muted' }, 'no place');
  const precision = location.precision || 'unknown';
  return el('span', { class: 'place' }, placeName(location) + ' ',
    el('span', { class: ['precision', 'precision--' + precision], title: 'location precision' },
      PRECISION_LABELS[precision] || precision));
}

const OPEN_HIGH = 9_999_999; // the extractor's "no upper bound" (millions, "more than")

/** One reported number as a range: "killed: 18 people", "killed: ~20,000 or more people". */
export function quantityText(q) {
  const approx = q.approximate ? '~' : '';
  let amount;
  if (q.low === null || q.low === undefined) amount = q.high != null ? `up to ${num(q.high)}` : '?';
  else if (q.high === null || q.high === undefined || q.high >= OPEN_HIGH) amount = `${approx}${num(q.low)} or more`;
  else if (q.high !== q.low) amount = `${approx}${num(q.low)}–${num(q.high)}`;
  else amount = approx + num(q.low);
  return `${q.role || 'count'}: ${amount}${q.unit ? ' ' + q.unit : ''}`;
}

export function quantitiesText(quantities) {
  return (quantities || []).map(quantityText).join('; ');
}

export function confidenceText(value) {
  return value === null || value === undefined ? '' : Number(value).toFixed(2);
}

export function factualityNode(value) {
  return value ? el('span', { class: ['factuality', 'factuality--' + value] }, value) : '';
}

/** Sets document.title and returns the page's <h1> (focusable, for the router to move focus to). */
export function heading(text) {
  document.title = `${text} — eventlens desk`;
  return el('h1', { tabindex: '-1', class: 'page-title' }, text);
}

/**
 * Python counts characters by code point, JavaScript by UTF-16 unit: this turns the server's
 * code-point offsets into string indexes (identical when the text has no astral characters).
 */
export function codePointIndexer(text) {
  if (!/[\uD800-\uDBFF]/.test(text)) return (i) => Math.max(0, Math.min(i, text.length));
  const units = [0];
  for (const ch of text) units.push(units[units.length - 1] + ch.length);
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

/** An evidence sentence with its trigger as <mark class="trigger">. */
export function evidenceNode(evidence, attrs = {}) {
  const node = el('blockquote', { class: 'evidence', testid: 'evidence', ...attrs });
  if (!evidence || !evidence.sentence) {
    node.append(el('span', { class: 'muted' }, 'no evidence sentence'));
    return node;
  }
  const sentence = String(evidence.sentence);
  const trigger = evidence.trigger;
  const at = codePointIndexer(sentence);
  const base = Number(evidence.start) || 0;
  if (trigger && Number.isFinite(trigger.start) && Number.isFinite(trigger.end) && trigger.end > trigger.start) {
    const a = at(trigger.start - base);
    const b = at(trigger.end - base);
    if (a < b && b <= sentence.length) {
      node.append(sentence.slice(0, a), el('mark', { class: 'trigger', testid: 'trigger' }, sentence.slice(a, b)),
        sentence.slice(b));
      return node;
    }
  }
  node.append(sentence);
  return node;
}
