// Timeline: events per day, week or month, stacked by PLOVER type.

import { scaleLinear } from 'd3-scale';
import { api } from './api.js';
import { el, field, hash, select, svg } from './dom.js';
import { typeColor } from './colors.js';
import { apiFilters, filterForm, filterSummary } from './filters.js';
import { heading } from './format.js';

const WIDTH = 960;
const HEIGHT = 380;
const M = { top: 14, right: 12, bottom: 78, left: 48 };
const MAX_FILLED = 240; // longer spans show only the periods that have events
const MIN_FILL = 0.25; // and so do spans mostly empty (one old event would squeeze the rest)

const day = (s) => new Date(s + 'T00:00:00Z');
const iso = (d) => d.toISOString().slice(0, 10);

function nextPeriod(period, by) {
  if (by === 'month') {
    const [y, m] = period.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const d = day(period);
  d.setUTCDate(d.getUTCDate() + (by === 'week' ? 7 : 1));
  return iso(d);
}

/** The first and last day a period covers, for the search it links to. */
function periodRange(period, by) {
  if (by === 'month') {
    const [y, m] = period.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0));
    return [`${period}-01`, iso(last)];
  }
  if (by === 'week') {
    const d = day(period);
    d.setUTCDate(d.getUTCDate() + 6);
    return [period, iso(d)];
  }
  return [period, period];
}

/** Every period from the first to the last, or only those with events when that is too many. */
function periodsOf(present, by) {
  if (!present.length) return { periods: [], filled: true };
  const sorted = [...present].sort();
  const all = [];
  let p = sorted[0];
  const last = sorted[sorted.length - 1];
  while (p <= last && all.length <= MAX_FILLED) {
    all.push(p);
    p = nextPeriod(p, by);
  }
  if (all.length > MAX_FILLED || sorted.length / all.length < MIN_FILL) return { periods: sorted, filled: false };
  return { periods: all, filled: true };
}

