// Startup: median wall time of chatpush commands against `node -e 0`, measured in the same run, interleaved
// so machine noise hits baseline and subject alike, with the order rotated from round to round so that no case
// always runs in the same place (first after the previous round's heaviest run, say). Targets (issue 15,
// tightened from issue 6's 1.3/1.5/1.6): --version ≤ 1.1×, --help ≤ 1.2×, usersig gen ≤ 1.3×.
import { BIN, ROOT, median, run, scratch, verdict } from './lib.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// 31 rounds: on these shared 2-core machines a median of 21 still moved by ±0.08 between runs.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
const cfg = scratch();
// NO_COLOR is left unset, as most users have it: stdout is a pipe here, so chatpush decides colour is off itself.
const env = { CHATPUSH_CONFIG_DIR: cfg, CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: 'bench-key-not-a-secret', NO_COLOR: undefined };
writeFileSync(join(cfg, 'config.json'), JSON.stringify({ profiles: { default: { region: 'sgp' } } }));

const cases = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'chatpush --version', args: [BIN, '--version'], target: 1.1 },
  { name: 'chatpush --help', args: [BIN, '--help'], target: 1.2 },
  { name: 'chatpush usersig gen', args: [BIN, 'usersig', 'gen'], target: 1.3 },
  // For information: the official package making the same UserSig in a two-line script.
  { name: 'tls-sig-api-v2 script', args: [join(ROOT, 'bench', 'usersig-official.cjs')], info: true },
];

export async function benchStartup() {
  const times = cases.map(() => []);
  for (let i = 0; i < 2; i++) for (const c of cases) await run(process.execPath, c.args, { env }); // warm the fs cache
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (r + k) % cases.length;
      const c = cases[i];
      const res = await run(process.execPath, c.args, { env });
      if (res.code !== 0 && !process.env.BENCH_IGNORE_EXIT) throw new Error(`${c.name} exited ${res.code}: ${res.stderr}`);
      times[i].push(res.ms);
    }
  }
  const base = median(times[0]);
  console.log(`startup: median of ${ROUNDS} runs; node -e 0 = ${base.toFixed(1)} ms`);
  let ok = true;
  for (const [i, c] of cases.entries()) {
    const m = median(times[i]);
    if (c.info) console.log(`info  ${`${c.name} (${m.toFixed(1)} ms)`.padEnd(46)} ${(m / base).toFixed(3)}×  of node -e 0`);
    if (!c.target) continue;
    ok = verdict(`${c.name} (${m.toFixed(1)} ms)`, m / base, c.target) && ok;
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchStartup()) ? 0 : 1;
