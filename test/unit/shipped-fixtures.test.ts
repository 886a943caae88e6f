/**
 * Keeps every shipped callback fixture valid (reference/peers.md §7: avoid octokit-style drift): it
 * parses, its command is detected and known, its file name is `<command>.json` or `<command>.<variant>.json`,
 * and the request replay builds from it passes every check `chatpush listen` applies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFixture } from '../../src/replay/fixture.js';
import { buildTarget, detectCommand, signCallback } from '../../src/replay/protocols.js';
import { KNOWN_COMMANDS, validateCallback } from '../../src/replay/validate.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'fixtures', 'callbacks');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('shipped callback fixtures', () => {
  it('cover the commands the issue asks for', () => {
    const commands = new Set(FILES.map((f) => f.split('.json')[0]!.replace(/\.(group|single)$/, '')));
    for (const c of [
      'Push.OfflinePush',
      'C2C.CallbackAfterSendMsg',
      'C2C.CallbackBeforeSendMsg',
      'Group.CallbackAfterSendMsg',
      'callbackBeforePushCommand',
      'callbackBeforeOfflinePushCommand',
      'callbackBeforeOnlinePushCommand',
      'callbackBeforeGroupOnlinePushCommand',
    ]) {
      expect(commands).toContain(c);
    }
  });

  it('include single (EventType 1) and group (EventType 2) push events', () => {
    const types = new Set<number>();
    for (const f of FILES.filter((x) => x.startsWith('Push.OfflinePush'))) {
      for (const cb of parseFixture(f, readFileSync(join(DIR, f), 'utf8'))) {
        for (const e of (cb.value as { Events: { EventType: number }[] }).Events) types.add(e.EventType);
      }
    }
    expect([...types].sort()).toEqual([1, 2]);
  });

  it.each(FILES)('%s parses, names its command, and passes every listen check', (file) => {
    const callbacks = parseFixture(file, readFileSync(join(DIR, file), 'utf8'));
    expect(callbacks.length).toBeGreaterThan(0);
    for (const cb of callbacks) {
      const detected = detectCommand(cb.value);
      expect(detected).toBeDefined();
      const command = detected!.command;
      expect(file === `${command}.json` || file.startsWith(`${command}.`)).toBe(true);
      expect(KNOWN_COMMANDS).toContain(command);
      expect(JSON.parse(cb.body)).toEqual(cb.value);

      const target = buildTarget(detected!, { url: new URL('http://127.0.0.1:5411/cb'), sdkappid: 1400000000, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', signed: true }, cb);
      const [path, query = ''] = target.path.split('?');
      const t = 1_700_000_000;
      const q = new URLSearchParams(query);
      if (target.sign) {
        q.set('RequestTime', String(t));
        q.set('Sign', signCallback('tok', t));
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(target.headers)) headers[k.toLowerCase()] = v;
      if (target.operationId) headers.operationid = '1';
      const v = validateCallback({ method: 'POST', path: path!, query: q, headers, body: cb.body }, { sdkappid: 1400000000, token: 'tok', nowMs: t * 1000 });
      expect(v.problems).toEqual([]);
      expect(v.command).toBe(command);
    }
  });
});
