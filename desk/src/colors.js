// A color for each PLOVER type (the timeline's stacks and legend), chosen to stay apart.

const PALETTE = {
  ASSAULT: '#b91c1c', COERCE: '#ea580c', THREATEN: '#f59e0b', PROTEST: '#facc15', MOBILIZE: '#84cc16',
  SANCTION: '#78350f', ACCUSE: '#db2777', REJECT: '#7e22ce', REQUEST: '#a78bfa', CONSULT: '#2563eb',
  AGREE: '#06b6d4', COOPERATE: '#0f766e', AID: '#22c55e', SUPPORT: '#166534', CONCEDE: '#64748b',
  RETREAT: '#a8a29e',
};
const EXTRA = ['#a16207', '#0369a1', '#6d28d9', '#9f1239', '#334155'];

export function typeColor(type, index = 0) {
  if (PALETTE[type]) return PALETTE[type];
  return EXTRA[index % EXTRA.length];
}
