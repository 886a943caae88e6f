/**
 * Online states → text (pure): one row per account — user, state (Online / PushOnline / Offline as the API
 * spells them), per-platform states, and for accounts in ErrorList their code and meaning (spec.md v2 online).
 */
import type { ChalkInstance } from 'chalk';
import { NO_SUCH_ACCOUNT, STATE_LABELS, type OnlineState, type UserState } from '../tencent/apis/online-status.js';
import { sanitize } from './sanitize.js';
import { fitTable, wrapBlock } from './fit.js';

function stateCell(state: OnlineState | null, chalk: ChalkInstance): string {
  if (state === null) return chalk.dim('unknown');
  const label = STATE_LABELS[state];
  return state === 'online' ? chalk.green(label) : state === 'push_online' ? chalk.cyan(label) : chalk.dim(label);
}

/** The table of accounts. */
export function renderOnline(users: readonly UserState[], chalk: ChalkInstance, columns?: number): string {
  const rows = users.map((u) => {
    if (u.errorCode !== null) {
      const what = u.errorCode === NO_SUCH_ACCOUNT ? 'no such account' : 'could not be queried';
      return [sanitize(u.userId), chalk.red('error'), chalk.red(`${u.errorCode}: ${what}`)];
    }
    const platforms = u.platforms.map((p) => `${sanitize(p.platform)} ${p.state ? STATE_LABELS[p.state] : 'unknown'}`).join(', ');
    return [sanitize(u.userId), stateCell(u.state, chalk), platforms || chalk.dim('-')];
  });
  const counts = new Map<string, number>();
  for (const u of users) {
    const k = u.errorCode !== null ? 'error' : u.state ? STATE_LABELS[u.state] : 'unknown';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  const table = fitTable([['USER', 'STATE', 'PLATFORMS'].map((h) => chalk.bold(h)), ...rows], { width: columns, header: 0, flex: { 0: { mode: 'truncate', min: 8 }, 2: { mode: 'wrap', min: 16 } } }).join('\n');
  return `${table}\n\n${wrapBlock(`${users.length} account${users.length === 1 ? '' : 's'}: ${summary}`, columns)}\n`;
}
