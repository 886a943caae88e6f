// Start-up of the v2 commands (issue 15): each whole process against the floor of doing its work by hand.
// stats, loss, online and doctor each make one REST request: their floor is bench/trace-baseline.mjs sending the
// same request (the API path and body chatpush sent, captured first) to the same server, so the floor is
// `node -e 0` plus that request. fixtures and webhook make none: their floor is `node -e 0`. Target ≤ 1.3×.
// The server is chatpush's own sandbox (every API, from sample data) run in this process without its rate
// limit; a command that exits with a verdict (7: no such user) still counts, one that crashes fails the bench.
import { join } from 'node:path';
import { BIN, ROOT, compare, getJson, median, run, scratch, startServer } from './lib.mjs';
import { loadSandbox } from './pacing.mjs';
import { traceEnv } from './trace.mjs';

const ROUNDS = Number(process.env.BENCH_COMMAND_ROUNDS ?? 15);
const KEY = 'bench-key-not-a-secret';

const REST = [
  { name: 'stats', args: ['stats', '--json'] },
  { name: 'loss', args: ['loss', '--json'] },
  { name: 'online', args: ['online', 'alice', '--json'] },
  { name: 'doctor', args: ['doctor', '--json'] },
];
const LOCAL = [
  { name: 'fixtures list', args: ['fixtures', 'list', '--json'] },
  { name: 'webhook sign', args: ['webhook', 'sign', '--token', 'bench-token', '--time', '1700000000'] },
];

let help;
async function exists(command) {
  help ??= (await run(process.execPath, [BIN, '--help'])).stdout;
  return new RegExp(`^\\s+${command}\\b`, 'm').test(help);
}

/** The API path and body each command sends, recorded from chatpush itself. */
async function capture(cases, dir) {
  const rec = await startServer({ RECORD_REQUESTS: '1' });
  try {
    for (const c of cases) {
      await getJson(`${rec.url}/reset`);
      await run(process.execPath, [BIN, ...c.args], { env: traceEnv(dir, rec.url) });
      const { requests } = await getJson(`${rec.url}/requests`);
      if (requests.length !== 1) throw new Error(`${c.name} sent ${requests.length} requests, expected 1`);
      c.api = new URL(requests[0].url, rec.url).pathname.slice(1);
      c.body = Buffer.from(requests[0].body, 'base64').toString('utf8');
    }
  } finally {
    rec.stop();
  }
}

export async function benchCommands() {
  const rest = [];
  for (const c of REST) if (await exists(c.args[0])) rest.push({ ...c });
  const local = [];
  for (const c of LOCAL) if (await exists(c.args[0])) local.push({ ...c });
  const missing = [...REST, ...LOCAL].filter((c) => !rest.some((r) => r.name === c.name) && !local.some((l) => l.name === c.name));
  for (const c of missing) console.log(`skip  ${c.name}: not a command of this build yet`);
  if (rest.length + local.length === 0) return true;
  const dir = scratch();
  await capture(rest, dir);
  const { startSandbox } = await loadSandbox();
  const sandbox = await startSandbox({ port: 0, sdkappid: 1400000000, secretKey: KEY, minIntervalMs: 0, fixturesDir: join(ROOT, 'fixtures') });
  const env = traceEnv(dir, sandbox.url);
  try {
    const cases = [{ name: 'node -e 0', args: ['-e', '0'] }];
    for (const c of rest) {
      cases.push({ name: c.name, args: [BIN, ...c.args], rest: true });
      cases.push({ name: `${c.name} floor`, args: [join(ROOT, 'bench', 'trace-baseline.mjs'), sandbox.url, '1400000000', 'administrator', '-', c.api, c.body] });
    }
    for (const c of local) cases.push({ name: c.name, args: [BIN, ...c.args] });
    const ms = cases.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < cases.length; k++) {
        const i = (r + k) % cases.length;
        const res = await run(process.execPath, cases[i].args, { env });
        if (res.code !== 0 && !(cases[i].rest && [1, 7].includes(res.code))) throw new Error(`${cases[i].name} exited ${res.code}: ${res.stderr.slice(0, 300)}`);
        ms[i].push(res.ms);
      }
    }
    const at = (name) => median(ms[cases.findIndex((c) => c.name === name)]);
    console.log(`v2 commands, whole process, median of ${ROUNDS}; node -e 0 = ${at('node -e 0').toFixed(1)} ms`);
    let ok = true;
    for (const c of rest) ok = compare(`${c.name} (one ${c.api.split('/').pop()} request)`, at(c.name), at(`${c.name} floor`), 1.3, { peerName: 'node -e 0 + request' }) && ok;
    for (const c of local) ok = compare(c.name, at(c.name), at('node -e 0'), 1.3, { peerName: 'node -e 0' }) && ok;
    return ok;
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchCommands()) ? 0 : 1;
