// The list of events used by Search, the actor page and the alerts: one row per event.

import { el, link } from './dom.js';
import {
  confidenceText, dateText, factualityNode, placeNode, quantitiesText, typeText, whoWhom,
} from './format.js';

const COLUMNS = ['Event', 'Date', 'Type / mode', 'Who → whom', 'Place', 'Numbers', 'Factuality', 'Conf.', 'Sources'];

export function eventRow(event) {
  const sources = (event.sources || []).join(', ');
  return el('tr', { testid: 'event-row', dataset: { eventId: event.id } },
    el('td', {}, link(['events', event.id], '#' + event.id, { testid: 'event-link' })),
    el('td', { class: 'nowrap' }, dateText(event.date) || el('span', { class: 'muted' }, 'undated')),
    el('td', {}, link(['events', event.id], typeText(event.plover), { class: 'type type--' + ((event.plover && event.plover.type) || 'none') })),
    el('td', {}, whoWhom(event)),
    el('td', {}, placeNode(event.location)),
    el('td', {}, quantitiesText(event.quantities)),
    el('td', {}, factualityNode(event.factuality)),
    el('td', { class: 'num' }, confidenceText(event.confidence)),
    el('td', { class: 'num', title: sources }, String(event.n_sources ?? '')));
}

/** A table of events; returns {node, add(events)} so that "more" can append pages. */
export function eventTable(events = [], { caption, testid = 'event-table' } = {}) {
  const body = el('tbody');
  const table = el('table', { class: 'events', testid },
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col' }, c)))),
    body);
  const add = (more) => {
    for (const event of more) body.append(eventRow(event));
  };
  add(events);
  return { node: el('div', { class: 'table-wrap' }, table), add, body };
}
