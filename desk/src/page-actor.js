// An actor: what it is, the events it did and suffered, and who acts on whom around it.

import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { scaleLinear, scaleSqrt } from 'd3-scale';
import { api } from './api.js';
import { dl, el, hash, svg } from './dom.js';
import { eventTable } from './events-table.js';
import { heading } from './format.js';

const WIDTH = 900;
const HEIGHT = 560;
const MAX_NODES = 40;

function shorten(text, n = 26) {
  const s = String(text || '');
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Lays the ego network out with d3-force (run to rest at once) and draws it. */
function networkSvg(network, selfKey) {
  let nodes = (network.nodes || []).map((n) => ({ ...n }));
  const self = nodes.find((n) => n.key === selfKey);
  nodes.sort((a, b) => (b.key === selfKey) - (a.key === selfKey) || (b.events || 0) - (a.events || 0));
  const dropped = Math.max(0, nodes.length - MAX_NODES);
  nodes = nodes.slice(0, MAX_NODES);
  const keep = new Set(nodes.map((n) => n.key));
  const edges = (network.edges || []).filter((e) => keep.has(e.source) && keep.has(e.target)).map((e) => ({ ...e }));

  const radius = scaleSqrt().domain([1, Math.max(1, ...nodes.map((n) => n.events || 1))]).range([6, 22]).clamp(true);
  const width = scaleLinear().domain([1, Math.max(1, ...edges.map((e) => e.events || 1))]).range([1.2, 7]).clamp(true);
  for (const n of nodes) n.r = radius(n.events || 1);
  if (self) {
    const s = nodes.find((n) => n.key === selfKey);
    s.fx = 0;
    s.fy = 0;
  }
  const links = edges.filter((e) => e.source !== e.target).map((e) => ({ source: e.source, target: e.target }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.key).distance(120).strength(0.5))
    .force('charge', forceManyBody().strength(-380))
    .force('collide', forceCollide((n) => n.r + 14))
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(0).strength(0.08))
    .force('center', forceCenter(0, 0))
    .stop();
  for (let i = 0; i < 400; i += 1) sim.tick();

  // fit the layout into the picture, leaving room for labels
  const pad = 70;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.min(1.6, (WIDTH - 2 * pad) / Math.max(1, x1 - x0), (HEIGHT - 2 * pad) / Math.max(1, y1 - y0));
  const px = (n) => WIDTH / 2 + (n.x - (x0 + x1) / 2) * k;
  const py = (n) => HEIGHT / 2 + (n.y - (y0 + y1) / 2) * k;
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));

  const edgeLayer = svg('g', { class: 'network-edges' });
  for (const e of edges) {
    const a = byKey.get(e.source);
    const b = byKey.get(e.target);
    const types = Object.entries(e.types || {}).map(([t, n]) => `${t} ${n}`).join(', ');
    const label = `${a.name} → ${b.name}: ${e.events} event${e.events === 1 ? '' : 's'}${types ? ` (${types})` : ''}`;
    let d;
    const [ax, ay, bx, by] = [px(a), py(a), px(b), py(b)];
    if (a === b) {
      const top = ay - a.r;
      d = `M${(ax - 4).toFixed(1)},${top.toFixed(1)} C${(ax - 34).toFixed(1)},${(top - 46).toFixed(1)} ` +
        `${(ax + 34).toFixed(1)},${(top - 46).toFixed(1)} ${(ax + 4).toFixed(1)},${(top - 2).toFixed(1)}`;
    } else {
      // a gentle curve, bent to one side so that A→B and B→A stay apart
      const dx = bx - ax;
      const dy = by - ay;
      const dist = Math.hypot(dx, dy) || 1;
      const bend = pairs.has(`${e.target}\u0000${e.source}`) ? 0.2 : 0.08;
      const cx = (ax + bx) / 2 - dy * bend;
      const cy = (ay + by) / 2 + dx * bend;
      const toward = (x, y, tx, ty, by_) => {
        const l = Math.hypot(tx - x, ty - y) || 1;
        return [x + ((tx - x) / l) * by_, y + ((ty - y) / l) * by_];
      };
      const [sx, sy] = toward(ax, ay, cx, cy, a.r + 1);
      const [ex, ey] = toward(bx, by, cx, cy, b.r + 3);
      d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
      if (dist < a.r + b.r) d = `M${ax},${ay} L${bx},${by}`;
    }
    edgeLayer.append(svg('path', { d, class: 'network-edge', 'stroke-width': width(e.events || 1).toFixed(2),
      'marker-end': 'url(#network-arrow)', testid: 'network-edge', 'data-source': e.source, 'data-target': e.target,
      'data-events': e.events }, svg('title', { text: label })));
  }

  const nodeLayer = svg('g', { class: 'network-nodes' });
  for (const n of nodes) {
    const x = px(n);
    const y = py(n);
    const isSelf = n.key === selfKey;
    const label = `${n.name || n.key}${n.country ? ` (${n.country})` : ''}: ${n.events} event${n.events === 1 ? '' : 's'}`;
    nodeLayer.append(svg('a', { href: hash(['actors', n.key]), class: 'network-node' + (isSelf ? ' network-node--self' : ''),
      testid: 'network-node', 'data-key': n.key, 'aria-label': label },
      svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: n.r.toFixed(1) }),
      svg('text', { x: x.toFixed(1), y: (y + n.r + 13).toFixed(1), 'text-anchor': 'middle', text: shorten(n.name || n.key) }),
      svg('title', { text: label })));
  }

  const defs = svg('defs', {}, svg('marker', { id: 'network-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5,
    markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
  svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'network-arrowhead' })));

  const node = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'network-svg', id: 'actor-network',
    testid: 'actor-network', role: 'group', 'aria-label': `Who acts on whom: ${nodes.length} actors, ${edges.length} links` },
  defs, edgeLayer, nodeLayer);
  return { node, dropped, nodes: nodes.length, edges: edges.length };
}

