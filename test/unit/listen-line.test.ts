/** How listen prints a callback on a terminal: no line wider than it (issue 11), the whole line off a terminal. */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatListenLine } from '../../src/replay/listen-line.js';
import { displayWidth } from '../../src/render/width.js';
import type { ListenEvent } from '../../src/servers/listen.js';

const colour = new Chalk({ level: 1 });
// eslint-disable-next-line no-control-regex
const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

function event(over: Partial<ListenEvent>): ListenEvent {
  return { at: 0, method: 'POST', path: '/', protocol: 'tencent', command: 'Push.OfflinePush', problems: [], notes: [], summary: '', violations: [], known: true, answer: 'ok', ...over } as ListenEvent;
}

const EVENTS: [string, ListenEvent][] = [
  ['a push with a long PushID', event({ summary: '2 events, PushID 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421' })],
  ['an OpenIM push', event({ protocol: 'openim', command: 'callbackBeforeCreateSingleChatConversationsCommand', summary: '3398112045 → 1 user "{"content":"are we stil…"' })],
  ['schema violations', event({ command: 'Group.CallbackAfterGroupFull', summary: 'to 7', violations: [{ path: '/', reason: 'missing required field "EventTime"' }, { path: '/GroupId', reason: 'should be string' }] })],
  ['a rejected callback', event({ answer: 'rejected', problems: ['Sign does not match sha256(token + RequestTime): wrong token?'] })],
];

describe('formatListenLine', () => {
  it.each(EVENTS.flatMap(([name, e]) => [60, 80].map((w) => [name, w, e] as const)))('%s at %i columns', (_name, width, e) => {
    const out = formatListenLine(e, '10:04:47', colour, width);
    expect(out.split('\n').map(strip).filter((l) => displayWidth(l) > width)).toEqual([]);
    const words = strip(out).split(/\s+/);
    expect(words).toContain(e.command);
    for (const w of (e.problems.length > 0 ? e.problems.join('; ') : e.summary).split(' ')) expect(words).toContain(w);
    for (const v of e.violations) expect(strip(out)).toContain(`✗ ${v.path}: `);
  });

  it.each(EVENTS)('%s off a terminal: one line (plus violations), unwrapped', (_name, e) => {
    const out = strip(formatListenLine(e, '10:04:47', colour));
    expect(out.split('\n')).toHaveLength(1 + e.violations.length);
    expect(out.split('\n')[0]).toMatch(/^10:04:47  (tencent|openim ) {2}\S+ +(ok|REJECT) +\S/);
  });
});
