/**
 * The first minutes in a real terminal (issue 11), driven through a pseudo-terminal (test/helpers/pty.ts):
 * Ctrl-C ends trace --watch, replay and demo within a second with exit 130, the partial report and the
 * terminal's modes as they were; no line is wider than the terminal at 60, 80 and 120 columns; colours and the
 * spinner appear on a terminal and never in a pipe, where the columns stay whole.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SDKAPPID, DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { startListener, type Listener } from '../../src/servers/listen.js';
import { startSandbox, type Sandbox } from '../../src/servers/sandbox.js';
import { baseEnv, runCli } from '../helpers/cli.js';
import { columnsOf, HAS_SCRIPT, runInPty, screenLines } from '../helpers/pty.js';

const UNKNOWN_PUSH_ID = '690c0fd5_fd1a0fd2_adc2505d_200042af69ec831_20009ebe2307bac';
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

let sandbox: Sandbox;
let listener: Listener;
/** A backend that never answers, so a replay is still waiting when Ctrl-C comes. */
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ sdkappid: DEMO_SDKAPPID, secretKey: DEMO_SECRET_KEY, minIntervalMs: 0 });
  listener = await startListener({ sdkappid: DEMO_SDKAPPID });
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/im`;
});

afterAll(async () => {
  silent.closeAllConnections();
  await Promise.all([sandbox.close(), listener.close(), new Promise((r) => silent.close(r))]);
});

/** A terminal's environment: colour allowed (no NO_COLOR), the demo app pointed at the in-process sandbox. */
function ttyEnv(): Record<string, string> {
  return baseEnv({ NO_COLOR: undefined, CHATPUSH_ENDPOINT: sandbox.url, CHATPUSH_SDKAPPID: String(DEMO_SDKAPPID), CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY });
}

/** The modes a cooked terminal has; raw mode (ora's discardStdin) turns isig and icanon off. */
function expectCookedModes(stty: string): void {
  expect(stty).toMatch(/(^|\s)isig(\s|$)/m);
  expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
}

describe.runIf(HAS_SCRIPT)('Ctrl-C on a terminal', () => {
  it.each([
    [['trace', '-'], /reading PushIDs/],
    [['online', '-'], /reading UserIDs/],
  ])('%j while waiting for typed IDs: exit 130 within 1 s (it waited for Ctrl-D)', async (args, prompt) => {
    const p = runInPty(args, { cols: 100, env: ttyEnv() });
    await p.waitFor(prompt);
    const sent = Date.now();
    p.type('\x03');
    const { code, stty, at } = await p.exited;
    expect(code).toBe(130);
    expect(at - sent).toBeLessThan(1000);
    expect(screenLines(p.output()).join('\n')).toContain('chatpush: interrupted');
    expectCookedModes(stty);
  });

  it('trace --watch: exit 130 within 1 s, the last state and a line saying what was settled', async () => {
    const p = runInPty(['trace', '--watch', '--watch-timeout', '60', UNKNOWN_PUSH_ID], { cols: 100, env: ttyEnv() });
    await p.waitFor(/poll 2/); // the spinner is up and the watch is polling
    const sent = Date.now();
    p.type('\x03');
    const { code, stty, at } = await p.exited;
    expect(code).toBe(130);
    expect(at - sent).toBeLessThan(1000);
    const screen = screenLines(p.output()).join('\n');
    expect(screen).toContain(`PushID ${UNKNOWN_PUSH_ID} · 0 instances`);
    expect(screen).toContain('Verdict: not found');
    expect(screen).toContain('chatpush: interrupted: 0 of 1 PushID settled.');
    expectCookedModes(stty);
  });

  it('replay against a backend that does not answer: exit 130 within 1 s with the report so far', async () => {
    const p = runInPty(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', silentUrl, '--budget-ms', '30000'], { cols: 100, env: ttyEnv() });
    await p.waitFor(/0\/1 sent/);
    const sent = Date.now();
    p.type('\x03');
    const { code, stty, at } = await p.exited;
    expect(code).toBe(130);
    expect(at - sent).toBeLessThan(1000);
    const screen = screenLines(p.output()).join('\n');
    // The fitted table may cut the name by a character or two (seven columns since DECISION joined them).
    expect(screen).toMatch(/Push\.OfflinePush\.js\S*\s+Push\.OfflinePush\s+—\s+—\s+SKIP\s+—/);
    expect(screen).toContain('interrupted: 0 of 1 request answered');
    expect(screen).toContain('0 passed, 0 failed');
    expectCookedModes(stty);
  });

  it('demo: Ctrl-C once its spinner shows ends it with exit 130 and "interrupted"', async () => {
    const p = runInPty(['demo'], { cols: 100, env: ttyEnv() });
    await p.waitFor(/Starting the local servers/);
    const sent = Date.now();
    p.type('\x03');
    const { code, stty, at } = await p.exited;
    expect(code).toBe(130);
    expect(at - sent).toBeLessThan(1000);
    expect(screenLines(p.output()).join('\n')).toContain('chatpush: interrupted.');
    expect(screenLines(p.output()).join('\n')).not.toContain('What you saw');
    expectCookedModes(stty);
  });
});

describe.runIf(HAS_SCRIPT)('stdin on a terminal', () => {
  it('trace - says it is reading PushIDs rather than waiting silently; Ctrl-D ends the list', async () => {
    const p = runInPty(['trace', '-'], { cols: 100, env: ttyEnv() });
    await p.waitFor(/chatpush: reading PushIDs \(one per line\) from stdin; end with Ctrl-D\./);
    p.type(`${sandbox.pushIds[0]}\n`);
    p.type('\x04');
    const { code } = await p.exited;
    expect(code).toBe(0);
    expect(screenLines(p.output()).join('\n')).toContain('Verdict: clicked');
  });
});

describe.runIf(HAS_SCRIPT)('--json on a terminal and in a pipe', () => {
  it('is indented on a terminal and one compact line in a pipe, the same document either way', async () => {
    const args = ['trace', '--json', sandbox.pushIds[0]!];
    const p = runInPty(args, { cols: 100, env: ttyEnv() });
    expect((await p.exited).code).toBe(0);
    const shown = screenLines(p.output());
    expect(shown[0]).toBe('{');
    expect(shown[1]).toBe('  "schemaVersion": 1,');
    const piped = await runCli(args, { env: ttyEnv() });
    expect(piped.code).toBe(0);
    expect(piped.stdout.endsWith('}\n')).toBe(true);
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(piped.stdout.startsWith('{"schemaVersion":1,"traces":[')).toBe(true);
    expect(JSON.parse(piped.stdout)).toEqual(JSON.parse(shown.join('\n')));
  });
});

describe.runIf(HAS_SCRIPT)('no line wider than the terminal', () => {
  const cases: [string, () => string[]][] = [
    ['trace', () => ['trace', ...sandbox.pushIds]],
    ['replay', () => ['replay', 'fixtures/callbacks', '--url', listener.url, '--url-openim', listener.url]],
    ['demo', () => ['demo']],
  ];
  const widest: Record<string, number> = {};
  afterAll(() => {
    // The width table of the closing note.
    console.log(`max line width (command: 60/80/120 columns): ${JSON.stringify(widest)}`);
  });
  describe.each([60, 80, 120])('%i columns', (cols) => {
    it.each(cases)('%s', async (name, args) => {
      const p = runInPty(args(), { cols, env: ttyEnv() });
      const { code } = await p.exited;
      expect([0, 1, 7]).toContain(code);
      const lines = screenLines(p.output());
      const tooWide = lines.filter((l) => columnsOf(l) > cols);
      expect(tooWide).toEqual([]);
      widest[`${name}@${cols}`] = Math.max(...lines.map(columnsOf));
      // A terminal gets colour (and the demo a spinner while its servers start).
      expect(p.output()).toMatch(SGR);
      if (name === 'demo') expect(p.output()).toMatch(SPINNER);
    });
  });
});

describe('off a terminal', () => {
  it('no colour or spinner in a pipe, even without NO_COLOR, and whole columns', async () => {
    const env = baseEnv({ NO_COLOR: undefined, TERM: 'xterm-256color' });
    const r = await runCli(['replay', 'fixtures/callbacks', '--url', listener.url, '--url-openim', listener.url], { env });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(SGR);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(SPINNER);
    // Nothing cut or wrapped: the longest name and its reason share one line.
    expect(r.stdout).toMatch(/^callbackBeforeGroupOnlinePushCommand\.json\s+callbackBeforeGroupOnlinePushCommand\s+200\s+.*push goes on\s+OpenIM goes on$/m);
  });
});
