// DOM helpers. Everything the desk shows is built here with createElement and textContent:
// article text is hostile, so no string of data is ever parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sets attributes, properties and listeners on a node (see el). */
function apply(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') {
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (name === 'testid') {
      node.setAttribute('data-testid', value);
    } else if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`el(): ${name} must be a function, not markup`);
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'text') {
      node.textContent = String(value);
    } else if (name === 'href') {
      setHref(node, value);
    } else if (['value', 'checked', 'disabled', 'selected', 'multiple', 'required', 'hidden'].includes(name)) {
      node[name] = value;
    } else if (name === 'style' || name === 'innerHTML' || name === 'outerHTML' || name === 'srcdoc') {
      throw new Error(`el(): ${name} is not allowed`);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * el('a', {href: '#/x', class: 'c', testid: 't', onclick: fn}, 'text', child, ...)
 * Strings among the children become text nodes; never HTML.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  apply(node, attrs);
  return append(node, children);
}

/** The same for SVG elements; geometry goes in as attributes. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'testid') node.setAttribute('data-testid', value);
    else if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`svg(): ${name} must be a function, not markup`);
      node.addEventListener(name.slice(2).toLowerCase(), value);
    }
    else if (name === 'href') node.setAttribute('href', internalHref(value));
    else if (name === 'style') throw new Error('svg(): style is not allowed');
    else node.setAttribute(name, String(value));
  }
  return append(node, children);
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** Only same-page hash links and http(s) URLs become hrefs; anything else (javascript:, data:) is dropped. */
function internalHref(value) {
  const text = String(value);
  if (text.startsWith('#') || (text.startsWith('/') && !text.startsWith('//') && !text.startsWith('/\\'))) return text;
  return safeUrl(text) || '#';
}

function setHref(node, value) {
  node.setAttribute('href', internalHref(value));
}

/** The URL if it is http(s), else null. */
export function safeUrl(value) {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to a page of the desk: hash(['events', 12]) -> '#/events/12', each part encoded. */
export function hash(parts, query) {
  const path = '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  return qs ? path + '?' + qs : path;
}

/** An <a> to a page of the desk. */
export function link(parts, label, attrs = {}) {
  return el('a', { ...attrs, href: hash(parts) }, label);
}

/** An <a> to an outside page, only for http(s) URLs; otherwise the URL as plain text. */
export function externalLink(url, label, attrs = {}) {
  const safe = safeUrl(url);
  if (!safe) return url ? el('span', { class: 'url-unlinked' }, String(url)) : null;
  return el('a', { ...attrs, href: safe, rel: 'noopener noreferrer', target: '_blank', class: 'external' }, label || safe);
}

/** A labelled form field: returns {wrap, input}. */
export function field(label, input, hint) {
  if (!input.id) input.id = 'f-' + Math.random().toString(36).slice(2, 9);
  const wrap = el('div', { class: 'field' }, el('label', { for: input.id }, label), input,
    hint ? el('small', { class: 'hint' }, hint) : null);
  return { wrap, input };
}

/** A <select> with options given as values or [value, label] pairs. */
export function select(attrs, options, selected) {
  const node = el('select', attrs);
  for (const opt of options) {
    const [value, label] = Array.isArray(opt) ? opt : [opt, opt];
    node.append(el('option', { value, selected: String(value) === String(selected ?? '') }, label));
  }
  return node;
}

/** A definition list from [term, value] pairs; values may be nodes or text; empty values show a dash. */
export function dl(pairs, attrs = {}) {
  const node = el('dl', { class: 'fields', ...attrs });
  for (const [term, value, testid] of pairs) {
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
    node.append(el('dt', {}, term), el('dd', { testid }, empty ? '—' : value));
  }
  return node;
}

/**
 * Text with [bracketed] matches (search snippets) as text nodes and <mark>s.
 */
export function markedSnippet(snippet) {
  const parts = [];
  const re = /\[([^\][]*)\]/g;
  let last = 0;
  let m;
  const text = String(snippet || '');
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(el('mark', {}, m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
