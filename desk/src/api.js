// The desk's only way to the server: JSON over fetch, same origin, token on writes.

import { getToken } from './token.js';

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/** The server's {detail}: a string, or FastAPI's list of validation errors, as one line. */
function detailText(body, status) {
  const detail = body && body.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => {
      const where = Array.isArray(d.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
      return (where ? where + ': ' : '') + (d.msg || JSON.stringify(d));
    }).join('; ');
  }
  return `the server answered ${status}`;
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    qs.set(key, String(value));
  }
  const text = qs.toString();
  return text ? '?' + text : '';
}

async function request(method, path, { params, body, form, write } = {}) {
  const headers = { Accept: 'application/json' };
  if (write) {
    const token = getToken();
    if (token) headers.Authorization = 'Bearer ' + token;
  }
  let payload;
  if (form) {
    payload = form; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path + query(params), { method, headers, body: payload, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, 'cannot reach the desk server: ' + err.message);
  }
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) throw new ApiError(response.status, detailText(data, response.status));
  return data;
}

const seg = (value) => encodeURIComponent(String(value));

export const api = {
  /** What the server is set up with: {tiles: URL template or null, tiles_attribution, writable}. */
  config: () => request('GET', '/api/config'),
  events: (filters) => request('GET', '/api/events', { params: filters }),
  event: (id) => request('GET', `/api/events/${seg(id)}`),
  mentions: (filters) => request('GET', '/api/mentions', { params: filters }),
  document: (id) => request('GET', `/api/documents/${seg(id)}`),
  search: (q, limit = 20) => request('GET', '/api/search', { params: { q, limit } }),
  actors: (name, limit = 100) => request('GET', '/api/actors', { params: { name, limit } }),
  actor: (key, limit = 200) => request('GET', `/api/actors/${seg(key)}`, { params: { limit } }),
  timeline: (by, filters) => request('GET', '/api/timeline', { params: { ...filters, by } }),
  stats: () => request('GET', '/api/stats'),
  sources: () => request('GET', '/api/sources'),
  watchlists: () => request('GET', '/api/watchlists'),
  alerts: (params) => request('GET', '/api/alerts', { params }),
  job: (id) => request('GET', `/api/jobs/${seg(id)}`),

  merge: (ids, reason) => request('POST', '/api/events/merge', { body: { ids, reason }, write: true }),
  split: (id, mentions, reason) =>
    request('POST', `/api/events/${seg(id)}/split`, { body: { mentions, reason }, write: true }),
  correct: (id, fields, reason) =>
    request('POST', `/api/events/${seg(id)}/corrections`, { body: { fields, reason }, write: true }),
  credibility: (mentionId, value, reason) =>
    request('POST', `/api/mentions/${seg(mentionId)}/credibility`, { body: { value, reason }, write: true }),
  gradeSource: (name, reliability, note) =>
    request('PUT', `/api/sources/${seg(name)}`, { body: { reliability, note }, write: true }),
  addWatchlist: (body) => request('POST', '/api/watchlists', { body, write: true }),
  deleteWatchlist: (id) => request('DELETE', `/api/watchlists/${seg(id)}`, { write: true }),
  checkAlerts: () => request('POST', '/api/alerts/check', { write: true }),
  seenAlerts: (ids) => request('POST', '/api/alerts/seen', { body: ids, write: true }),
  ingestText: (body) => request('POST', '/api/ingest/text', { body, write: true }),
  ingestUrl: (url) => request('POST', '/api/ingest/url', { body: { url }, write: true }),
  ingestFiles: (files) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return request('POST', '/api/ingest/files', { form, write: true });
  },
};

/** The export download's URL for the current filters. */
export function exportUrl(format, filters) {
  return '/api/export' + query({ ...filters, format });
}
