// An event: the reconciled fields, every report of it with its evidence, why each report
// joined (the merge history), and the analyst's corrections, splits, merges and grades.

import { api } from './api.js';
import { dl, el, externalLink, field, link, select } from './dom.js';
import {
  actorLinks, confidenceText, dateText, evidenceNode, FACTUALITY, factualityNode, heading, placeNode,
  PLOVER_TYPES, PRECISIONS, PRECISION_LABELS, quantityText, typeText, whoWhom,
} from './format.js';
import { showError, showMessage } from './message.js';
import { reload } from './router.js';
import { syncWriteControls, writeControl } from './token.js';

export const CREDIBILITY = [[1, '1 confirmed'], [2, '2 probably true'], [3, '3 possibly true'], [4, '4 doubtful'],
  [5, '5 improbable'], [6, '6 cannot be judged']];
export const RELIABILITY = [['A', 'A completely reliable'], ['B', 'B usually reliable'], ['C', 'C fairly reliable'],
  ['D', 'D not usually reliable'], ['E', 'E unreliable'], ['F', 'F cannot be judged']];

/** Runs a write with its button busy; shows the result or the server's {detail}, then reloads. */
async function write(button, action, done) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  showMessage('Saving…', 'info');
  try {
    const result = await action();
    const extra = done(result);
    showMessage(...(Array.isArray(extra) ? extra : [extra, 'ok']));
    reload();
  } catch (err) {
    showError(err);
    button.disabled = false;
  } finally {
    button.removeAttribute('aria-busy');
  }
}

const reasonInput = (id) => el('input', { id, name: 'reason', placeholder: 'why (kept with the change)', maxlength: '2000' });

function fieldsList(e) {
  const loc = e.location;
  return dl([
    ['Type / mode', typeText(e.plover), 'event-type'],
    ['CAMEO', e.cameo, 'event-cameo'],
    ['ACLED', e.acled ? [e.acled.event_type, e.acled.sub_event_type].filter(Boolean).join(' / ') : '', 'event-acled'],
    ['Who → whom', whoWhom(e), 'event-actors'],
    ['Place', el('span', {}, placeNode(loc),
      loc && Number.isFinite(loc.lat) ? el('span', { class: 'muted' }, ` ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}`) : null),
    'event-place'],
    ['Date', e.date ? `${dateText(e.date)}${e.date.text ? ` — “${e.date.text}”` : ''}${e.date.from_document_date ? ' (the report’s date)' : ''}` : '', 'event-date'],
    ['Numbers', (e.quantities || []).length
      ? el('ul', { class: 'plain' }, e.quantities.map((q) => el('li', {}, quantityText(q) +
        (q.reports ? ` (${q.reports} report${q.reports === 1 ? '' : 's'})` : ''))))
      : '', 'event-numbers'],
    ['Factuality', factualityNode(e.factuality), 'event-factuality'],
    ['Confidence', confidenceText(e.confidence), 'event-confidence'],
    ['Timeframe', e.timeframe],
    ['Source reliability', e.reliability, 'event-reliability'],
    ['Credibility', e.credibility != null ? String(e.credibility) : '', 'event-credibility'],
    ['Reports', `${e.n_mentions} report${e.n_mentions === 1 ? '' : 's'} in ${e.n_documents} document${e.n_documents === 1 ? '' : 's'} from ${e.n_sources} source${e.n_sources === 1 ? '' : 's'}`, 'event-counts'],
    ['Sources', (e.sources || []).join(', ')],
    ['First / last reported', [e.first_reported, e.last_reported].filter(Boolean).join(' / ')],
  ], { testid: 'event-fields' });
}

