// One `chatpush trace <PushID> --json` against a local server, as a whole process, against the floor of
// bench/trace-baseline.mjs (node:http + node:crypto: the same UserSig, the same request, the reply printed as
// JSON). Issue 15 targets: wall time ≤ 1.3× the floor's; peak RSS ≤ 60 MiB. Before timing, both are run once
// against a recording server and their requests compared (path, query keys, body bytes, and the UserSig
// re-signed at its own time with the bench key), so the floor is doing the same work.
import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { BIN, ROOT, compare, getJson, median, run, scratch, startServer, verdict } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_TRACE_ROUNDS ?? 11);
const SDKAPPID = '1400000000';
const IDENTIFIER = 'administrator';
const KEY = 'bench-key-not-a-secret';
const traces = join(ROOT, 'fixtures', 'traces');
export const SAMPLE = readdirSync(traces).filter((n) => n.endsWith('.json')).sort()[0];
const PUSH_ID = SAMPLE.replace(/\.json$/, '');

export function traceEnv(dir, endpoint) {
  return { CHATPUSH_CONFIG_DIR: dir, CHATPUSH_SDKAPPID: SDKAPPID, CHATPUSH_IDENTIFIER: IDENTIFIER, CHATPUSH_SECRET_KEY: KEY, CHATPUSH_ENDPOINT: endpoint };
}

/** Decodes a UserSig and checks it is the one TLSSigAPIv2 gives for the bench app at its own TLS.time. */
function checkUserSig(usersig) {
  const doc = JSON.parse(inflateSync(Buffer.from(usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString('utf8'));
  const content = `TLS.identifier:${IDENTIFIER}\nTLS.sdkappid:${SDKAPPID}\nTLS.time:${doc['TLS.time']}\nTLS.expire:${doc['TLS.expire']}\n`;
  const sig = createHmac('sha256', KEY).update(content).digest('base64');
  const keys = Object.keys(doc).join(',');
  if (doc['TLS.sig'] !== sig || keys !== 'TLS.ver,TLS.identifier,TLS.sdkappid,TLS.time,TLS.expire,TLS.sig' || doc['TLS.expire'] !== 86400) {
    throw new Error(`not the same UserSig: ${keys}, expire ${doc['TLS.expire']}`);
  }
}

async function sameRequest(env) {
  const rec = await startServer({ RECORD_REQUESTS: '1', REPLY_FILE: join(traces, SAMPLE) });
  try {
    const e = { ...env, CHATPUSH_ENDPOINT: rec.url };
    const a = await run(process.execPath, [join(ROOT, 'bench', 'trace-baseline.mjs'), rec.url, SDKAPPID, IDENTIFIER, PUSH_ID], { env: e });
    const b = await run(process.execPath, [BIN, 'trace', PUSH_ID, '--json'], { env: e });
    if (a.code !== 0 || b.code !== 0) throw new Error(`trace exited ${b.code}, the floor ${a.code}: ${b.stderr}${a.stderr}`);
    const { requests } = await getJson(`${rec.url}/requests`);
    if (requests.length !== 2) throw new Error(`expected 2 requests, got ${requests.length}`);
    const [x, y] = requests.map((r) => ({ ...r, u: new URL(r.url, rec.url) }));
    const keys = (r) => [...r.u.searchParams.keys()].join('&');
    if (x.u.pathname !== y.u.pathname || keys(x) !== keys(y) || x.body !== y.body || x.headers['content-type'] !== y.headers['content-type']) {
      throw new Error(`the floor does not send the same request: ${x.url} ${x.body} vs ${y.url} ${y.body}`);
    }
    for (const r of [x, y]) checkUserSig(r.u.searchParams.get('usersig'));
    if (!JSON.parse(b.stdout).traces?.[0]) throw new Error('trace --json printed no trace');
  } finally {
    rec.stop();
  }
}

export async function benchTrace() {
  const dir = scratch();
  const server = await startServer({ REPLY_FILE: join(traces, SAMPLE) });
  const env = traceEnv(dir, server.url);
  try {
    await sameRequest(env);
    const cases = [
      { name: 'floor', args: [join(ROOT, 'bench', 'trace-baseline.mjs'), server.url, SDKAPPID, IDENTIFIER, PUSH_ID] },
      { name: 'chatpush', args: [BIN, 'trace', PUSH_ID, '--json'] },
    ];
    const ms = cases.map(() => []);
    const rss = cases.map(() => []);
    const cpu = cases.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < cases.length; k++) {
        const i = (r + k) % cases.length;
        // Wall time without the usage preload (an ESM --import costs start-up time); RSS and CPU with it.
        const t = await run(process.execPath, cases[i].args, { env });
        const u = await run(process.execPath, cases[i].args, { env, usage: true });
        if (t.code !== 0 || u.code !== 0) throw new Error(`${cases[i].name} exited ${t.code}/${u.code}: ${t.stderr}`);
        ms[i].push(t.ms);
        rss[i].push(u.maxRssKiB / 1024);
        cpu[i].push(u.cpuMs);
      }
    }
    const [fm, cm] = ms.map(median);
    console.log(`trace ${PUSH_ID.slice(0, 8)}… --json, whole process, median of ${ROUNDS}: CPU ${median(cpu[1]).toFixed(0)} ms vs floor ${median(cpu[0]).toFixed(0)} ms`);
    const a = compare('trace <PushID> --json wall time', cm, fm, 1.3, { peerName: 'node:http script' });
    const b = compare('trace <PushID> --json peak RSS', median(rss[1]), median(rss[0]), undefined, { unit: 'MiB', peerName: 'node:http script' });
    const c = verdict('trace <PushID> --json peak RSS (MiB)', median(rss[1]), 60, ' MiB');
    return a && b && c;
  } finally {
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchTrace()) ? 0 : 1;
