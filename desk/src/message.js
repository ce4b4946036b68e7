// One status line under the nav (data-testid="message") for progress, results and errors.

let pending = null;

function box() {
  return document.getElementById('message');
}

/** Shows text now; kind is 'info', 'ok' or 'error'. Extra nodes (links) may follow the text. */
export function showMessage(text, kind = 'info', ...extra) {
  const node = box();
  if (!node) return;
  node.replaceChildren(String(text), ...extra);
  node.className = 'message message--' + kind;
  node.dataset.kind = kind;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.hidden = false;
}

export function showError(err) {
  showMessage(err && err.message ? err.message : String(err), 'error');
}

export function clearMessage() {
  const node = box();
  if (!node) return;
  node.replaceChildren();
  node.hidden = true;
}

/** A message to show after the next page change (e.g. after a merge sends you to the new event). */
export function flash(text, kind = 'ok') {
  pending = { text, kind };
}

/** Called by the router on every page change. */
export function onNavigate() {
  if (pending) {
    showMessage(pending.text, pending.kind);
    pending = null;
  } else {
    clearMessage();
  }
}
