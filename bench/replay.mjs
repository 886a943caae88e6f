// Replay throughput, rate accuracy and memory (issue 6):
// - `replay --repeat 20000 --concurrency 64` as a whole process takes ≤ 1/0.7 of the time a minimal undici Pool
//   script takes for the same posts (pool-baseline.mjs), measured in the same run, alternating, median of 3;
// - `--rate R` holds R within ±3 % over 5 s (arrival times recorded by the server);
// - peak RSS of `--repeat 50000` < 200 MiB and < 1.5× that of `--repeat 5000`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, median, run, scratch, verdict } from './lib.mjs';

const FIXTURE = join(ROOT, 'fixtures', 'callbacks', 'Push.OfflinePush.json');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20000);
const CONC = 64;
const cfg = scratch();

function startServer(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'ok-server.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ url: `http://127.0.0.1:${String(d).trim()}`, stop: () => child.kill('SIGTERM') }));
    child.on('error', reject);
  });
}

async function get(url) {
  const { request } = await import('undici');
  const res = await request(url);
  return res.statusCode === 204 ? undefined : res.body.json();
}

function replayArgs(url, extra) {
  return [BIN, 'replay', FIXTURE, '--url', `${url}/im`, '--json', ...extra];
}

const env = { CHATPUSH_CONFIG_DIR: cfg };

export async function benchThroughput() {
  const server = await startServer();
  try {
    const chat = [];
    const base = [];
    for (let i = 0; i < 3; i++) {
      const b = await run(process.execPath, [join(ROOT, 'bench', 'pool-baseline.mjs'), `${server.url}/im`, FIXTURE, String(REPEAT), String(CONC)], { env });
      if (b.code !== 0) throw new Error(`baseline failed: ${b.stderr}`);
      base.push(b.ms);
      const r = await run(process.execPath, replayArgs(server.url, ['--repeat', String(REPEAT), '--concurrency', String(CONC)]), { env });
      if (r.code !== 0) throw new Error(`replay exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      chat.push(r.ms);
    }
    const ratio = median(chat) / median(base);
    console.log(`replay: ${REPEAT} posts at concurrency ${CONC}: chatpush ${median(chat).toFixed(0)} ms, undici Pool floor ${median(base).toFixed(0)} ms (${(REPEAT / (median(chat) / 1000)).toFixed(0)} req/s vs ${(REPEAT / (median(base) / 1000)).toFixed(0)} req/s)`);
    return verdict('replay time / Pool floor (≥ 70 % of the floor)', ratio, +(1 / 0.7).toFixed(3));
  } finally {
    server.stop();
  }
}

export async function benchRate() {
  const RATE = Number(process.env.BENCH_RATE ?? 200);
  const SECONDS = 5;
  const server = await startServer({ RECORD_ARRIVALS: '1' });
  try {
    await get(`${server.url}/reset`);
    const n = RATE * SECONDS + 1;
    const r = await run(process.execPath, replayArgs(server.url, ['--repeat', String(n), '--concurrency', '8', '--rate', String(RATE)]), { env });
    if (r.code !== 0) throw new Error(`replay --rate exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    const { arrivals } = await get(`${server.url}/stats`);
    arrivals.sort((a, b) => a - b);
    const span = (arrivals[arrivals.length - 1] - arrivals[0]) / 1000;
    const achieved = (arrivals.length - 1) / span;
    const err = Math.abs(achieved - RATE) / RATE;
    console.log(`rate: asked ${RATE}/s, achieved ${achieved.toFixed(2)}/s over ${span.toFixed(2)} s (${arrivals.length} requests)`);
    return verdict('|achieved − asked| / asked', err * 100, 3, ' %');
  } finally {
    server.stop();
  }
}

export async function benchMemory() {
  const server = await startServer();
  try {
    const rss = {};
    for (const n of [5000, 50000]) {
      const r = await run(process.execPath, replayArgs(server.url, ['--repeat', String(n), '--concurrency', String(CONC)]), { env, usage: true });
      if (r.code !== 0) throw new Error(`replay --repeat ${n} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      rss[n] = r.maxRssKiB / 1024;
    }
    console.log(`memory: peak RSS --repeat 5000 = ${rss[5000].toFixed(1)} MiB, --repeat 50000 = ${rss[50000].toFixed(1)} MiB`);
    const a = verdict('peak RSS of --repeat 50000 (MiB)', rss[50000], 200, ' MiB');
    const b = verdict('peak RSS 50000 / 5000', rss[50000] / rss[5000], 1.5);
    return a && b;
  } finally {
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = [await benchThroughput(), await benchRate(), await benchMemory()];
  process.exitCode = results.every(Boolean) ? 0 : 1;
}
