/** The catalogue's pure helpers: "did you mean", and the rule a command is judged by (in or out of the catalogue). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEntry, loadCatalogue, openImRule, suggestCommands, tencentRule } from '../../src/callbacks/catalogue.js';
import { decisionWords, diffValues, jsonDepth, replyForReport } from '../../src/callbacks/decision.js';
import { queryOf } from '../../src/commands/webhook.js';
import { UsageError } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';
import { displayWidth } from '../../src/render/width.js';

const cat = await loadCatalogue(join(ROOT, 'fixtures'));

describe('suggestCommands', () => {
  it.each([
    ['C2C.CallbackBeforeSendMessage', ['C2C.CallbackBeforeSendMsg']],
    ['callbackBeforeOfflinePush', ['callbackBeforeOfflinePushCommand']],
    ['group.callbackaftergroupfull', ['Group.CallbackAfterGroupFull']],
    ['callbackBeforeMemberJoinGroupCommand', ['callbackBeforeMembersJoinGroupCommand']],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', []],
  ])('%s → %j', (typed, want) => {
    expect(suggestCommands(cat, typed)).toEqual(want);
  });
});

describe('rules', () => {
  it('catalogue commands keep their kind and response struct; others are judged by their name', () => {
    expect(openImRule(cat, 'callbackBeforeOfflinePushCommand')).toMatchObject({ kind: 'before', response: { userIDList: '[]string', offlinePushInfo: '*OfflinePushInfo' } });
    expect(openImRule(cat, 'callbackOfflinePushCommand')).toEqual({ command: 'callbackOfflinePushCommand', kind: 'before', response: {} });
    expect(openImRule(cat, 'callbackAfterSomethingNewCommand').kind).toBe('after');
    expect(tencentRule(cat, 'Group.CallbackBeforeSendMsg').kind).toBe('before');
    expect(tencentRule(cat, 'Group.CallbackBeforeSomethingNew').kind).toBe('before');
    expect(tencentRule(cat, 'Push.OfflinePush').kind).toBe('after');
    expect(findEntry(cat, 'Alert.RequestOverLimit')).toMatchObject({ kind: 'after', notification: true, url: 'alert' });
  });
});

describe('decision words', () => {
  it.each([
    ['refused', 'callbackBeforeOfflinePushCommand', 'push refused by backend'],
    ['denied', 'C2C.CallbackBeforeSendMsg', 'message denied'],
    ['dropped', 'Group.CallbackBeforeSendMsg', 'message silently dropped'],
    ['modified', 'OfficialAccount.CallbackBeforeSendMsg', 'message modified'],
    ['continue', 'C2C.CallbackAfterSendMsg', 'reply ignored'],
    ['continue', 'callbackAfterSendSingleMsgCommand', 'reply logged'],
    ['continue', 'callbackBeforeCreateGroupCommand', 'creation goes on'],
    ['blocked', 'callbackBeforeSetGroupInfoCommand', 'operation blocked'],
    ['error', 'Push.OfflinePush', 'callback failed'],
  ] as const)('%s on %s → %s', (d, command, words) => {
    expect(decisionWords(d, command)).toBe(words);
  });

  it('diffs changed leaves only, with paths', () => {
    expect(diffValues({ a: [1, { b: 'x' }], c: 1 }, { a: [1, { b: 'y' }, 3], c: 1 }, '')).toEqual([
      { path: 'a[1].b', from: 'x', to: 'y' },
      { path: 'a[2]', from: null, to: 3 },
    ]);
  });

  it('keeps deep replies as text for reports', () => {
    expect(jsonDepth('{"a":"[[[[","b":[[1]]}')).toBe(3);
    expect(replyForReport('{"a":[1]}')).toEqual({ a: [1] });
    expect(typeof replyForReport(`${'['.repeat(100)}${']'.repeat(100)}`)).toBe('string');
    expect(replyForReport('')).toBeNull();
  });
});

describe('webhook verify input', () => {
  it.each([
    ['http://127.0.0.1/cb?RequestTime=1&Sign=ab', 'RequestTime=1&Sign=ab'],
    ['?RequestTime=1&Sign=ab', 'RequestTime=1&Sign=ab'],
    ['RequestTime=1&Sign=ab', 'RequestTime=1&Sign=ab'],
    ['/im/cb?SdkAppid=1&RequestTime=1', 'SdkAppid=1&RequestTime=1'],
  ])('%s', (input, query) => {
    expect(queryOf(input).toString()).toBe(query);
  });

  it.each(['not a query', 'http://[bad', ''])('%j is malformed (exit 2)', (input) => {
    expect(() => queryOf(input)).toThrow(UsageError);
  });
});

describe('fixtures list on a terminal (no line wider than it; command names never cut)', () => {
  // eslint-disable-next-line no-control-regex
  const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
  it.each([60, 80, 120])('%i columns', async (width) => {
    const { renderFixtureTable } = await import('../../src/commands/fixtures.js');
    const out = renderFixtureTable(cat.commands, (s) => `\u001b[1m${s}\u001b[22m`, width);
    const lines = out.split('\n').map(strip);
    expect(lines.filter((l) => displayWidth(l) > width)).toEqual([]);
    const words = new Set(lines.flatMap((l) => l.split(/\s+/)));
    expect(cat.commands.map((e) => e.command).filter((c) => !words.has(c))).toEqual([]);
    expect(lines.join(' ')).toContain('ignored (sync only)');
    const tokens = lines.flatMap((l) => l.split(/[\s·]+/));
    expect(tokens.filter((t) => t === 'tencent' || t === 'openim')).toHaveLength(cat.commands.length);
    expect(tokens.filter((t) => t.endsWith('…'))).toEqual([]);
  });

  it('off a terminal: one row per command, whole columns', async () => {
    const { renderFixtureTable } = await import('../../src/commands/fixtures.js');
    const out = renderFixtureTable(cat.commands);
    expect(out.split('\n').filter((l) => /^\S/.test(l))).toHaveLength(cat.commands.length + 2);
  });
});
