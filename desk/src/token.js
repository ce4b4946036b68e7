// The token for writes: kept in sessionStorage (gone when the tab closes), never in the URL.

const KEY = 'eventlens-desk-token';
const listeners = new Set();

export function getToken() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(value) {
  const token = String(value || '').trim();
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage refused (private mode): the token lasts until reload
  }
  for (const fn of listeners) fn(token);
  syncWriteControls();
}

export function onTokenChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const WRITE_HINT = 'Set the token (top right) to make changes';

/**
 * Controls marked data-write are enabled only while a token is set. Pages call this after
 * building their forms; setToken calls it for the whole page.
 */
export function syncWriteControls(root = document) {
  const has = Boolean(getToken());
  for (const node of root.querySelectorAll('[data-write]')) {
    node.disabled = !has;
    if (has) node.removeAttribute('title');
    else node.setAttribute('title', WRITE_HINT);
  }
}

/** Marks a control as a write (see syncWriteControls). */
export function writeControl(node) {
  node.setAttribute('data-write', '');
  node.disabled = !getToken();
  if (node.disabled) node.setAttribute('title', WRITE_HINT);
  return node;
}
