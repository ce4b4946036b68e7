// Hash routing: #/events/12, #/actors/name%3Athe%20police, #/map?type=ASSAULT.
// Each page is a module with render(container, {params, query}) that may return a cleanup function.

import { el } from './dom.js';
import { onNavigate } from './message.js';

const routes = [];
let cleanup = null;
let firstRender = true;

/** Registers a page: pattern like 'events/:id'; nav is the top-nav entry it lights up. */
export function route(pattern, load, nav) {
  routes.push({ parts: pattern.split('/').filter(Boolean), load, nav });
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The current hash as {path: [...decoded parts], query: URLSearchParams}. */
export function current() {
  // only '#/…' is a route; another fragment (the skip link's #main) means the default page
  const raw = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const at = raw.indexOf('?');
  const path = (at >= 0 ? raw.slice(0, at) : raw).split('/').filter(Boolean).map(decode);
  const query = new URLSearchParams(at >= 0 ? raw.slice(at + 1) : '');
  return { path, query };
}

function match(path) {
  if (!path.length) path = ['search'];
  for (const r of routes) {
    if (r.parts.length !== path.length) continue;
    const params = {};
    const ok = r.parts.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = path[i];
        return true;
      }
      return part === path[i];
    });
    if (ok) return { route: r, params };
  }
  return null;
}

/** Goes to a page: navigate(['events', 12]) or navigate(['map'], URLSearchParams). */
export function navigate(parts, query) {
  const qs = query ? new URLSearchParams(query).toString() : '';
  const next = '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/') + (qs ? '?' + qs : '');
  if (next === location.hash) render();
  else location.hash = next;
}

/** Renders the page again (after a write). */
export function reload() {
  render({ keepMessage: true });
}

function markNav(name) {
  for (const a of document.querySelectorAll('#nav-links a')) {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render({ keepMessage = false } = {}) {
  const main = document.getElementById('main');
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (err) {
      console.error(err);
    }
  }
  cleanup = null;
  if (!keepMessage) onNavigate();
  const { path, query } = current();
  const found = match(path);
  // a fresh container per render: answers that arrive for a page already left land in a
  // detached node and do no harm
  const container = el('div', { class: 'page', 'data-page': found ? found.route.parts[0] : 'missing' });
  main.replaceChildren(container);
  if (!found) {
    markNav(null);
    document.title = 'Not found — eventlens desk';
    container.append(el('h1', { tabindex: '-1' }, 'Not found'),
      el('p', {}, 'No page at this address. ', el('a', { href: '#/search' }, 'Go to search.')));
    return;
  }
  markNav(found.route.nav);
  try {
    const page = await found.route.load();
    const result = await page.render(container, { params: found.params, query });
    if (container.isConnected) cleanup = result || null;
    else if (typeof result === 'function') result();
  } catch (err) {
    console.error(err);
    container.append(el('p', { class: 'error', role: 'alert' }, 'This page failed: ' + (err.message || err)));
  }
  if (!firstRender && !keepMessage && container.isConnected) {
    const h1 = container.querySelector('h1');
    if (h1) h1.focus({ preventScroll: false });
  }
  firstRender = false;
}

export function start() {
  window.addEventListener('hashchange', () => {
    if (!location.hash || location.hash.startsWith('#/')) render();
  });
  render();
}