export async function render(container, { params }) {
  const key = params.key;
  let actor;
  try {
    actor = await api.actor(key, 200);
  } catch (err) {
    container.append(heading('Actor'), el('p', { class: 'error', role: 'alert', testid: 'not-found' }, err.message));
    return;
  }
  container.append(heading(actor.name || actor.key));
  container.append(dl([
    ['Key', el('code', {}, actor.key)],
    ['Knowledge-base id', actor.actor_id],
    ['Country', actor.country],
    ['Sector', actor.sector],
    ['CAMEO actor code', actor.cameo_code],
    ['Reports naming it', actor.mentions != null ? String(actor.mentions) : ''],
    ['Also called', (actor.aliases || []).join(', '), 'actor-aliases'],
  ], { testid: 'actor-fields' }));

  const net = actor.network || { nodes: [], edges: [] };
  const section = el('section', { class: 'panel', 'aria-labelledby': 'net-h' }, el('h2', { id: 'net-h' }, 'Who acts on whom'));
  if ((net.nodes || []).length > 1 || (net.edges || []).length) {
    const drawn = networkSvg(net, actor.key);
    section.append(
      el('p', { class: 'muted' }, `Arrows run from the actor who acts to the one acted on; thicker lines mean more events. ` +
        `Click an actor to open its page.${drawn.dropped ? ` The ${drawn.dropped} least active actors are left out.` : ''}`),
      el('figure', { class: 'network-figure' }, drawn.node));
  } else {
    section.append(el('p', { class: 'muted' }, 'No other actor shares an event with this one.'));
  }
  container.append(section);

  const lists = [['as_source', 'Events it did (as source)'], ['as_target', 'Events done to it (as target)']];
  for (const [field, title] of lists) {
    const events = actor[field] || [];
    const block = el('section', { class: 'panel', testid: field.replace('_', '-'), 'aria-label': title },
      el('h2', {}, `${title}: ${events.length}`));
    block.append(events.length ? eventTable(events).node : el('p', { class: 'muted' }, 'None.'));
    container.append(block);
  }
}
