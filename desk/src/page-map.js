// Map: the events on a world basemap that ships with the desk (world-atlas country shapes).
// Precision stays visible: a point only for town, near-town and district places; a dashed ring
// for a province (its centre, an approximate position); a shaded country for events known only
// to the country. Region-level and unplaced events are counted but not drawn.
// When the server names a tile server (GET /api/config: tiles), the map turns Web Mercator and
// draws those raster tiles under the country outlines; without one it needs nothing but the desk.

import { geoGraticule10, geoMercator, geoNaturalEarth1, geoPath } from 'd3-geo';
import { scaleLinear } from 'd3-scale';
import { feature } from 'topojson-client';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { api } from './api.js';
import { el, hash, safeUrl, svg } from './dom.js';
import { apiFilters, filterForm, filterSummary, keepByConfidence, minConfidence } from './filters.js';
import { dateText, heading, placeName, PRECISION_LABELS, typeText } from './format.js';
import { atlasKey, featureKey } from './iso.js';

const WIDTH = 960;
const HEIGHT = 500;
const POINT = new Set(['town', 'near_town', 'district']);
const MAX_EVENTS = 5000;
const PAGE = 500;

// raster tiles (XYZ / "slippy map", Web Mercator, 256 px)
const TILE_PX = 256;
const MAX_TILES = 64;
const MAX_TILE_ZOOM = 19;
const MAX_LAT = 85.0511; // where the Web Mercator square ends
const TOP_LAT = 75; // the tiled map's top edge at the whole-world view (it spans about 75°N to 58°S)

let worldPromise = null;
let configPromise = null;

/** The country shapes, fetched once from the bundled asset. */
function world() {
  if (!worldPromise) {
    worldPromise = fetch(worldUrl)
      .then((r) => {
        if (!r.ok) throw new Error('the basemap did not load (' + r.status + ')');
        return r.json();
      })
      .then((topo) => feature(topo, topo.objects.countries).features)
      .catch((err) => {
        worldPromise = null;
        throw err;
      });
  }
  return worldPromise;
}

/**
 * The tile server the desk is set up with, fetched once: {template, attribution}; template is
 * null when there is none (or the server is too old to say), and the map is drawn without tiles.
 */
function tileConfig() {
  if (!configPromise) {
    configPromise = api.config()
      .then((config) => {
        const template = config && typeof config.tiles === 'string' ? config.tiles : null;
        const usable = template && ['{z}', '{x}', '{y}'].every((k) => template.includes(k)) &&
          safeUrl(tileUrl(template, 0, 0, 0));
        const attribution = config && typeof config.tiles_attribution === 'string' ? config.tiles_attribution : null;
        return { template: usable ? template : null, attribution };
      })
      .catch(() => {
        configPromise = null;
        return { template: null, attribution: null };
      });
  }
  return configPromise;
}

/** A tile's URL from the template, or null unless it is http(s). */
function tileUrl(template, z, x, y) {
  return safeUrl(template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y)));
}

const clampLat = (lat) => Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));

/**
 * The tiled map's projection: Web Mercator with the world's width across the map, its top at
 * TOP_LAT; and the Web Mercator square (±85.0511°) in the map's units, where the tiles go.
 */
function mercator() {
  const scale = WIDTH / (2 * Math.PI);
  const top = scale * Math.log(Math.tan(Math.PI / 4 + (TOP_LAT * Math.PI) / 360));
  const projection = geoMercator().scale(scale).translate([WIDTH / 2, top]);
  const [x0, y0] = projection([-180, MAX_LAT]);
  const [x1, y1] = projection([180, -MAX_LAT]);
  return { projection, square: { x0, y0, x1, y1, size: x1 - x0 } };
}

/**
 * The layer of tile <image>s, in the map's units (inside the zoomed group): update(view, px)
 * shows the tiles covering what is in view, at the zoom level whose tiles come closest to their
 * 256 px on screen (px: screen pixels per map unit), at most MAX_TILES of them.
 */
