// Search: full-text search of the documents, and the events under the filters, page by page.

import { api, exportUrl } from './api.js';
import { el, field, link, markedSnippet } from './dom.js';
import { eventTable } from './events-table.js';
import { apiFilters, filterForm, filterSummary, keepByConfidence, minConfidence } from './filters.js';
import { heading } from './format.js';
import { navigate } from './router.js';

const PAGE = 50;
const EXPORTS = [['acled', 'ACLED CSV'], ['ucdp', 'UCDP CSV'], ['cameo', 'CAMEO TSV'], ['plover', 'PLOVER JSON'],
  ['geojson', 'GeoJSON'], ['stix', 'STIX 2.1'], ['parquet', 'Parquet']];

function documentSearch(query) {
  const input = el('input', { type: 'search', name: 'q', id: 'search-input', testid: 'search-input',
    value: query.get('q') || '', placeholder: 'words in the articles', maxlength: '500' });
  const form = el('form', { class: 'search-form', role: 'search', 'aria-label': 'Full-text search' },
    field('Search the articles', input).wrap,
    el('button', { type: 'submit', testid: 'search-button', id: 'search-button' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams(query);
    if (input.value.trim()) next.set('q', input.value.trim());
    else next.delete('q');
    navigate(['search'], next);
  });
  return form;
}

async function documentResults(q, out) {
  out.replaceChildren(el('p', { class: 'muted' }, 'Searching…'));
  try {
    const { documents } = await api.search(q, 50);
    if (!documents.length) {
      out.replaceChildren(el('p', { class: 'muted', testid: 'search-empty' }, `No article matches “${q}”.`));
      return;
    }
    out.replaceChildren(
      el('p', { class: 'count' }, `${documents.length} article${documents.length === 1 ? '' : 's'} match “${q}”`),
      el('ol', { class: 'doc-results', testid: 'search-results' }, documents.map((d) =>
        el('li', { testid: 'document-result' },
          el('div', { class: 'doc-title' }, link(['documents', d.id], d.title || d.id, { testid: 'document-link' })),
          el('div', { class: 'doc-meta' }, [d.date, d.source].filter(Boolean).join(' · ')),
          el('p', { class: 'snippet' }, markedSnippet(d.snippet))))));
  } catch (err) {
    out.replaceChildren(el('p', { class: 'error', role: 'alert' }, err.message));
  }
}

export async function render(container, { query }) {
  const q = (query.get('q') || '').trim();
  container.append(heading(q ? `Search: ${q}` : 'Search'));

  const docs = el('div', { class: 'doc-results-wrap', 'aria-live': 'polite' });
  container.append(el('section', { class: 'panel', 'aria-labelledby': 'docs-h' },
    el('h2', { id: 'docs-h' }, 'Articles'), documentSearch(query), docs));
  if (q) documentResults(q, docs);

  const filters = apiFilters(query);
  const min = minConfidence(query);
  const status = el('p', { class: 'count', testid: 'event-count', 'aria-live': 'polite' }, 'Loading events…');
  const table = eventTable([], { caption: 'Events: ' + filterSummary(query) });
  const more = el('button', { type: 'button', class: 'secondary', testid: 'more-button', id: 'more-button', hidden: true },
    'More');
  const exports = el('p', { class: 'exports' }, 'Export these events: ', EXPORTS.map(([format, label], i) => [
    i ? ' · ' : '',
    el('a', { href: exportUrl(format, filters), download: '', testid: 'export-' + format }, label)]));
  container.append(el('section', { class: 'panel', 'aria-labelledby': 'events-h' },
    el('h2', { id: 'events-h' }, 'Events'),
    filterForm(['search'], query, { keep: ['q'] }), exports, status, table.node, more));

  let offset = 0;
  let shown = 0;
  let hidden = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const { items } = await api.events({ ...filters, limit: PAGE, offset });
      offset += items.length;
      const kept = keepByConfidence(items, min);
      hidden += items.length - kept.length;
      shown += kept.length;
      table.add(kept);
      more.hidden = items.length < PAGE;
      status.textContent = shown || hidden
        ? `${shown} event${shown === 1 ? '' : 's'} shown${hidden ? `, ${hidden} below the minimum confidence hidden` : ''}` +
          (more.hidden ? '' : ' (more below)')
        : 'No events match these filters.';
    } catch (err) {
      status.textContent = err.message;
      status.className = 'error';
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  await load();
}
