/**
 * The report flags end to end with the built CLI against recording servers on 127.0.0.1:0: what lands in the files,
 * and what never does — a UserSig or callback token that a server echoes back, and markup from server text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../src/demo-credentials.js';
import { HISTOGRAM_BINS } from '../../src/render/html/replay.js';
import { readEmbeddedData } from '../../src/render/html/page.js';
import { baseEnv, runCli } from '../helpers/cli.js';
import { json, startRecordingServer } from '../helpers/recording-server.js';
import { instance, response } from '../helpers/trace-samples.js';

const dir = mkdtempSync(join(tmpdir(), 'chatpush-report-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('trace report flags', () => {
  it('a UserSig the server echoes in ErrorInfo is redacted in HTML, Markdown and JUnit; markup is escaped', async () => {
    const server = await startRecordingServer((req, res) => {
      const sig = req.query.usersig!;
      json(res, response(instance({ offline: 1, channel: { PushStatus: 2, ErrorCode: 20301, ErrorInfo: `${HOSTILE} token ${sig}` }, fields: { DeviceModel: `model ${sig}` } })));
    });
    try {
      const files = { html: join(dir, 't.html'), md: join(dir, 't.md'), xml: join(dir, 't.xml') };
      const r = await runCli(['trace', '69094c96_d011d473_db634e04_20003643eb2a2af_2000ebba51bc197', '--report-html', files.html, '--report-markdown', files.md, '--junit', files.xml], {
        env: baseEnv({ CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY, CHATPUSH_ENDPOINT: server.url }),
      });
      expect(r.code).toBe(1);
      const sig = server.requests[0]!.query.usersig!;
      expect(sig.length).toBeGreaterThan(20);
      for (const f of Object.values(files)) {
        const text = readFileSync(f, 'utf8');
        expect(text).not.toContain(sig);
        expect(text).not.toContain(DEMO_SECRET_KEY);
        expect(text).toContain('REDACTED');
        expect(text).not.toContain('<script>alert');
        expect(text).not.toContain('<img src=x');
      }
      expect(readFileSync(files.html, 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(r.stderr).toContain(`HTML report written to ${files.html}`);
    } finally {
      await server.close();
    }
  });

  it('--response-file writes reports too, with no credentials and no network', async () => {
    const html = join(dir, 'offline.html');
    const r = await runCli(['trace', '--response-file', 'fixtures/traces/690b397c_4aab74f7_e91bb660_200054ed2a6229e_200068d4c6eab7c.json', '--report-html', html], { env: baseEnv() });
    expect(r.code).toBe(0);
    const doc = readEmbeddedData(readFileSync(html, 'utf8')) as { traces: { instances: unknown[] }[] };
    expect(doc.traces[0]!.instances).toHaveLength(3);
    expect((readFileSync(html, 'utf8').match(/<g class="lane"/g) ?? []).length).toBe(3);
  });
});

describe('replay report flags', () => {
  it('writes the histogram from every reply and the table, never the token, with server text escaped', async () => {
    const server = await startRecordingServer((req, res, i) => json(res, i % 5 === 0 ? { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: `${HOSTILE} ${req.query.Sign}` } : { ActionStatus: 'OK', ErrorCode: 0 }));
    const files = { html: join(dir, 'r.html'), md: join(dir, 'r.md') };
    try {
      const token = 'a-callback-token-1234';
      const r = await runCli(
        ['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', 'fixtures/callbacks/tencent/C2C.CallbackAfterSendMsg.json', '--url', server.url, '--token', token, '--repeat', '10', '--report-html', files.html, '--report-markdown', files.md],
        { env: baseEnv() },
      );
      expect(r.code).toBe(1);
      const html = readFileSync(files.html, 'utf8');
      const bars = [...html.matchAll(/<rect class="bar" data-count="(\d+)"/g)].map((m) => Number(m[1]));
      expect(bars).toHaveLength(HISTOGRAM_BINS);
      expect(bars.reduce((a, b) => a + b, 0)).toBe(20);
      expect((html.match(/<tr class="result/g) ?? []).length).toBe(2);
      const md = readFileSync(files.md, 'utf8');
      expect(md).toMatch(/^### chatpush replay — ❌ 16 passed, 4 failed\n/);
      for (const text of [html, md]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain('<script>alert');
        for (const q of server.requests) expect(text).not.toContain(q.query.Sign!);
      }
    } finally {
      await server.close();
    }
  });

  it('refuses an unwritable report path before sending anything', async () => {
    const server = await startRecordingServer();
    try {
      const r = await runCli(['replay', 'fixtures/callbacks/tencent/Push.OfflinePush.json', '--url', server.url, '--report-markdown', join(dir, 'missing', 'r.md')], { env: baseEnv() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^chatpush: cannot write --report-markdown .*missing\/r\.md/);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('stats and loss report flags', () => {
  it('write the funnel and the ranked losses from the sandbox, as HTML and Markdown', async () => {
    const { startSandbox } = await import('../../src/servers/sandbox.js');
    const sandbox = await startSandbox({ sdkappid: 1400000000, secretKey: DEMO_SECRET_KEY, minIntervalMs: 0 });
    const env = baseEnv({ CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY, CHATPUSH_ENDPOINT: sandbox.url });
    const f = (n: string): string => join(dir, n);
    try {
      const s = await runCli(['stats', '--report-html', f('stats.html'), '--report-markdown', f('stats.md'), '--json'], { env });
      expect(s.code, s.stderr).toBe(0);
      const doc = JSON.parse(s.stdout) as { results: { platforms: unknown[] }[] };
      const html = readFileSync(f('stats.html'), 'utf8');
      expect((html.match(/<g class="funnel-row/g) ?? []).length).toBe(doc.results[0]!.platforms.length + 1);
      expect(readEmbeddedData(html)).toEqual(JSON.parse(s.stdout, (k, v: unknown) => (k === 'schemaVersion' ? undefined : v)));
      expect(readFileSync(f('stats.md'), 'utf8')).toMatch(/^### chatpush stats — /);
      const l = await runCli(['loss', '--report-html', f('loss.html'), '--report-markdown', f('loss.md'), '--json'], { env });
      expect(l.code, l.stderr).toBe(0);
      const losses = (JSON.parse(l.stdout) as { results: { losses: unknown[] }[] }).results[0]!.losses;
      expect((readFileSync(f('loss.html'), 'utf8').match(/<tr class="loss-row"/g) ?? []).length).toBe(losses.length);
      expect(readFileSync(f('loss.md'), 'utf8')).toMatch(/^### chatpush loss — /);
      const bad = await runCli(['loss', '--report-html', f('missing/loss.html')], { env });
      expect(bad.code).toBe(2);
    } finally {
      await sandbox.close();
    }
  });
});

describe('trace --task report flags', () => {
  it('task traces get --summary and the reports through the same batch code', async () => {
    const { startSandbox } = await import('../../src/servers/sandbox.js');
    const sandbox = await startSandbox({ sdkappid: 1400000000, secretKey: DEMO_SECRET_KEY, minIntervalMs: 0 });
    const env = baseEnv({ CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: DEMO_SECRET_KEY, CHATPUSH_ENDPOINT: sandbox.url, CHATPUSH_TRACE_INTERVAL_MS: '0' });
    const task = '1400000000_144115212910570789_1767225600_15723514';
    try {
      const r = await runCli(['trace', '--task', task, '--user', 'alice', 'bob', '--summary', '--quiet', '--report-html', join(dir, 'task.html'), '--junit', join(dir, 'task.xml')], { env });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^Summary of 2 traces: 1 failed · 1 clicked\n/);
      const html = readFileSync(join(dir, 'task.html'), 'utf8');
      expect((html.match(/<section class="trace"/g) ?? []).length).toBe(2);
      expect(html).toContain(`${task}/bob`);
      const xml = readFileSync(join(dir, 'task.xml'), 'utf8');
      expect(xml).toContain(`name="${task}/alice"`);
      expect(xml.match(/<failure /g)).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});