function mentionBlock(m, event) {
  const check = writeControl(el('input', { type: 'checkbox', id: `split-${m.id}`, value: String(m.id),
    class: 'split-check', testid: 'split-checkbox', 'aria-label': `Move report ${m.id} to a new event` }));
  const credSelect = select({ id: `cred-${m.id}`, testid: 'credibility-select' },
    [['', '— none —'], ...CREDIBILITY], m.credibility ?? '');
  const credButton = writeControl(el('button', { type: 'submit', class: 'secondary', testid: 'credibility-button' }, 'Grade claim'));
  const credForm = el('form', { class: 'inline-form', 'aria-label': `Credibility of report ${m.id}` },
    field('Credibility', credSelect).wrap, credButton);
  credForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = credSelect.value ? Number(credSelect.value) : null;
    write(credButton, () => api.credibility(m.id, value, ''),
      () => `Report ${m.id}: credibility ${value ?? 'cleared'}.`);
  });

  const outlet = m.document_source;
  let gradeForm = null;
  if (outlet) {
    const relSelect = select({ id: `rel-${m.id}`, testid: 'reliability-select' }, [['', '— none —'], ...RELIABILITY],
      m.source_reliability ?? '');
    const relButton = writeControl(el('button', { type: 'submit', class: 'secondary', testid: 'reliability-button' }, 'Grade outlet'));
    gradeForm = el('form', { class: 'inline-form', 'aria-label': `Reliability of ${outlet}` },
      field(`Reliability of ${outlet}`, relSelect).wrap, relButton);
    gradeForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const value = relSelect.value || null;
      write(relButton, () => api.gradeSource(outlet, value, ''), () => `${outlet}: reliability ${value ?? 'cleared'}.`);
    });
  }

  const typeDiffers = m.plover && event.plover && m.plover.type !== event.plover.type;
  return el('li', { class: 'mention', testid: 'mention', dataset: { mentionId: m.id } },
    el('div', { class: 'mention-head' },
      el('span', { class: 'split-pick' }, check, el('label', { for: check.id, class: 'visually-hidden' }, `Report ${m.id}`)),
      el('strong', { class: 'outlet' }, outlet || 'unknown outlet'),
      m.document_date ? el('span', { class: 'muted' }, ` · ${m.document_date}`) : null,
      ' · ', link(['documents', m.document_id], m.document_title || m.document_id, { testid: 'mention-document-link' }),
      m.document_url ? [' · ', externalLink(m.document_url, 'original')] : null),
    evidenceNode(m.evidence),
    dl([
      ['This report says', el('span', { class: typeDiffers ? 'differs' : '' }, typeText(m.plover))],
      ['Who → whom', el('span', {}, actorLinks(m.source), ' → ', actorLinks(m.target))],
      ['Factuality', factualityNode(m.factuality)],
      ['Attributed to', m.attribution],
      ['Confidence', confidenceText(m.confidence)],
      ['Outlet reliability', m.source_reliability],
      ['Credibility', m.credibility != null ? String(m.credibility) : '', 'mention-credibility'],
      ['Report id', el('code', {}, `${m.id} · ${m.mention_key || ''}`)],
    ], { class: 'fields fields--compact' }),
    el('div', { class: 'mention-tools' }, credForm, gradeForm));
}

