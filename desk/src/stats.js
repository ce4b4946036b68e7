// The store's counts in the footer, refreshed on page changes and after ingest jobs.

import { api } from './api.js';

export async function refreshStats() {
  const node = document.getElementById('stats');
  if (!node) return;
  try {
    const s = await api.stats();
    node.textContent = `${s.documents} documents · ${s.events} events · ${s.mentions} reports in the store`;
  } catch {
    node.textContent = '';
  }
}
