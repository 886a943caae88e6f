#!/usr/bin/env node
// Builds dist/chatpush.cjs with esbuild: src/ plus commander and chalk in one readable (not minified) CommonJS
// file with a source map; and beside it one bundle per command (dist/chatpush-<command>.cjs, see below). Type checking is tsc's job (`npm run build` runs it first).
//
// Why one CommonJS file: start-up is most of a CLI's cost. On the 2-core machines an ES module entry costs
// ~10 ms more than a CommonJS one before any code runs, and resolving and loading ~25 separate modules (ours,
// commander's, chalk's) costs more than reading one file; bin/chatpush.js then runs this file from V8's code
// cache (bench/startup.mjs; README "Performance"). The heavy libraries stay outside the bundle and are loaded
// only by the commands that use them: cli-table3 (TTY tables), jsonc-parser (fixtures), ajv (callback schemas),
// proper-lockfile (config writes), and the ES-module-only ora (spinner).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampPath, writeStamp } from './lib/build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// commander requires node:child_process at load time, only to run "executable subcommands", which chatpush
// does not have; loading that built-in is ~2 ms of every start-up. Give commander a stand-in that loads it
// on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'lazy-child-process', namespace: 'chatpush' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'chatpush' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_t, key) => (cp ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
// chalk probes the terminal at load time (its vendored supports-color reads node:tty, node:os and the environment)
// for its global instance. chatpush never uses that instance: io.ts decides the colour level once (--no-color,
// FORCE_COLOR, NO_COLOR, TERM, TTY) and always passes it to `new Chalk({ level })`. So the probe is replaced by
// its "no colour" answer, which keeps node:tty and node:net out of start-up.
const chalkWithoutProbe = {
  name: 'chalk-without-supports-color-probe',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'chatpush-chalk' }));
    b.onLoad({ filter: /.*/, namespace: 'chatpush-chalk' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};
// Until this build has finished, dist/ is not known to be built from anything (scripts/lib/build-inputs.mjs).
rmSync(stampPath(root), { force: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.18',
  external: ['cli-table3', 'jsonc-parser', 'ora', 'ajv', 'proper-lockfile'],
  // The sources use import.meta.dirname to find package.json and fixtures/; in CommonJS that is __dirname. The
  // version is written in, so that no run reads package.json for it (src/main.ts readVersion).
  define: { 'import.meta.dirname': '__dirname', __CHATPUSH_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  logLevel: 'warning',
};
// The whole program: every command, `help`, completion, and anything bin/chatpush.js does not route.
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/chatpush.cjs',
  sourcemap: true,
  legalComments: 'linked',
  plugins: [lazyChildProcess, chalkWithoutProbe],
});

// One bundle per command as well (dist/chatpush-<command>.cjs), which bin/chatpush.js runs when argv names that
// command (issue 15): the same main.ts and cli.ts, so every flag, help text and error is the same, but cli.ts's
// import() of the other commands' modules is replaced by a module that says it is missing. `usersig gen` then
// reads and deserialises ~1/6 of the whole program's code and code cache, which was most of its lead over
// `node -e 0` (bench/startup.mjs). Which modules a command imports is read from cli.ts's define<Command>
// function, so a new command needs nothing here. Each process loads exactly one bundle, so error classes and
// other module state are never duplicated within a run.
const cliSource = readFileSync(join(root, 'src', 'cli.ts'), 'utf8');
const commandModules = new Map();
for (const part of cliSource.split(/\nfunction define/).slice(1)) {
  const imports = [...part.matchAll(/import\('\.\/commands\/([\w-]+)\.js'\)/g)].map((m) => m[1]);
  const name = /\.command\('([\w-]+)'\)/.exec(part)?.[1];
  if (name && imports.length > 0) commandModules.set(name, new Set(imports));
}
const onlyCommand = (keep) => ({
  name: 'only-these-command-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) => {
      if (!args.importer.endsWith(join('src', 'cli.ts'))) return undefined;
      const mod = /([\w-]+)\.js$/.exec(args.path)[1];
      return keep.has(mod) ? undefined : { path: mod, namespace: 'chatpush-absent' };
    });
    b.onLoad({ filter: /.*/, namespace: 'chatpush-absent' }, (args) => ({
      contents: `throw new Error('internal: this bundle of chatpush has no ${args.path} module (bin/chatpush.js chose the wrong bundle)');`,
      loader: 'js',
    }));
  },
});
// completion prints every command's flags and is rare: it stays with the whole program.
const routed = [...commandModules].filter(([name]) => name !== 'completion');
await Promise.all(
  routed.map(([name, keep]) =>
    build({
      ...common,
      entryPoints: ['src/main.ts'],
      outfile: `dist/chatpush-${name}.cjs`,
      legalComments: 'none',
      // Whitespace and syntax minified (names kept, so --verbose stack traces still name functions): a third less
      // source to read and hand to V8 at every start, ~1 ms of `usersig gen` (bench/startup.mjs). The whole
      // program above stays readable, with its source map, for debugging.
      minifyWhitespace: true,
      minifySyntax: true,
      plugins: [lazyChildProcess, chalkWithoutProbe, onlyCommand(keep)],
    }),
  ),
);

// bin/chatpush.js reads the bundle as latin1, which is cheaper than decoding UTF-8 and gives V8 a one-byte string
// to parse; esbuild escapes non-ASCII in code, but keeps some comments (on class fields) as written.
const nonAscii = readdirSync(join(root, 'dist'))
  .filter((f) => f.endsWith('.cjs'))
  .flatMap((f) => readFileSync(join(root, 'dist', f), 'latin1').split('\n').flatMap((line, i) => (/[^\x00-\x7f]/.test(line) ? [`  dist/${f}:${i + 1}: ${line.trim().slice(0, 160)}`] : [])));
if (nonAscii.length > 0) {
  console.error(`build: the bundle must be ASCII-only; write these comments in ASCII:\n${nonAscii.join('\n')}`);
  process.exit(1);
}

// Warm V8's code caches (dist/*.v8cache, see bin/chatpush.js and scripts/warm-code-cache.cjs). Their output
// goes nowhere; a failure fails the build, as it means a bundle itself is broken.
const warm = spawnSync(process.execPath, [join(root, 'scripts', 'warm-code-cache.cjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (warm.status !== 0) process.exit(warm.status ?? 1);

// The top-level help as chatpush prints it off a terminal without colour (dist/help.txt): bin/chatpush.js answers
// `chatpush --help` / `-h` on a pipe or file from it without loading the bundle, as it answers --version (issue
// 15: building the program and laying out the help was most of --help's 1.3-1.5x of `node -e 0`). Made by the
// bundle itself, in a clean environment (FORCE_COLOR=0: colour off, as off a terminal, and it makes the bin run the
// bundle rather than an older help.txt), so it is exactly that output; test/e2e/help-cache.test.ts compares them.
const help = spawnSync(process.execPath, [join(root, 'bin', 'chatpush.js'), '--help'], {
  env: { PATH: process.env.PATH ?? '', FORCE_COLOR: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (help.status !== 0 || help.stdout.length === 0) process.exit(help.status || 1);
writeFileSync(join(root, 'dist', 'help.txt'), help.stdout);

// Done: `prepare` (npm install of this folder, as npx does) need not build it again from the same inputs.
writeStamp(root);