function historyTable(links) {
  if (!links || !links.length) return el('p', { class: 'muted' }, 'No linking decisions recorded.');
  return el('div', { class: 'table-wrap' }, el('table', { class: 'history', testid: 'merge-history' },
    el('thead', {}, el('tr', {}, ['Report', 'Joined', 'Score', 'Why', 'Decided by', 'When'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, links.map((l) => el('tr', { testid: 'link-row' },
      el('td', { class: 'mono' }, l.mention_key || ''),
      el('td', { class: 'mono' }, l.joined || '—'),
      el('td', { class: 'num' }, l.score != null ? Number(l.score).toFixed(2) : ''),
      el('td', {}, l.reason || ''),
      el('td', {}, l.decided_by || ''),
      el('td', { class: 'nowrap' }, (l.at || '').replace('T', ' ').slice(0, 19)))))));
}

function decisionsTable(decisions) {
  if (!decisions || !decisions.length) return null;
  return el('div', { class: 'table-wrap' }, el('table', { class: 'history', testid: 'decisions' },
    el('caption', {}, 'Analyst decisions'),
    el('thead', {}, el('tr', {}, ['What', 'Changes', 'Why', 'When'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, decisions.map((d) => {
      const { op, reason, at, id: _id, ...rest } = d;
      const shown = Object.entries(rest).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))
        .map(([k, v]) => [k, Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(', ') : v]);
      return el('tr', {},
        el('td', {}, op || ''),
        el('td', { class: 'mono small changes' }, shown.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n')),
        el('td', {}, reason || ''),
        el('td', { class: 'nowrap' }, (at || '').replace('T', ' ').slice(0, 19)));
    }))));
}

function correctionForms(e) {
  const forms = [];

  // type (and mode)
  const typeSel = select({ id: 'correct-type', testid: 'correct-type-select', name: 'plover_type' },
    PLOVER_TYPES, e.plover && e.plover.type);
  const modeIn = el('input', { id: 'correct-mode', name: 'plover_mode', value: (e.plover && e.plover.mode) || '', testid: 'correct-mode-input' });
  const typeReason = reasonInput('correct-type-reason');
  const typeBtn = writeControl(el('button', { type: 'submit', testid: 'correct-type-button', id: 'correct-type-button' }, 'Correct type'));
  const typeForm = el('form', { class: 'write-form', 'aria-labelledby': 'ct-h' }, el('h3', { id: 'ct-h' }, 'Type'),
    field('PLOVER type', typeSel).wrap, field('Mode', modeIn, 'optional').wrap, field('Reason', typeReason).wrap, typeBtn);
  typeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fields = { plover_type: typeSel.value };
    if (modeIn.value.trim() !== ((e.plover && e.plover.mode) || '')) fields.plover_mode = modeIn.value.trim();
    write(typeBtn, () => api.correct(e.id, fields, typeReason.value), () => `Event #${e.id}: type set to ${typeSel.value}.`);
  });
  forms.push(typeForm);

  // actors: one a line, "name | actor id | ISO3" (id and country optional)
  const actorLines = (list) => (list || []).map((a) => [a.name || a.text || '', a.actor_id || '', a.country || '']
    .join(' | ').replace(/( \| )+$/, '')).join('\n');
  const parseActors = (text) => text.split('\n').map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts[0]).map(([name, actorId, country]) => ({ name, actor_id: actorId || null,
      country: (country || '').toUpperCase() || null }));
  const aSource = el('textarea', { id: 'correct-source', rows: '3', testid: 'correct-source' });
  aSource.value = actorLines(e.source);
  const aTarget = el('textarea', { id: 'correct-target', rows: '3', testid: 'correct-target' });
  aTarget.value = actorLines(e.target);
  const aReason = reasonInput('correct-actors-reason');
  const actorsBtn = writeControl(el('button', { type: 'submit', testid: 'correct-actors-button', id: 'correct-actors-button' }, 'Correct actors'));
  const actorsForm = el('form', { class: 'write-form', 'aria-labelledby': 'ca-h' }, el('h3', { id: 'ca-h' }, 'Actors'),
    field('Who did it', aSource, 'one a line: name | actor id | ISO3').wrap,
    field('To whom', aTarget, 'one a line; may be empty').wrap, field('Reason', aReason).wrap, actorsBtn);
  actorsForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fields = { source: parseActors(aSource.value), target: parseActors(aTarget.value) };
    if (!fields.source.length) {
      showMessage('Name at least one actor who did it.', 'error');
      return;
    }
    write(actorsBtn, () => api.correct(e.id, fields, aReason.value),
      () => `Event #${e.id}: actors set to ${fields.source.map((a) => a.name).join(', ')} → `
        + `${fields.target.map((a) => a.name).join(', ') || 'nobody'}.`);
  });
  forms.push(actorsForm);

  // place
  const loc = e.location || {};
  const pName = el('input', { id: 'correct-place-name', value: loc.name || '', required: true, testid: 'correct-place-name' });
  const pCountry = el('input', { id: 'correct-place-country', value: loc.country || '', maxlength: '3', size: '4', testid: 'correct-place-country' });
  const pAdmin = el('input', { id: 'correct-place-admin1', value: loc.admin1 || '', testid: 'correct-place-admin1' });
  const pLat = el('input', { id: 'correct-place-lat', type: 'number', step: 'any', min: '-90', max: '90', value: loc.lat ?? '', testid: 'correct-place-lat' });
  const pLon = el('input', { id: 'correct-place-lon', type: 'number', step: 'any', min: '-180', max: '180', value: loc.lon ?? '', testid: 'correct-place-lon' });
  const pPrec = select({ id: 'correct-place-precision', testid: 'correct-place-precision' },
    PRECISIONS.map((p) => [p, PRECISION_LABELS[p]]), loc.precision || 'town');
  const pReason = reasonInput('correct-place-reason');
  const placeBtn = writeControl(el('button', { type: 'submit', testid: 'correct-place-button', id: 'correct-place-button' }, 'Correct place'));
  const placeForm = el('form', { class: 'write-form', 'aria-labelledby': 'cp-h' }, el('h3', { id: 'cp-h' }, 'Place'),
    field('Name', pName).wrap, field('Country', pCountry, 'ISO3').wrap, field('Province', pAdmin, 'optional').wrap,
    field('Latitude', pLat).wrap, field('Longitude', pLon).wrap, field('Precision', pPrec).wrap, field('Reason', pReason).wrap,
    placeBtn);
  placeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const location = { name: pName.value.trim(), country: pCountry.value.trim().toUpperCase() || null,
      admin1: pAdmin.value.trim() || null, precision: pPrec.value,
      lat: pLat.value === '' ? null : Number(pLat.value), lon: pLon.value === '' ? null : Number(pLon.value) };
    write(placeBtn, () => api.correct(e.id, { location }, pReason.value),
      () => `Event #${e.id}: place set to ${location.name} (${PRECISION_LABELS[location.precision]}).`);
  });
  forms.push(placeForm);

  // date
  const date = e.date || {};
  const dStart = el('input', { id: 'correct-date-start', type: 'date', value: date.start || '', required: true, testid: 'correct-date-start' });
  const dEnd = el('input', { id: 'correct-date-end', type: 'date', value: date.end || '', testid: 'correct-date-end' });
  const dPrec = select({ id: 'correct-date-precision', testid: 'correct-date-precision' },
    ['day', 'part_of_month', 'month', 'year', 'range', 'open'], date.precision || 'day');
  const dReason = reasonInput('correct-date-reason');
  const dateBtn = writeControl(el('button', { type: 'submit', testid: 'correct-date-button' }, 'Correct date'));
  const dateForm = el('form', { class: 'write-form', 'aria-labelledby': 'cd-h' }, el('h3', { id: 'cd-h' }, 'Date'),
    field('Start', dStart).wrap, field('End', dEnd, 'optional').wrap, field('Precision', dPrec).wrap,
    field('Reason', dReason).wrap, dateBtn);
  dateForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = { start: dStart.value, end: dEnd.value || null, precision: dPrec.value };
    write(dateBtn, () => api.correct(e.id, { date: value }, dReason.value), () => `Event #${e.id}: date set to ${value.start}.`);
  });
  forms.push(dateForm);

  // factuality
  const fSel = select({ id: 'correct-factuality', testid: 'correct-factuality-select' }, FACTUALITY, e.factuality);
  const fReason = reasonInput('correct-factuality-reason');
  const factBtn = writeControl(el('button', { type: 'submit', testid: 'correct-factuality-button' }, 'Correct factuality'));
  const factForm = el('form', { class: 'write-form', 'aria-labelledby': 'cf-h' }, el('h3', { id: 'cf-h' }, 'Factuality'),
    field('Factuality', fSel).wrap, field('Reason', fReason).wrap, factBtn);
  factForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    write(factBtn, () => api.correct(e.id, { factuality: fSel.value }, fReason.value),
      () => `Event #${e.id}: factuality set to ${fSel.value}.`);
  });
  forms.push(factForm);

  // merge
  const mIds = el('input', { id: 'merge-input', testid: 'merge-input', inputmode: 'numeric', placeholder: 'e.g. 17, 23',
    pattern: '[0-9 ,]+', required: true });
  const mReason = reasonInput('merge-reason');
  const mergeBtn = writeControl(el('button', { type: 'submit', testid: 'merge-button', id: 'merge-button' }, 'Merge into this event'));
  const mergeForm = el('form', { class: 'write-form', 'aria-labelledby': 'cm-h' }, el('h3', { id: 'cm-h' }, 'Merge'),
    field('Other event ids', mIds, `their reports join #${e.id}`).wrap, field('Reason', mReason).wrap, mergeBtn);
  mergeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const others = mIds.value.split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n !== e.id);
    if (!others.length) {
      showMessage('Give the id of another event to merge into this one.', 'error');
      return;
    }
    write(mergeBtn, () => api.merge([e.id, ...others], mReason.value),
      (r) => `Merged event${others.length === 1 ? '' : 's'} ${others.map((n) => '#' + n).join(', ')} into #${r.id}.`);
  });
  forms.push(mergeForm);
  return forms;
}

