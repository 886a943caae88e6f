#!/usr/bin/env node
// The larger hostile-input campaign (`npm run fuzz`): the same fast-check properties as test/hostile/ (mutated
// trace answers, --response-file contents, fixtures, backend replies, and raw requests to listen/sandbox),
// with many more runs and a fresh random seed, every CLI run measured (wall time and peak RSS through
// /usr/bin/time). Prints and writes a summary: cases per kind, failures, time, peak memory.
//
//   npm run fuzz                      # FUZZ_RUNS=300 per property
//   FUZZ_RUNS=1000 FUZZ_SEED=42 npm run fuzz
//
// Needs a build (npm run fuzz builds first). Exit status 1 when any property failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const dir = mkdtempSync(join(tmpdir(), 'chatpush-fuzz-'));
const report = join(dir, 'runs.jsonl');
writeFileSync(report, '');

const started = performance.now();
const vitest = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/hostile/fuzz.test.ts', 'test/hostile/servers.test.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    FUZZ_RUNS: String(runs),
    FUZZ_SEED: seed,
    FUZZ_REPORT: report,
    CHATPUSH_HOSTILE_MEASURE: existsSync('/usr/bin/time') ? '1' : '0',
  },
});
const seconds = (performance.now() - started) / 1000;

const lines = readFileSync(report, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const kinds = new Map();
for (const r of lines) {
  const k = kinds.get(r.kind) ?? { cases: 0, failed: 0, maxMs: 0, sumMs: 0, maxRssKb: 0, codes: {} };
  k.cases++;
  if (!r.ok) k.failed++;
  k.sumMs += r.ms;
  k.maxMs = Math.max(k.maxMs, r.ms);
  if (r.maxRssKb) k.maxRssKb = Math.max(k.maxRssKb, r.maxRssKb);
  k.codes[r.code] = (k.codes[r.code] ?? 0) + 1;
  kinds.set(r.kind, k);
}
const summary = {
  seed,
  runsPerProperty: runs,
  wallSeconds: Math.round(seconds),
  measuredCliRuns: lines.length,
  // listen and sandbox requests go to one long-running process each (servers.test.ts), not measured per request.
  listenRequests: runs,
  sandboxRequests: runs,
  failedCliRuns: lines.filter((r) => !r.ok).length,
  peakCliRssMb: Math.round(Math.max(0, ...lines.map((r) => r.maxRssKb ?? 0)) / 1024),
  kinds: Object.fromEntries([...kinds].map(([k, v]) => [k, { cases: v.cases, failed: v.failed, meanMs: Math.round(v.sumMs / v.cases), maxMs: v.maxMs, peakRssMb: Math.round(v.maxRssKb / 1024), exitCodes: v.codes }])),
  vitestExit: vitest.status,
};
const out = join(root, 'fuzz-campaign.json');
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
console.log(`summary written to ${out}`);
rmSync(dir, { recursive: true, force: true });
process.exit(vitest.status === 0 && summary.failedCliRuns === 0 ? 0 : 1);