function chart(counts, by, query) {
  const types = [...new Set(counts.map((c) => c.type || 'untyped'))].sort();
  const present = [...new Set(counts.map((c) => c.period))];
  const { periods, filled } = periodsOf(present, by);
  const stacks = new Map(periods.map((p) => [p, []]));
  for (const c of counts) {
    if (stacks.has(c.period)) stacks.get(c.period).push({ type: c.type || 'untyped', count: c.count });
  }
  const totals = periods.map((p) => stacks.get(p).reduce((n, s) => n + s.count, 0));
  const max = Math.max(1, ...totals);
  const innerW = WIDTH - M.left - M.right;
  const innerH = HEIGHT - M.top - M.bottom;
  const y = scaleLinear().domain([0, max]).nice(6).range([M.top + innerH, M.top]);
  const band = innerW / Math.max(1, periods.length);
  const barW = Math.max(1, Math.min(48, band * 0.8));

  const grid = svg('g', { class: 'axis axis--y' });
  for (const t of y.ticks(Math.min(6, y.domain()[1])).filter(Number.isInteger)) {
    grid.append(
      svg('line', { x1: M.left, x2: WIDTH - M.right, y1: y(t), y2: y(t), class: t ? 'gridline' : 'baseline' }),
      svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end', text: String(t) }));
  }
  grid.append(svg('text', { class: 'axis-title', transform: `translate(12,${M.top + innerH / 2}) rotate(-90)`,
    'text-anchor': 'middle', text: 'events' }));

  const bars = svg('g', { class: 'bars' });
  const base = Object.fromEntries(query);
  delete base.by;
  periods.forEach((period, i) => {
    const x = M.left + i * band + (band - barW) / 2;
    let top = y(0);
    const [since, until] = periodRange(period, by);
    for (const s of stacks.get(period).sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type))) {
      const h = y(0) - y(s.count);
      top -= h;
      const label = `${period}: ${s.count} ${s.type} event${s.count === 1 ? '' : 's'}`;
      const href = hash(['search'], { ...base, type: s.type === 'untyped' ? '' : s.type, since, until });
      bars.append(svg('a', { href, 'aria-label': label },
        svg('rect', { x: x.toFixed(2), y: top.toFixed(2), width: barW.toFixed(2), height: Math.max(0, h).toFixed(2),
          fill: typeColor(s.type, types.indexOf(s.type)), class: 'timeline-bar', testid: 'timeline-bar',
          'data-period': period, 'data-type': s.type, 'data-count': s.count },
        svg('title', { text: label }))));
    }
  });

  // where periods without events were left out, a dashed break between the bars
  const breaks = svg('g', { class: 'breaks' });
  if (!filled) {
    periods.forEach((period, i) => {
      if (!i || nextPeriod(periods[i - 1], by) === period) return;
      const x = M.left + i * band;
      breaks.append(svg('line', { x1: x.toFixed(2), x2: x.toFixed(2), y1: M.top, y2: M.top + innerH, class: 'gap' },
        svg('title', { text: `no events between ${periods[i - 1]} and ${period}` })));
    });
  }

  const xAxis = svg('g', { class: 'axis axis--x' });
  const step = Math.max(1, Math.ceil(periods.length / 18));
  periods.forEach((period, i) => {
    if (i % step) return;
    const cx = M.left + i * band + band / 2;
    const cy = M.top + innerH + 8;
    xAxis.append(
      svg('line', { x1: cx, x2: cx, y1: M.top + innerH, y2: M.top + innerH + 4, class: 'tick' }),
      svg('text', { x: cx, y: cy + 8, transform: `rotate(-40 ${cx} ${cy + 8})`, 'text-anchor': 'end', text: period }));
  });
  xAxis.append(svg('text', { class: 'axis-title', x: M.left + innerW / 2, y: HEIGHT - 4, 'text-anchor': 'middle',
    text: filled ? by : `${by} (only periods with events; dashed lines mark skipped periods)` }));

  const total = totals.reduce((a, b) => a + b, 0);
  const chartNode = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'timeline-svg', id: 'timeline-svg',
    testid: 'timeline-svg', role: 'group', 'aria-label': `${total} events per ${by}, stacked by type` }, grid, breaks, bars, xAxis);

  const legend = el('ul', { class: 'legend legend--types', testid: 'timeline-legend', 'aria-label': 'Event types' },
    types.map((t, i) => el('li', {},
      svg('svg', { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': 'true' },
        svg('rect', { width: 14, height: 14, rx: 2, fill: typeColor(t, i) })),
      ` ${t} (${counts.filter((c) => (c.type || 'untyped') === t).reduce((n, c) => n + c.count, 0)})`)));

  const table = el('details', { class: 'data-table' }, el('summary', {}, 'The counts as a table'),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, by), el('th', { scope: 'col' }, 'type'), el('th', { scope: 'col' }, 'events'))),
      el('tbody', {}, counts.map((c) => el('tr', {}, el('td', {}, c.period), el('td', {}, c.type || 'untyped'),
        el('td', { class: 'num' }, String(c.count))))))));

  return { node: el('div', {}, el('figure', { class: 'timeline-figure' }, chartNode), legend, table), total, filled };
}

export async function render(container, { query }) {
  const by = ['day', 'week', 'month'].includes(query.get('by')) ? query.get('by') : 'week';
  container.append(heading('Timeline'));
  const bySelect = select({ name: 'by', id: 'timeline-by', testid: 'timeline-by' },
    [['day', 'day'], ['week', 'week'], ['month', 'month']], by);
  const byField = field('Per', bySelect).wrap;
  container.append(filterForm(['timeline'], query, { confidence: false, extra: [['by', byField]] }));
  bySelect.addEventListener('change', () => bySelect.form && bySelect.form.requestSubmit());
  const status = el('p', { class: 'count', testid: 'timeline-status', 'aria-live': 'polite' }, 'Loading…');
  container.append(status);
  try {
    const { counts } = await api.timeline(by, apiFilters(query));
    if (!counts.length) {
      status.textContent = 'No dated events match these filters.';
      return;
    }
    const { node, total, filled } = chart(counts, by, query);
    status.textContent = `${total} events per ${by} (${filterSummary(query)})` +
      (filled ? '.' : '; periods without events are left out (dashed lines mark the gaps).') +
      ' Click a bar to list its events.';
    container.append(node);
  } catch (err) {
    status.textContent = err.message;
    status.className = 'error';
  }
}
