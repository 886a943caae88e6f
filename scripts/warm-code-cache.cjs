#!/usr/bin/env node
// Writes the V8 code caches bin/chatpush.js starts the bundles from (dist/<bundle>.v8cache), each with the
// functions of a typical run already compiled:
// - dist/chatpush.cjs (the whole program): `chatpush --help` (argument parsing and help, which every command
//   shares) and `chatpush usersig gen` (output, colour, config and credentials);
// - the bundles of the commands that work offline, with a run of that command: usersig gen, webhook sign,
//   fixtures list, explain, config list (bench/startup.mjs and bench/commands.mjs time the first three).
// The bundles of the commands that call a service (trace, stats, loss, online, doctor, ...) get no cache here:
// their first real run writes one holding the functions that run needed, as in an installed package, where no
// cache is shipped (package.json "files"); a cache made here from `--help` alone would be accepted and never
// replaced, and every later run would compile the request and rendering code again.
// The whole program is compiled and run here, by bin/chatpush.js's own loadBundle (the Script text V8 checks
// before it accepts a cache is then the command's). A command's bundle is warmed by running the command itself,
// in a child process with its output in a pipe: bin/chatpush.js writes the cache at exit, as it does at a first
// run, so it holds what a real run compiles, the writing of the output to a pipe included (in-process, with the
// output discarded, those functions were compiled again at every run).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { loadBundle } = require('../bin/chatpush.js');

const dist = path.join(__dirname, '..', 'dist');
const WARM = [
  ['chatpush.cjs', [['--help'], ['usersig', 'gen']]],
  ['chatpush-usersig.cjs', [['usersig', 'gen']]],
  ['chatpush-webhook.cjs', [['webhook', 'sign', '--token', 'code-cache-warm-up', '--time', '1700000000']]],
  ['chatpush-fixtures.cjs', [['fixtures', 'list']]],
  ['chatpush-explain.cjs', [['explain', '70009']]],
  ['chatpush-config.cjs', [['config', 'list']]],
];

// A throw-away config folder and a made-up app: the warm-up must not read or change the developer's settings.
// Output goes nowhere; passing streams also keeps main from ending this process after the first command.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatpush-warm-'));
// With a config file, as most users have one: reading and checking it is then part of each cache too.
fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ profiles: { default: { region: 'sgp' } } }), { mode: 0o600 });
const env = { CHATPUSH_CONFIG_DIR: configDir, CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: 'code-cache-warm-up' };
const discard = { write: () => true };
const streams = { stdin: process.stdin, stdout: discard, stderr: discard, isTTY: { stdin: false, stdout: false, stderr: false } };

/** Runs `chatpush <args>` so that it writes its bundle's cache (removed first), and checks that it did. */
function warmByRun(file, args) {
  const cache = path.join(dist, `${file}.v8cache`);
  fs.rmSync(cache, { force: true });
  const bin = path.join(__dirname, '..', 'bin', 'chatpush.js');
  const r = spawnSync(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`chatpush ${args.join(' ')} exited ${r.status} while warming the code cache: ${String(r.stderr).slice(0, 300)}`);
  if (!fs.existsSync(cache)) throw new Error(`chatpush ${args.join(' ')} wrote no ${path.basename(cache)}`);
}

async function warm(file, runs) {
  if (file !== 'chatpush.cjs') {
    for (const args of runs) warmByRun(file, args);
    return;
  }
  const bundle = path.join(dist, file);
  const { script, main } = loadBundle(bundle, fs.readFileSync(bundle, 'latin1'), undefined);
  for (const args of runs) {
    const code = await main([process.execPath, bundle, ...args], { env, streams });
    if (code !== 0) throw new Error(`chatpush ${args.join(' ')} (${file}) exited ${code} while warming the code cache`);
  }
  fs.writeFileSync(`${bundle}.v8cache`, script.createCachedData());
}

(async () => {
  try {
    for (const [file, runs] of WARM) await warm(file, runs);
  } finally {
    fs.rmSync(configDir, { recursive: true, force: true });
  }
})().catch((err) => {
  console.error(`warm-code-cache: ${err.message}`);
  process.exitCode = 1;
});
