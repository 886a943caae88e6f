#!/usr/bin/env node
// The chatpush command. CommonJS on purpose (bin/package.json): start-up is most of a CLI's cost, and an ES
// module entry costs ~10 ms before any code runs. `--version` is answered before the bundle is even read.
// The bundle (dist/chatpush.cjs, one file) runs from V8's code cache, kept beside it as chatpush.cjs.v8cache:
// compiling its ~400 KB was most of what `chatpush --help` spent (bench/startup.mjs). Node ≥ 22 has
// module.enableCompileCache for this; Node 20 needs vm.Script's cachedData. A cache made by another Node
// version is rejected by V8 and rewritten; where it cannot be written (a read-only install) chatpush compiles.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const argv = process.argv;
if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
  try {
    fs.writeSync(1, `${require('../package.json').version}\n`);
  } catch {
    // stdout closed (`| head`): nothing to say.
  }
} else {
  const vm = require('node:vm');
  const Module = require('node:module');
  const bundle = path.join(__dirname, '..', 'dist', 'chatpush.cjs');
  const cacheFile = `${bundle}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // latin1: the bundle is ASCII (scripts/build.mjs checks), and reading it so is cheaper than decoding UTF-8.
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'latin1')), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, when the functions this run needed have been compiled too; atomically, as two runs may race.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    });
  }
  // A vm.Script cannot call import(); the bundle imports its external libraries through this one.
  globalThis.__chatpushImport = (specifier) => import(specifier);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  // main ends the process itself once its output is written; if some is still queued, the event loop drains it.
  mod.exports.main(argv).then((code) => {
    process.exitCode = code;
  });
}
