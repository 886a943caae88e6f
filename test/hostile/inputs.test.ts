/**
 * Hostile files and stdin: endless devices, deep nesting, `__proto__` keys, bytes that are not UTF-8,
 * huge envelopes, --set values JSON.parse would change, duplicate keys, and envelope headers the HTTP
 * client refuses. Issue 10 items, each through the built CLI against a recording server.
 */
import { openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import { ROOT } from '../helpers/cli.js';
import { brokenPromises, runHostile, Sandbox } from './harness.js';

const box = new Sandbox();
afterAll(() => box.cleanup());

const FIXTURE = join(ROOT, 'fixtures', 'callbacks', 'tencent', 'C2C.CallbackAfterSendMsg.json');
const BODY = { CallbackCommand: 'C2C.CallbackAfterSendMsg', From_Account: 'a', To_Account: 'b', MsgSeq: 1, MsgRandom: 2, MsgTime: 1557481126, MsgKey: 'k', MsgBody: [] };

function file(name: string, content: string | Buffer): string {
  const p = box.path(name);
  writeFileSync(p, content);
  return p;
}

async function withServer<T>(fn: (s: RecordingServer) => Promise<T>): Promise<T> {
  const s = await startRecordingServer();
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('every input has a size limit', () => {
  const env = box.env({ CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: 'k'.repeat(64), CHATPUSH_ENDPOINT: 'http://127.0.0.1:9' });
  it.each([
    ['trace --response-file /dev/zero', ['trace', '--response-file', '/dev/zero'], /--response-file \/dev\/zero is too large \(limit 16 MiB\)/],
    ['trace --from-file /dev/zero', ['trace', '--from-file', '/dev/zero'], /--from-file \/dev\/zero is too large \(limit 16 MiB\)/],
    ['trace --secret-key-file /dev/zero', ['trace', 'p1', '--secret-key-file', '/dev/zero'], /--secret-key-file \/dev\/zero is too large \(limit 64 KiB\)/],
    ['replay /dev/zero', ['replay', '/dev/zero', '--url', 'http://127.0.0.1:9'], /fixture \/dev\/zero is too large \(limit 64 MiB\)/],
  ])('%s: exit 2, the limit named, memory bounded', async (_name, args, message) => {
    const run = await runHostile(args, { env, timeoutMs: 60_000 });
    expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
    expect(run.stderr.toString()).toMatch(message);
  }, 70_000);

  it.each([
    ['config set secretKey </dev/zero', ['config', 'set', 'secretKey'], /stdin \(one short value expected\) is too large \(limit 64 KiB\)/],
    ['usersig verify - </dev/zero', ['usersig', 'verify', '-'], /stdin \(one short value expected\) is too large \(limit 64 KiB\)/],
  ])('%s: exit 2, the limit named', async (_name, args, message) => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const run = await runHostile(args, { env, stdinFd: fd, timeoutMs: 60_000 });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(message);
    } finally {
      closeSync(fd);
    }
  }, 70_000);

  it('trace - </dev/zero: exit 2, the limit named', async () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const run = await runHostile(['trace', '-'], { env, stdinFd: fd, timeoutMs: 60_000 });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(/stdin \(PushIDs\) is too large \(limit 16 MiB\)/);
    } finally {
      closeSync(fd);
    }
  }, 70_000);
});