function tileLayer(template, square, { onLoad, onError }) {
  const node = svg('g', { class: 'map-tiles', 'aria-hidden': 'true' });
  const shown = new Map(); // 'z/x/y' -> <image>

  const range = (view, z) => {
    const n = 2 ** z;
    const size = square.size / n;
    // the part of the Mercator square in view
    const left = Math.max(square.x0, -view.x / view.k);
    const right = Math.min(square.x1, (WIDTH - view.x) / view.k);
    const top = Math.max(square.y0, -view.y / view.k);
    const bottom = Math.min(square.y1, (HEIGHT - view.y) / view.k);
    if (!(right > left && bottom > top)) return null;
    const index = (v) => Math.max(0, Math.min(n - 1, v));
    const x0 = index(Math.floor((left - square.x0) / size));
    const x1 = index(Math.ceil((right - square.x0) / size) - 1);
    const y0 = index(Math.floor((top - square.y0) / size));
    const y1 = index(Math.ceil((bottom - square.y0) / size) - 1);
    return { z, size, x0, x1, y0, y1, count: (x1 - x0 + 1) * (y1 - y0 + 1) };
  };

  const tile = (z, x, y, size) => {
    const url = tileUrl(template, z, x, y);
    if (!url) return null;
    // a sliver of overlap (half a tile pixel) so that no hairline shows between neighbours
    const overlap = size / TILE_PX / 2;
    const image = svg('image', {
      class: 'map-tile', testid: 'map-tile', 'data-tile': `${z}/${x}/${y}`,
      x: square.x0 + x * size, y: square.y0 + y * size, width: size + overlap, height: size + overlap,
      preserveAspectRatio: 'none',
    });
    image.addEventListener('load', () => onLoad(image), { once: true });
    image.addEventListener('error', () => {
      image.classList.add('map-tile--failed');
      onError(image);
    }, { once: true });
    image.setAttribute('href', url);
    return image;
  };

  const update = (view, px) => {
    if (!(px > 0)) return; // not laid out yet
    let z = Math.round(Math.log2((view.k * square.size * px) / TILE_PX));
    z = Math.max(0, Math.min(MAX_TILE_ZOOM, z));
    let r = range(view, z);
    while (r && r.count > MAX_TILES && z > 0) r = range(view, --z);
    const wanted = new Set();
    if (r && r.count <= MAX_TILES) {
      for (let y = r.y0; y <= r.y1; y++) {
        for (let x = r.x0; x <= r.x1; x++) {
          const key = `${z}/${x}/${y}`;
          wanted.add(key);
          if (shown.has(key)) continue;
          const image = tile(z, x, y, r.size);
          if (!image) continue;
          shown.set(key, image);
          node.append(image);
        }
      }
    }
    for (const [key, image] of shown) {
      if (wanted.has(key)) continue;
      image.remove();
      shown.delete(key);
    }
  };
  return { node, update };
}

async function allEvents(filters) {
  const out = [];
  for (let offset = 0; offset < MAX_EVENTS; offset += PAGE) {
    const { items } = await api.events({ ...filters, limit: PAGE, offset });
    out.push(...items);
    if (items.length < PAGE) break;
  }
  return out;
}

function hasCoordinates(loc) {
  return loc && Number.isFinite(loc.lat) && Number.isFinite(loc.lon);
}

/** Splits the events by how precisely they are placed. */
function classify(events) {
  const points = [];
  const rings = [];
  const countries = new Map(); // iso3 -> events
  const unmapped = [];
  for (const e of events) {
    const loc = e.location;
    const precision = loc && loc.precision;
    if (POINT.has(precision) && hasCoordinates(loc)) points.push(e);
    else if (precision === 'province' && hasCoordinates(loc)) rings.push(e);
    else if (precision === 'country' && loc.country) {
      const code = String(loc.country).toUpperCase();
      if (!countries.has(code)) countries.set(code, []);
      countries.get(code).push(e);
    } else unmapped.push(e);
  }
  return { points, rings, countries, unmapped };
}

function eventTitle(e, approximate) {
  const loc = e.location || {};
  return `Event #${e.id}: ${typeText(e.plover)} — ${placeName(loc)} (${PRECISION_LABELS[loc.precision] || loc.precision})` +
    (approximate ? ' — position approximate: the province centre' : '') +
    (e.date ? ` — ${dateText(e.date)}` : '');
}