export async function render(container, { params }) {
  const id = params.id;
  let e;
  try {
    e = await api.event(id);
  } catch (err) {
    container.append(heading(`Event ${id}`), el('p', { class: 'error', role: 'alert', testid: 'not-found' }, err.message));
    return;
  }
  container.append(heading(`Event #${e.id}: ${typeText(e.plover)}`));
  container.append(el('p', { class: 'lead' }, whoWhom(e), ' · ', placeNode(e.location), e.date ? ` · ${dateText(e.date)}` : ''));
  container.append(el('section', { class: 'panel', 'aria-label': 'Reconciled fields' }, fieldsList(e)));

  // the reports, with split
  const mentions = e.mentions || [];
  const splitReason = reasonInput('split-reason');
  const splitBtn = writeControl(el('button', { type: 'button', testid: 'split-button', id: 'split-button' },
    'Split the ticked reports into a new event'));
  const list = el('ol', { class: 'mentions', testid: 'mentions' }, mentions.map((m) => mentionBlock(m, e)));
  splitBtn.addEventListener('click', () => {
    const ids = [...list.querySelectorAll('input.split-check:checked')].map((c) => Number(c.value));
    if (!ids.length) {
      showMessage('Tick the reports to move out of this event first.', 'error');
      return;
    }
    write(splitBtn, () => api.split(e.id, ids, splitReason.value), (r) => [
      `Moved ${ids.length} report${ids.length === 1 ? '' : 's'} to a new event: `, 'ok',
      link(['events', r.id], `#${r.id}`, { testid: 'split-result-link' })]);
  });
  container.append(el('section', { class: 'panel', 'aria-labelledby': 'reports-h' },
    el('h2', { id: 'reports-h' }, `Reports: ${mentions.length}`),
    list,
    mentions.length > 1
      ? el('div', { class: 'split-bar' }, field('Reason for the split', splitReason).wrap, splitBtn)
      : el('p', { class: 'muted' }, 'A single report: nothing to split.')));

  container.append(el('section', { class: 'panel', 'aria-labelledby': 'history-h' },
    el('h2', { id: 'history-h' }, 'Merge history: why each report joined'),
    historyTable(e.links), decisionsTable(e.decisions)));

  const forms = el('section', { class: 'panel corrections', 'aria-labelledby': 'correct-h' },
    el('h2', { id: 'correct-h' }, 'Correct this event'),
    el('p', { class: 'muted write-note' }, 'Corrections are kept across re-runs. They need the desk’s token (top right).'),
    el('div', { class: 'write-forms' }, correctionForms(e)));
  container.append(forms);
  syncWriteControls(container);
}