describe('deep nesting: exit 2 at file:line:col, never a stack overflow', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  it.each([
    ['a fixture body', () => file('deep.json', `{"CallbackCommand":"C2C.CallbackAfterSendMsg","x":${deep(20000)}}`), ['replay'], /deep\.json:1:\d+: nested deeper than 512 levels/],
    ['600 KB of [ as a fixture', () => file('brackets.json', '['.repeat(600_000)), ['replay'], /brackets\.json:1:513: nested deeper than 512 levels/],
    ['a JSON Lines fixture', () => file('deep.jsonl', `${JSON.stringify(BODY)}\n{"x":${deep(10000)}}\n`), ['replay'], /deep\.jsonl:2:\d+: nested deeper/],
    ['an envelope string body', () => file('env-deep.json', JSON.stringify({ callbacks: [{ name: 'x', body: `{"a":${deep(5000)}}` }] })), ['replay'], /env-deep\.json:1:\d+: callbacks\[0\]: "body" is a string holding JSON nested deeper/],
    ['--response-file', () => file('deep-trace.json', `{"ActionStatus":"OK","ErrorCode":0,"InstanceTrace":${deep(100000)}}`), ['trace', '--response-file'], /deep-trace\.json:1:\d+: JSON nested deeper than 512 levels/],
  ])('%s', async (_name, make, cmd, message) => {
    const path = make();
    await withServer(async (server) => {
      const args = cmd[0] === 'replay' ? ['replay', path, '--url', server.url] : [...cmd, path];
      const run = await runHostile(args, { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(message);
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe('prototype-free parsing', () => {
  it('a "__proto__" key in a fixture body is a field, never the prototype: CallbackCommand inside it is not read', async () => {
    const path = file('proto.json', '{"__proto__":{"CallbackCommand":"C2C.CallbackAfterSendMsg"},"From_Account":"a"}');
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(/no CallbackCommand/);
      expect(server.requests).toHaveLength(0);
    });
  });

  it('a "__proto__" key is sent byte for byte', async () => {
    const text = '{"CallbackCommand":"C2C.CallbackAfterSendMsg","__proto__":{"polluted":true},"MsgSeq":1}';
    const path = file('proto-sent.json', text);
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
      expect(server.requests[0]!.body.toString()).toBe(text);
    });
  });
});

describe('bytes that are not UTF-8', () => {
  it('are refused (exit 2, line:col, the byte) instead of being replaced silently', async () => {
    const path = file('latin1.json', Buffer.concat([Buffer.from('{"CallbackCommand":"C2C.CallbackAfterSendMsg",\n"To_Account":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(/latin1\.json:2:18: not valid UTF-8 \(byte 0xe9\)/);
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe('envelopes parse in linear time', () => {
  it('4000 entries: every one sent, quickly', async () => {
    const entries = Array.from({ length: 4000 }, (_, i) => `  {"name":"cb${i}","body":${JSON.stringify({ ...BODY, MsgSeq: i })}}`);
    const path = file('big-envelope.json', `{"callbacks":[\n${entries.join(',\n')}\n]}`);
    await withServer(async (server) => {
      const started = performance.now();
      const run = await runHostile(['replay', path, '--url', server.url, '--concurrency', '8', '--json'], { env: box.env(), timeoutMs: 60_000 });
      expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
      expect(server.requests).toHaveLength(4000);
      // Quadratic parsing took 13-40 s before the first request (13 s on these machines); linear parsing
      // takes ~50 ms, so 8 s leaves a wide margin for a busy machine.
      expect(server.requests[0]!.at - started).toBeLessThan(8000);
    });
  }, 70_000);
});

describe('--set edits the body as text', () => {
  it.each([
    ['an integer beyond 2^64', 'MsgSeq=18446744073709551617', '"MsgSeq":18446744073709551617'],
    ['1e400', 'MsgSeq=1e400', '"MsgSeq":1e400'],
    ['a long decimal', 'MsgSeq=0.10000000000000000000000000001', '"MsgSeq":0.10000000000000000000000000001'],
    ['a string', 'To_Account=bob', '"To_Account":"bob"'],
  ])('%s is sent exactly as typed', async (_name, set, expected) => {
    const path = file('set.json', JSON.stringify(BODY));
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url, '--set', set], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
      expect(server.requests[0]!.body.toString()).toContain(expected);
    });
  });

  it('a duplicated key: the last one (what parsers read) is edited, with a warning', async () => {
    const path = file('dup.json', '{"CallbackCommand":"C2C.CallbackAfterSendMsg","To_Account":"first","To_Account":"last"}');
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url, '--set', 'To_Account=new'], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
      expect(server.requests[0]!.body.toString()).toBe('{"CallbackCommand":"C2C.CallbackAfterSendMsg","To_Account":"first","To_Account":"new"}');
      expect(run.stderr.toString()).toMatch(/"To_Account" appears 2 times in the body; --set edits the last one/);
    });
  });

  it('a value nested too deep is refused (exit 2) before anything is sent', async () => {
    const path = file('set2.json', JSON.stringify(BODY));
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url, '--set', `MsgSeq=${'['.repeat(2000)}${']'.repeat(2000)}`], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe('envelope headers the HTTP client refuses are caught before anything is sent', () => {
  it.each([
    ['Expect', '100-continue'],
    ['Transfer-Encoding', 'chunked'],
    ['Upgrade', 'websocket'],
    ['Connection', 'close'],
    ['Content-Length', '5'],
    ['X-Ctl', 'a\u0001b'],
    ['X-Wide', 'snow \u2603'],
  ])('%s: %j', async (name, value) => {
    const path = file('headers.json', JSON.stringify({ callbacks: [{ name: 'ok', body: BODY }, { name: 'bad', headers: { [name]: value }, body: BODY }] }));
    await withServer(async (server) => {
      const run = await runHostile(['replay', path, '--url', server.url], { env: box.env() });
      expect(brokenPromises(run, { allowedCodes: [2] })).toEqual([]);
      expect(run.stderr.toString()).toMatch(/callbacks\[1\]: header/);
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe('--response-file with a BOM', () => {
  it('is read like the same file without it', async () => {
    const path = file('bom.json', `\ufeff${JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: [] })}`);
    const run = await runHostile(['trace', '--response-file', path], { env: box.env() });
    expect(brokenPromises(run, { allowedCodes: [7] })).toEqual([]);
  });
});

void json;
