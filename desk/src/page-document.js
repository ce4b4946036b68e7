// A document: the article as text, each event's sentence shaded and its trigger marked, each
// mark a link to its event.

import { api } from './api.js';
import { dl, el, externalLink, link } from './dom.js';
import { codePointIndexer, factualityNode, heading, typeText } from './format.js';

/**
 * Splits text into runs by the spans it carries: each run knows whether it is inside an event
 * sentence and which mention's trigger (if any) covers it. Offsets are the server's code points.
 */
export function highlightRuns(text, mentions) {
  const at = codePointIndexer(text);
  const sentences = [];
  const triggers = [];
  for (const m of mentions) {
    const ev = m.evidence || {};
    if (Number.isFinite(ev.start) && Number.isFinite(ev.end) && ev.end > ev.start) {
      sentences.push({ a: at(ev.start), b: at(ev.end), m });
    }
    const t = ev.trigger || {};
    if (Number.isFinite(t.start) && Number.isFinite(t.end) && t.end > t.start) {
      triggers.push({ a: at(t.start), b: at(t.end), m });
    }
  }
  const cuts = new Set([0, text.length]);
  for (const s of [...sentences, ...triggers]) {
    cuts.add(s.a);
    cuts.add(s.b);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((x, y) => x - y);
  const runs = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const inSentence = sentences.filter((s) => s.a <= a && b <= s.b).map((s) => s.m);
    const trig = triggers.filter((s) => s.a <= a && b <= s.b).map((s) => s.m);
    const last = runs[runs.length - 1];
    const key = `${inSentence.map((m) => m.id).join(',')}|${trig.map((m) => m.id).join(',')}`;
    if (last && last.key === key) last.b = b;
    else runs.push({ a, b, key, sentence: inSentence, trigger: trig });
  }
  return runs;
}

function eventLabel(m) {
  return `${typeText(m.plover)} — event #${m.happening_id}`;
}

function articleText(text, mentions) {
  const node = el('div', { class: 'document-text', testid: 'document-text', id: 'document-text' });
  for (const run of highlightRuns(text, mentions)) {
    const part = text.slice(run.a, run.b);
    if (run.trigger.length) {
      const m = run.trigger[0];
      const title = run.trigger.map(eventLabel).join('; ');
      const mark = el('mark', { class: 'trigger', testid: 'trigger', title, dataset: { eventId: m.happening_id } }, part);
      node.append(m.happening_id != null
        ? link(['events', m.happening_id], mark, { class: 'trigger-link', 'aria-label': `${part}: ${title}` })
        : mark);
    } else if (run.sentence.length) {
      node.append(el('span', { class: 'sentence', testid: 'sentence', title: run.sentence.map(eventLabel).join('; ') }, part));
    } else {
      node.append(part);
    }
  }
  return node;
}

export async function render(container, { params }) {
  let d;
  try {
    d = await api.document(params.id);
  } catch (err) {
    container.append(heading('Document'), el('p', { class: 'error', role: 'alert', testid: 'not-found' }, err.message));
    return;
  }
  const mentions = d.events || [];
  container.append(heading(d.title || d.id));
  container.append(dl([
    ['Date', d.date ? `${d.date}${d.date_source ? ` (${d.date_source})` : ''}` : ''],
    ['Source', d.source, 'document-source'],
    ['Author', d.author],
    ['Address', d.url ? externalLink(d.url) : ''],
    ['Also carried by', (d.outlets || []).map((o) => (typeof o === 'string' ? o : o.name || JSON.stringify(o))).join(', ')],
    ['Document id', el('code', {}, d.id)],
  ], { testid: 'document-fields' }));
  if ((d.errors || []).length) {
    container.append(el('div', { class: 'warning', role: 'note' }, el('strong', {}, 'Problems reading it: '),
      d.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')));
  }

  container.append(el('section', { class: 'panel', 'aria-labelledby': 'text-h' },
    el('h2', { id: 'text-h' }, 'The article'),
    el('p', { class: 'muted' }, 'Shaded: a sentence that reports an event. Marked: the word that names it; click it to open the event.'),
    articleText(String(d.text || ''), mentions)));

  container.append(el('section', { class: 'panel', 'aria-labelledby': 'events-h' },
    el('h2', { id: 'events-h' }, `Events it reports: ${mentions.length}`),
    mentions.length
      ? el('ol', { class: 'doc-events' }, mentions.map((m) => el('li', { testid: 'document-event' },
        m.happening_id != null ? link(['events', m.happening_id], `#${m.happening_id} ${typeText(m.plover)}`) : typeText(m.plover),
        ' — “', (m.evidence && m.evidence.trigger && m.evidence.trigger.text) || '', '” ', factualityNode(m.factuality))))
      : el('p', { class: 'muted' }, 'No events were found in it.')));
}
