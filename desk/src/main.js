// The desk's entry: the nav, the token box, the pages.

import './style.css';
import { showMessage } from './message.js';
import { route, start } from './router.js';
import { refreshStats } from './stats.js';
import { getToken, onTokenChange, setToken } from './token.js';

route('search', () => import('./page-search.js'), 'search');
route('map', () => import('./page-map.js'), 'map');
route('timeline', () => import('./page-timeline.js'), 'timeline');
route('actors', () => import('./page-actors.js'), 'actors');
route('actors/:key', () => import('./page-actor.js'), 'actors');
route('events/:id', () => import('./page-event.js'), 'search');
route('documents/:id', () => import('./page-document.js'), 'search');
route('ingest', () => import('./page-ingest.js'), 'ingest');
route('watchlists', () => import('./page-watchlists.js'), 'watchlists');

function tokenBox() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  const state = document.getElementById('token-state');
  const show = (token) => {
    state.textContent = token ? 'changes enabled' : 'read-only';
    state.className = 'token-state ' + (token ? 'token-state--on' : 'token-state--off');
    document.body.classList.toggle('has-token', Boolean(token));
  };
  input.value = getToken();
  show(getToken());
  onTokenChange(show);
  // typing is enough: the token is used as soon as it is in the box
  input.addEventListener('input', () => setToken(input.value));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(input.value);
    showMessage(getToken() ? 'Token set for this tab: changes are enabled.' : 'No token: the desk is read-only.', 'info');
  });
  document.getElementById('token-clear').addEventListener('click', () => {
    input.value = '';
    setToken('');
    showMessage('Token forgotten: the desk is read-only.', 'info');
  });
}

// the skip link focuses the page without touching the route in the hash
document.getElementById('skip-link').addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('main').focus();
});

tokenBox();
refreshStats();
window.addEventListener('hashchange', refreshStats);
start();