/** Events at the same place are fanned out around it so that each stays clickable. */
function fanOut(events) {
  const groups = new Map();
  for (const e of events) {
    const key = `${e.location.lat},${e.location.lon}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const placed = [];
  for (const group of groups.values()) {
    const n = group.length;
    group.forEach((e, i) => {
      const angle = (2 * Math.PI * i) / n - Math.PI / 2;
      const radius = n === 1 ? 0 : 4 + 1.6 * Math.sqrt(n);
      placed.push({ event: e, dx: radius * Math.cos(angle), dy: radius * Math.sin(angle), first: i === 0, n });
    });
  }
  return placed;
}

function legend(counts) {
  const swatch = (...shapes) => svg('svg', { width: 28, height: 22, viewBox: '0 0 28 22', 'aria-hidden': 'true' }, ...shapes);
  return el('div', { class: 'legend', testid: 'map-legend' },
    el('h2', { class: 'legend-title' }, 'How precisely events are placed'),
    el('ul', {},
      el('li', {}, swatch(svg('circle', { cx: 14, cy: 11, r: 4.5, class: 'map-point' })),
        el('span', {}, el('strong', {}, 'Point'), ` — a town, near a town, or a district (${counts.points})`)),
      el('li', {}, swatch(svg('circle', { cx: 14, cy: 11, r: 8, class: 'map-ring' })),
        el('span', {}, el('strong', {}, 'Dashed ring'), ` — a province only: drawn at its centre, the position is approximate (${counts.rings})`)),
      el('li', {}, swatch(svg('rect', { x: 3, y: 4, width: 22, height: 14, class: 'legend-country' })),
        el('span', {}, el('strong', {}, 'Shaded country'), ` — events known only to the country; darker means more (${counts.country})`)),
      el('li', {}, swatch(svg('line', { x1: 4, y1: 11, x2: 24, y2: 11, class: 'legend-none' })),
        el('span', {}, el('strong', {}, 'Not drawn'), ` — a region only, or no place (${counts.unmapped})`))));
}

export async function render(container, { query }) {
  container.append(heading('Map'));
  container.append(filterForm(['map'], query));
  const status = el('p', { class: 'count', testid: 'map-status', 'aria-live': 'polite' }, 'Loading the map…');
  container.append(status);

  let features;
  let events;
  let tiles;
  try {
    [features, events, tiles] = await Promise.all([world(), allEvents(apiFilters(query)), tileConfig()]);
  } catch (err) {
    status.textContent = err.message;
    status.className = 'error';
    return undefined;
  }
  events = keepByConfidence(events, minConfidence(query));
  const { points, rings, countries, unmapped } = classify(events);
  const countryEvents = [...countries.values()].reduce((n, list) => n + list.length, 0);

  const tiled = Boolean(tiles.template);
  let projection;
  // how far the map may be panned, in its units: the whole map, or the Mercator square
  let extent = { x0: 0, y0: 0, x1: WIDTH, y1: HEIGHT };
  let square = null;
  if (tiled) {
    ({ projection, square } = mercator());
    extent = square;
  } else {
    projection = geoNaturalEarth1().fitExtent([[6, 6], [WIDTH - 6, HEIGHT - 6]], { type: 'Sphere' });
  }
  const path = geoPath(projection);

  // countries: counts of country-level events by world-atlas key
  const byKey = new Map();
  for (const [code, list] of countries) {
    const key = atlasKey(code);
    if (!key) continue;
    const entry = byKey.get(key) || { code, events: [] };
    entry.events.push(...list);
    byKey.set(key, entry);
  }
  const max = Math.max(1, ...[...byKey.values()].map((v) => v.events.length));
  const shade = scaleLinear().domain([1, max]).range(['#d3e2f1', '#3d6a99']).clamp(true);
  const drawn = new Set();

  // with tiles, the sphere is only the backdrop while they load, and the tiles bring their own grid
  const base = svg('g', { class: 'map-base' },
    svg('path', { d: path({ type: 'Sphere' }), class: 'map-sphere' }),
    tiled ? null : svg('path', { d: path(geoGraticule10()), class: 'map-graticule' }));
  const shapes = svg('g', { class: 'map-countries' });
  for (const f of features) {
    const key = featureKey(f);
    const d = path(f);
    if (!d) continue;
    const entry = byKey.get(key);
    const name = (f.properties && f.properties.name) || '';
    if (entry) {
      drawn.add(entry.code);
      const n = entry.events.length;
      const href = hash(['search'], { ...Object.fromEntries(query), country: entry.code });
      shapes.append(svg('a', { href, class: 'map-country-link', 'aria-label': `${name}: ${n} country-level events` },
        svg('path', { d, class: 'country country--events', fill: shade(n), testid: 'map-country',
          'data-country': entry.code, 'data-count': n },
        svg('title', { text: `${name} (${entry.code}): ${n} event${n === 1 ? '' : 's'} placed only at country level` }))));
    } else {
      shapes.append(svg('path', { d, class: 'country country--plain' }, svg('title', { text: name })));
    }
  }
  // the tiles, if any, go between the backdrop and the countries (outlines only, over the tiles)
  let svgNode;
  let tilesFailed = false;
  let tileLoaded = false;
  const tileNote = el('p', { class: 'map-tiles-error', testid: 'map-tiles-error', role: 'status', hidden: true });
  const layer = tiled ? tileLayer(tiles.template, square, {
    onLoad: () => {
      tileLoaded = true;
      svgNode.classList.remove('map-svg--tiles-failed');
    },
    onError: () => {
      // without any tile the outlines alone would be a poor map: the countries get their fill back
      if (!tileLoaded) svgNode.classList.add('map-svg--tiles-failed');
      if (tilesFailed) return;
      tilesFailed = true;
      tileNote.textContent = 'Some map tiles did not load from the tile server; the map works without them.';
      tileNote.hidden = false;
    },
  }) : null;
  const zoomed = svg('g', { class: 'map-zoomed' }, base, layer ? layer.node : null, shapes);

  const marks = svg('g', { class: 'map-marks' });
  const placedRings = fanOut(rings).map((p) => ({ ...p, kind: 'ring' }));
  const placedPoints = fanOut(points).map((p) => ({ ...p, kind: 'point' }));
  const drawnMarks = [];
  for (const p of [...placedRings, ...placedPoints]) {
    const e = p.event;
    const xy = projection([e.location.lon, tiled ? clampLat(e.location.lat) : e.location.lat]);
    if (!xy) continue;
    const approximate = p.kind === 'ring';
    const shape = svg('circle', {
      r: approximate ? 11 : 4.5,
      class: approximate ? 'map-ring' : 'map-point map-point--' + e.location.precision,
      testid: approximate ? 'map-ring' : 'map-point',
      'data-event-id': e.id,
      'data-precision': e.location.precision,
    });
    const label = approximate && p.first
      ? svg('text', { class: 'map-ring-label', testid: 'map-ring-label', 'data-name': e.location.name || 'province' },
        svg('tspan', { class: 'map-ring-approx', text: '≈' }),
        svg('tspan', { class: 'map-ring-name', text: ` ${e.location.name || 'province'} (approx.)` }))
      : null;
    const node = svg('a', { href: hash(['events', e.id]), class: 'map-mark', 'aria-label': eventTitle(e, approximate) },
      shape, svg('title', { text: eventTitle(e, approximate) }));
    marks.append(node);
    if (label) marks.append(label);
    drawnMarks.push({ xy, p, shape, label });
  }

  svgNode = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: tiled ? 'map-svg map-svg--tiles' : 'map-svg', id: 'map-svg', testid: 'map-svg', role: 'group',
    'aria-label': `Map of ${events.length} events`, preserveAspectRatio: 'xMidYMid meet',
  }, zoomed, marks);

  // zoom and pan: the shapes scale as a group; marks are re-positioned so they keep their size
  const view = { k: 1, x: 0, y: 0 };
  const place = () => {
    zoomed.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
    if (layer) layer.update(view, svgNode.getBoundingClientRect().width / WIDTH);
    // province names only once zoomed in far enough for them not to pile up; the ≈ always
    svgNode.classList.toggle('map-zoomed-in', view.k >= 2.5);
    for (const { xy, p, shape, label } of drawnMarks) {
      const cx = xy[0] * view.k + view.x + p.dx;
      const cy = xy[1] * view.k + view.y + p.dy;
      shape.setAttribute('cx', cx.toFixed(1));
      shape.setAttribute('cy', cy.toFixed(1));
      if (label) {
        label.setAttribute('x', (xy[0] * view.k + view.x + p.dx + 8).toFixed(1));
        label.setAttribute('y', (xy[1] * view.k + view.y + p.dy - 9).toFixed(1));
      }
    }
    declutter();
  };
  // a province name that would overlap one already shown keeps only its ≈
  const declutter = () => {
    if (view.k < 2.5) return;
    const shown = [];
    for (const { label } of drawnMarks) {
      if (!label) continue;
      label.classList.remove('map-ring-label--crowded');
      let box;
      try {
        box = label.getBBox();
      } catch {
        continue;
      }
      const hit = shown.some((b) => box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height);
      if (hit) label.classList.add('map-ring-label--crowded');
      else shown.push(box);
    }
  };
  const clamp = () => {
    view.k = Math.min(16, Math.max(1, view.k));
    view.x = Math.min(0 - extent.x0 * view.k, Math.max(WIDTH - extent.x1 * view.k, view.x));
    view.y = Math.min(0 - extent.y0 * view.k, Math.max(HEIGHT - extent.y1 * view.k, view.y));
  };
  const zoomAt = (factor, cx = WIDTH / 2, cy = HEIGHT / 2) => {
    const k = Math.min(16, Math.max(1, view.k * factor));
    view.x = cx - ((cx - view.x) * k) / view.k;
    view.y = cy - ((cy - view.y) * k) / view.k;
    view.k = k;
    clamp();
    place();
  };
  const toViewBox = (ev) => {
    const ctm = svgNode.getScreenCTM();
    if (!ctm) return [WIDTH / 2, HEIGHT / 2];
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse());
    return [pt.x, pt.y];
  };
  svgNode.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const [x, y] = toViewBox(ev);
    zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag = null;
  let dragged = false;
  svgNode.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    const [x, y] = toViewBox(ev);
    drag = { x, y, vx: view.x, vy: view.y };
    dragged = false;
  });
  svgNode.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const [x, y] = toViewBox(ev);
    if (!dragged && Math.hypot(x - drag.x, y - drag.y) < 4) return;
    if (!dragged) svgNode.setPointerCapture(ev.pointerId);
    dragged = true;
    svgNode.classList.add('dragging');
    view.x = drag.vx + (x - drag.x);
    view.y = drag.vy + (y - drag.y);
    clamp();
    place();
  });
  const endDrag = () => {
    drag = null;
    svgNode.classList.remove('dragging');
  };
  svgNode.addEventListener('pointerup', endDrag);
  svgNode.addEventListener('pointercancel', endDrag);
  // a drag that ends on a point or a country is not a click on it
  svgNode.addEventListener('click', (ev) => {
    if (dragged) {
      ev.preventDefault();
      ev.stopPropagation();
      dragged = false;
    }
  }, true);
  place();

  const zoomButtons = el('div', { class: 'map-tools', role: 'toolbar', 'aria-label': 'Zoom' },
    el('button', { type: 'button', class: 'secondary', testid: 'map-zoom-in', 'aria-label': 'Zoom in', onclick: () => zoomAt(1.5) }, '+'),
    el('button', { type: 'button', class: 'secondary', testid: 'map-zoom-out', 'aria-label': 'Zoom out', onclick: () => zoomAt(1 / 1.5) }, '−'),
    el('button', { type: 'button', class: 'secondary', testid: 'map-zoom-reset', onclick: () => { Object.assign(view, { k: 1, x: 0, y: 0 }); place(); } }, 'Whole world'),
    el('span', { class: 'muted' }, 'Scroll to zoom, drag to pan.'));

  const counts = { points: placedPoints.length, rings: placedRings.length, country: countryEvents, unmapped: unmapped.length };
  status.textContent = `${events.length} events (${filterSummary(query)}): ${counts.points} points, ` +
    `${counts.rings} approximate rings, ${counts.country} at country level, ${counts.unmapped} not drawn.`;

  const missing = [...countries.keys()].filter((code) => !drawn.has(code));
  const countryList = [...countries.entries()].sort((a, b) => b[1].length - a[1].length);
  container.append(
    zoomButtons,
    el('figure', { class: 'map-figure' }, svgNode,
      el('figcaption', { class: 'visually-hidden' }, 'World map of events; points, rings and shaded countries are links.'),
      tiled ? tileNote : null,
      tiled ? el('p', { class: 'map-attribution', testid: 'map-attribution',
        text: tiles.attribution || 'Map tiles: ' + new URL(tileUrl(tiles.template, 0, 0, 0)).host }) : null),
    legend(counts),
    countryList.length ? el('section', { class: 'panel' },
      el('h2', {}, 'Events placed only at country level'),
      el('ul', { class: 'inline-list', testid: 'map-country-list' }, countryList.map(([code, list]) =>
        el('li', {}, el('a', { href: hash(['search'], { ...Object.fromEntries(query), country: code }) },
          `${(list[0].location && list[0].location.name) || code} (${code})`), ` ${list.length}`))),
      missing.length ? el('p', { class: 'muted' }, `Too small for this basemap: ${missing.join(', ')}.`) : null) : null);
  if (!layer) return undefined;
  // the tiles depend on the map's size on screen: fetched again when it is laid out or resized
  const resized = new ResizeObserver(() => place());
  resized.observe(svgNode);
  return () => resized.disconnect();
}
