// Actors: the people, groups and bodies the reports resolved to, most mentioned first.

import { api } from './api.js';
import { el, field, link } from './dom.js';
import { heading } from './format.js';
import { navigate } from './router.js';

export async function render(container, { query }) {
  const name = (query.get('name') || '').trim();
  container.append(heading(name ? `Actors: ${name}` : 'Actors'));
  const input = el('input', { type: 'search', name: 'name', id: 'actor-search', testid: 'actor-search',
    value: name, placeholder: 'police, Boko Haram, NGA-…', maxlength: '200' });
  const form = el('form', { class: 'search-form', role: 'search', 'aria-label': 'Find actors' },
    field('Name or id', input).wrap, el('button', { type: 'submit', testid: 'actor-search-button' }, 'Find'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate(['actors'], input.value.trim() ? { name: input.value.trim() } : undefined);
  });
  const status = el('p', { class: 'count', 'aria-live': 'polite' }, 'Loading…');
  container.append(form, status);
  try {
    const { items } = await api.actors(name || undefined, 200);
    status.textContent = items.length ? `${items.length} actor${items.length === 1 ? '' : 's'}` : 'No actor matches.';
    if (!items.length) return;
    container.append(el('div', { class: 'table-wrap' }, el('table', { class: 'actors', testid: 'actor-table' },
      el('thead', {}, el('tr', {}, ['Name', 'Key', 'Country', 'Sector', 'Reports', 'Also called'].map((h) =>
        el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map((a) => el('tr', { testid: 'actor-row' },
        el('td', {}, link(['actors', a.key], a.name || a.key, { testid: 'actor-link' })),
        el('td', { class: 'mono' }, a.key),
        el('td', {}, a.country || ''),
        el('td', {}, a.sector || ''),
        el('td', { class: 'num' }, String(a.mentions ?? '')),
        el('td', { class: 'aliases' }, (a.aliases || []).slice(0, 8).join(', ') +
          ((a.aliases || []).length > 8 ? ` … (+${a.aliases.length - 8})` : ''))))))));
  } catch (err) {
    status.textContent = err.message;
    status.className = 'error';
  }
}
