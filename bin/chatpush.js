#!/usr/bin/env node
// The chatpush command. CommonJS on purpose (bin/package.json): start-up is most of a CLI's cost, and an ES
// module entry costs ~10 ms before any code runs. `--version` is answered before any bundle is read, `--help`
// off a terminal from dist/help.txt. A command runs from its own bundle, dist/chatpush-<command>.cjs (the whole
// program's main.ts and cli.ts, with only that command's modules), anything else from dist/chatpush.cjs (every
// command); see scripts/build.mjs. A bundle runs from V8's code cache, kept beside it as <bundle>.v8cache:
// compiling was most of what a short command spent (bench/startup.mjs). Node >= 22 has module.enableCompileCache
// for this; Node 20 needs vm.Script's cachedData. A cache made by another Node version is rejected by V8 and
// rewritten. A read-only install keeps its caches in the user's cache folder.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Required for commandWord (test/unit/cli-one-command.test.ts) and loadBundle (scripts/warm-code-cache.cjs);
// run as the command otherwise.
if (require.main === module) start(process.argv);
module.exports = { commandWord, loadBundle };

function start(argv) {
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    try {
      fs.writeSync(1, `${require('../package.json').version}\n`);
    } catch {
      // stdout closed (`| head`): nothing to say.
    }
  } else if (argv.length === 3 && (argv[2] === '--help' || argv[2] === '-h') && helpFromCache()) {
    // Answered from dist/help.txt (see helpFromCache).
  } else {
    // latin1: the bundle is ASCII (scripts/build.mjs checks), and reading it so is cheaper than decoding UTF-8.
    let bundle = path.join(__dirname, '..', 'dist', `chatpush-${commandWord(argv)}.cjs`);
    let source;
    try {
      source = fs.readFileSync(bundle, 'latin1');
    } catch {
      bundle = path.join(__dirname, '..', 'dist', 'chatpush.cjs');
      source = fs.readFileSync(bundle, 'latin1');
    }
    const cacheFile = codeCachePath(bundle, source.length);
    let cachedData;
    try {
      cachedData = cacheFile === undefined ? undefined : fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const { script, main } = loadBundle(bundle, source, cachedData);
    if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
      // Written at exit, when the functions this run needed have been compiled too; atomically, as two runs may race.
      process.once('exit', () => writeCodeCache(cacheFile, script.createCachedData()));
    }
    // main ends the process itself once its output is written; if some is still queued, the event loop drains it.
    main(argv).then((code) => {
      process.exitCode = code;
    });
  }
}

/**
 * Compiles a bundle (with its code cache when given) and runs its top level; returns the Script (for its cache)
 * and the bundle's main. The same Script text here and in scripts/warm-code-cache.cjs, which warms the caches
 * with this function, or V8 would reject them: the CommonJS wrapper as node:module's Module.wrap writes it. The
 * bundle gets this file's require (bin/ and dist/ resolve alike), and, as a vm.Script cannot call import(), a
 * global import function for its external libraries.
 */
function loadBundle(bundle, source, cachedData) {
  const vm = require('node:vm');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: bundle, cachedData });
  globalThis.__chatpushImport = (specifier) => import(specifier);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require, mod, bundle, path.dirname(bundle));
  return { script, main: mod.exports.main };
}

/**
 * The command argv runs, by the rule of src/cli.ts's commandNamed (test/unit/cli-one-command.test.ts holds them
 * together): the first word after the global flags (--profile takes a value). Each command has its own bundle,
 * dist/chatpush-<command>.cjs (scripts/build.mjs), a fraction of the whole program's size; anything else (no
 * command, an option first, `help`, a typo, a command without its own bundle) gets dist/chatpush.cjs, whose file
 * name the returned word then does not match.
 */
function commandWord(args) {
  for (let i = 2; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--profile') i++;
    else if (arg.startsWith('--profile=') || arg === '--json' || arg === '-q' || arg === '--quiet' || arg === '-v' || arg === '--verbose' || arg === '--no-color') continue;
    else if (arg.startsWith('-') || !/^[a-z]+$/.test(arg)) return '';
    else return arg;
  }
  return '';
}

/**
 * Where the code cache lives: beside the bundle, or, when the install is read-only (a global install by root, a
 * container image), in the user's cache folder, named by Node version and bundle size so that two versions of
 * either do not overwrite each other's cache at every start. Undefined when there is no such folder.
 */
function codeCachePath(bundle, size) {
  try {
    fs.accessSync(path.dirname(bundle), fs.constants.W_OK);
    return `${bundle}.v8cache`;
  } catch {
    const env = process.env;
    const home = env.HOME || env.USERPROFILE;
    const base =
      env.XDG_CACHE_HOME ||
      (process.platform === 'win32' ? env.LOCALAPPDATA : home && path.join(home, process.platform === 'darwin' ? 'Library/Caches' : '.cache'));
    return base ? path.join(base, 'chatpush', `${path.basename(bundle, '.cjs')}@${process.version}-${size}.v8cache`) : undefined;
  }
}

/**
 * Writes the cache atomically; best effort (a cache is only ever an optimisation). In the user's cache folder,
 * the caches of the same bundle made by other Node versions or chatpush builds are removed (and those of builds
 * before the bundles were per command, named without "<bundle>@"), so that upgrades do not pile them up.
 */
function writeCodeCache(file, data) {
  const tmp = `${file}.${process.pid}`;
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    if (path.basename(dir) !== 'chatpush') return;
    for (const old of fs.readdirSync(dir)) {
      const owner = old.includes('@') ? old.slice(0, old.indexOf('@')) : '';
      const mine = path.basename(file).slice(0, path.basename(file).indexOf('@'));
      if (old.endsWith('.v8cache') && old !== path.basename(file) && (owner === mine || owner === '')) fs.rmSync(path.join(dir, old), { force: true });
    }
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * `chatpush --help` off a terminal and without forced colour is always the same text: the build writes it to
 * dist/help.txt (scripts/build.mjs), and it is printed from there without loading the bundle (issue 15). On a
 * terminal (width, colour), with FORCE_COLOR, or without the file, the bundle answers. A character device may be a
 * terminal: fstat cannot tell without node:tty, so those go to the bundle too. Returns whether it answered.
 */
function helpFromCache() {
  if (process.env.FORCE_COLOR !== undefined) return false;
  let text;
  try {
    if (fs.fstatSync(1).isCharacterDevice()) return false;
    text = fs.readFileSync(path.join(__dirname, '..', 'dist', 'help.txt'));
  } catch {
    return false;
  }
  try {
    fs.writeSync(1, text);
  } catch {
    // stdout closed (`| head`): nothing to say.
  }
  return true;
}
