// Ingest: paste text, upload files, or give a page or feed address. Each starts a job on the
// server; the desk polls it every 500 ms and shows its progress.

import { api } from './api.js';
import { el, field } from './dom.js';
import { heading } from './format.js';
import { showError, showMessage } from './message.js';
import { refreshStats } from './stats.js';
import { syncWriteControls, writeControl } from './token.js';

const POLL_MS = 500;

function jobView(kind) {
  const status = el('span', { class: 'job-state', testid: 'job-state' }, 'starting');
  const docs = el('span', { testid: 'job-documents' }, '0');
  const outcomes = el('span', { testid: 'job-outcomes' }, '—');
  const errors = el('ul', { class: 'job-errors', testid: 'job-errors' });
  const summary = el('p', { class: 'job-summary', testid: 'job-summary' });
  const node = el('li', { class: 'job', testid: 'job-status', 'aria-live': 'polite' },
    el('div', {}, el('strong', {}, kind), ' — ', status),
    el('div', {}, 'Documents done: ', docs, ' · outcomes: ', outcomes),
    summary, errors);
  const show = (job) => {
    node.dataset.status = job.status;
    node.dataset.jobId = job.id;
    status.textContent = job.status;
    status.className = 'job-state job-state--' + job.status;
    docs.textContent = String(job.documents ?? 0);
    const o = Object.entries(job.outcomes || {});
    outcomes.textContent = o.length ? o.map(([k, v]) => `${k} ${v}`).join(', ') : '—';
    errors.replaceChildren(...(job.errors || []).map((e) => el('li', { class: 'error' }, String(e))));
    if (job.summary) {
      const s = job.summary;
      summary.textContent = `${s.documents} document${s.documents === 1 ? '' : 's'} read: ${s.added} added, ` +
        `${s.updated} updated, ${s.unchanged} unchanged, ${s.duplicates} duplicates, ${s.failed} failed; ` +
        `${s.event_mentions} event reports; ${s.events_in_store} events in the store.`;
    }
  };
  return { node, show };
}

/** Starts a job with start(), then polls it until done or failed (or the page is left). */
async function runJob(list, kind, start, button) {
  const view = jobView(kind);
  list.prepend(view.node);
  if (button) button.disabled = true;
  let job;
  try {
    job = await start();
  } catch (err) {
    view.show({ id: '', status: 'failed', documents: 0, outcomes: {}, errors: [err.message] });
    showError(err);
    if (button) button.disabled = false;
    return;
  }
  if (button) button.disabled = false;
  view.show(job);
  showMessage(`Job ${job.id} started: ${kind}.`, 'info');
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (!view.node.isConnected) return; // the page was left
    try {
      job = await api.job(job.id);
    } catch (err) {
      view.show({ ...job, errors: [...(job.errors || []), err.message] });
      return;
    }
    view.show(job);
  }
  refreshStats();
  const outcomes = Object.entries(job.outcomes || {}).map(([k, v]) => `${k} ${v}`).join(', ');
  if (job.status === 'done') {
    const failed = (job.summary && job.summary.failed) || 0;
    showMessage(`Job ${job.id} (${kind}) done: ${job.documents} document${job.documents === 1 ? '' : 's'}` +
      `${outcomes ? ` (${outcomes})` : ''}.`, failed ? 'error' : 'ok');
  }
  else showMessage(`Job ${job.id} (${kind}) failed: ${(job.errors || []).join('; ') || 'see the job'}.`, 'error');
}

export async function render(container) {
  container.append(heading('Ingest'));
  container.append(el('p', { class: 'muted write-note' },
    'Adding reports needs the desk’s token (top right). Each addition runs as a job; its progress shows below.'));
  const jobs = el('ol', { class: 'jobs', testid: 'jobs' });

  // pasted text
  const text = el('textarea', { id: 'ingest-text', testid: 'ingest-text', rows: '10', required: true,
    placeholder: 'Paste the article here' });
  const title = el('input', { id: 'ingest-title', testid: 'ingest-title', maxlength: '1000' });
  const date = el('input', { id: 'ingest-date', testid: 'ingest-date', type: 'date' });
  const source = el('input', { id: 'ingest-source', testid: 'ingest-source', maxlength: '200', placeholder: 'outlet' });
  const url = el('input', { id: 'ingest-text-url', testid: 'ingest-text-url', type: 'url', placeholder: 'https://…' });
  const textBtn = writeControl(el('button', { type: 'submit', testid: 'ingest-text-button', id: 'ingest-text-button' }, 'Add this text'));
  const textForm = el('form', { class: 'write-form write-form--wide', 'aria-labelledby': 'it-h' },
    el('h2', { id: 'it-h' }, 'Paste an article'),
    field('Text', text).wrap,
    el('div', { class: 'row' }, field('Title', title, 'optional').wrap, field('Date', date, 'optional').wrap,
      field('Source', source, 'optional').wrap, field('Address', url, 'optional').wrap),
    textBtn);
  textForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) {
      showMessage('Paste some text first.', 'error');
      return;
    }
    const body = { text: text.value, title: title.value.trim() || null, date: date.value || null,
      source: source.value.trim() || null, url: url.value.trim() || null };
    runJob(jobs, `pasted text${body.title ? ` “${body.title}”` : ''}`, () => api.ingestText(body), textBtn);
  });

  // files
  const files = el('input', { id: 'ingest-files', testid: 'ingest-files', type: 'file', multiple: true,
    accept: '.txt,.html,.htm,.jsonl,.json,.xml,.rss,.atom,.warc,.gz,text/plain,text/html' });
  const filesBtn = writeControl(el('button', { type: 'submit', testid: 'ingest-files-button', id: 'ingest-files-button' }, 'Upload'));
  const filesForm = el('form', { class: 'write-form', 'aria-labelledby': 'if-h' },
    el('h2', { id: 'if-h' }, 'Upload files'),
    field('Files', files, '.txt, .html, .jsonl, feeds, WARC; several at once').wrap, filesBtn);
  filesForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = [...(files.files || [])];
    if (!chosen.length) {
      showMessage('Choose one or more files first.', 'error');
      return;
    }
    const label = chosen.length === 1 ? chosen[0].name : `${chosen.length} files`;
    runJob(jobs, `upload of ${label}`, () => api.ingestFiles(chosen), filesBtn);
  });

  // a page or a feed
  const address = el('input', { id: 'ingest-url', testid: 'ingest-url', type: 'url', required: true,
    placeholder: 'https://example.org/news/article or …/feed.xml', pattern: 'https?://.+' });
  const urlBtn = writeControl(el('button', { type: 'submit', testid: 'ingest-url-button', id: 'ingest-url-button' }, 'Fetch'));
  const urlForm = el('form', { class: 'write-form', 'aria-labelledby': 'iu-h' },
    el('h2', { id: 'iu-h' }, 'A page or a feed'),
    field('Address', address, 'http(s) only; an RSS or Atom feed brings all its items').wrap, urlBtn);
  urlForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = address.value.trim();
    if (!/^https?:\/\//i.test(value)) {
      showMessage('The address must start with http:// or https://', 'error');
      return;
    }
    runJob(jobs, `fetch of ${value}`, () => api.ingestUrl(value), urlBtn);
  });

  container.append(textForm, el('div', { class: 'write-forms' }, filesForm, urlForm),
    el('section', { class: 'panel', 'aria-labelledby': 'jobs-h' }, el('h2', { id: 'jobs-h' }, 'Jobs'), jobs));
  syncWriteControls(container);
}
