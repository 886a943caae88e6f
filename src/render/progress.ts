/**
 * Progress of a long trace batch (pure): "[12/200] 6 % · about 3m27s left". The ETA counts the requests still to
 * send at the pace the client keeps (the trace API allows 1 request/s, reference/protocols.md §2.4), which is what
 * bounds a batch; network time is small next to it.
 */
import { formatOffset } from '../trace/diagnose.js';

/** The progress line before request `done + 1` of `total`; `paceMs` is the spacing between requests. */
export function formatProgress(done: number, total: number, paceMs: number): string {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const leftMs = Math.max(0, total - done) * paceMs;
  const eta = leftMs >= 1000 ? ` · about ${formatOffset(Math.round(leftMs / 1000) * 1000).slice(1)} left` : '';
  return `[${done}/${total}] ${percent} %${eta}`;
}
