#!/usr/bin/env node
// Writes dist/chatpush.cjs.v8cache, the V8 code cache bin/chatpush.js starts the bundle from, with the functions
// of two runs already compiled: `chatpush --help` (argument parsing and help, which every command shares) and
// `chatpush usersig gen` (output, colour, config and credentials, the path of the commands that only read
// settings and print). Both run in this one process, so the cache holds both; it costs ~50 KB more to read than
// the --help path alone and saves compiling those functions at every start (bench/startup.mjs).
// The Script must be made exactly as bin/chatpush.js makes it (same source text and file name), or V8 rejects
// the cache; bin/chatpush.js then compiles and writes its own.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'chatpush.cjs');
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'latin1')), { filename: bundle });
globalThis.__chatpushImport = (specifier) => import(specifier);
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));

// A throw-away config folder and a made-up app: the warm-up must not read or change the developer's settings.
// Output goes nowhere; passing streams also keeps main from ending this process after the first command.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatpush-warm-'));
const env = { CHATPUSH_CONFIG_DIR: configDir, CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_SECRET_KEY: 'code-cache-warm-up' };
const discard = { write: () => true };
const streams = { stdin: process.stdin, stdout: discard, stderr: discard, isTTY: { stdin: false, stdout: false, stderr: false } };

(async () => {
  try {
    for (const args of [['--help'], ['usersig', 'gen']]) {
      const code = await mod.exports.main([process.execPath, bundle, ...args], { env, streams });
      if (code !== 0) throw new Error(`chatpush ${args.join(' ')} exited ${code} while warming the code cache`);
    }
    fs.writeFileSync(`${bundle}.v8cache`, script.createCachedData());
  } finally {
    fs.rmSync(configDir, { recursive: true, force: true });
  }
})().catch((err) => {
  console.error(`warm-code-cache: ${err.message}`);
  process.exitCode = 1;
});
