// Batch pacing (issue 15): `chatpush trace <N PushIDs>` against the sandbox, which enforces the API's 1 call/s
// (60018 for a request less than 1000 ms after the previous accepted one, src/servers/sandbox.ts). The sandbox
// is chatpush's own code (bundled here from src/ with esbuild) run in this process so that every answer's time
// is recorded to the millisecond. Targets: no 60018, ever; requests accepted 1 s apart (mean spacing ≤ 1.05×
// of 1000 ms); the whole process ≤ 1.05× the 1 request/s floor of N s. N is 10 by default (~10 s);
// BENCH_PACING_N=100 runs issue 15's 100 PushIDs (~100 s).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, compare, run, scratch, verdict } from './lib.mjs';
import { traceEnv } from './trace.mjs';

const KEY = 'bench-key-not-a-secret';

/** chatpush's sandbox (src/servers/sandbox.ts), bundled from src/ to run in this process. */
export async function loadSandbox() {
  // Inside the package (node_modules/.cache), so that the packages it leaves external resolve from there.
  const out = join(ROOT, 'node_modules', '.cache', 'chatpush-bench', `sandbox-${process.pid}.mjs`);
  process.once('exit', () => rmSync(out, { force: true }));
  await build({ entryPoints: [join(ROOT, 'src', 'servers', 'sandbox.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error', packages: 'external' });
  return import(pathToFileURL(out).href);
}

export async function benchPacing() {
  const N = Number(process.env.BENCH_PACING_N ?? 10);
  const { startSandbox } = await loadSandbox();
  const seen = [];
  const sandbox = await startSandbox({
    port: 0,
    sdkappid: 1400000000,
    secretKey: KEY,
    tracesDir: join(ROOT, 'fixtures', 'traces'),
    fixturesDir: join(ROOT, 'fixtures'),
    onRequest: (e) => seen.push({ at: performance.now(), code: e.errorCode }),
  });
  try {
    const ids = Array.from({ length: N }, (_, i) => `${(0x69080165 + i).toString(16)}_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c`);
    const r = await run(process.execPath, [BIN, 'trace', ...ids, '--json'], { env: traceEnv(scratch(), sandbox.url) });
    if (![0, 1, 7].includes(r.code)) throw new Error(`trace exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    const limited = seen.filter((s) => s.code === 60018).length;
    const ok = seen.filter((s) => s.code !== 60018);
    if (ok.length !== N) throw new Error(`the sandbox accepted ${ok.length} requests for ${N} PushIDs`);
    const gaps = ok.slice(1).map((s, i) => s.at - ok[i].at);
    const mean = (ok[ok.length - 1].at - ok[0].at) / (N - 1);
    console.log(`pacing: ${N} PushIDs against the sandbox: ${(r.ms / 1000).toFixed(2)} s; gaps between accepted requests min ${Math.min(...gaps).toFixed(0)} ms, max ${Math.max(...gaps).toFixed(0)} ms`);
    const a = verdict('60018 answers drawn from the sandbox', limited, 0, '');
    const b = compare('mean spacing of requests', mean, 1000, 1.05, { peerName: '1 req/s' });
    const c = compare(`${N} PushIDs, whole process`, r.ms / 1000, N, 1.05, { unit: 's', peerName: `${N} × 1 s` });
    return a && b && c;
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchPacing()) ? 0 : 1;
