/**
 * Packaging: `npm pack` ships bin/, dist/, completions/, fixtures/, README, LICENSE and the production
 * dependencies (bundleDependencies), and no tests. The README's install from a clone
 * (`npm ci && npm pack && npm install -g ./chatpush-*.tgz`) is run here the way a fresh machine runs it: an empty
 * npm cache, `--offline`, and a registry that does not answer, so the install needs nothing `npm ci` did not
 * leave behind (issue 11: `--offline` used to need registry metadata that `npm ci` never caches). The installed
 * copy must not point back into the clone, so it survives deleting it.
 */
import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, baseEnv } from '../helpers/cli.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Every symbolic link under dir whose target lies outside `inside`. */
function linksOutside(dir: string, inside: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) {
      const target = resolve(dir, readlinkSync(path));
      if (relative(inside, target).startsWith('..')) out.push(`${path} -> ${target}`);
    } else if (st.isDirectory()) out.push(...linksOutside(path, inside));
  }
  return out;
}

describe('npm pack', () => {
  let dir: string;
  let tarball: string;
  let files: string[];
  let bundled: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatpush-pack-'));
    // --ignore-scripts: dist/ is already built by `npm test`'s pretest; packing must not rebuild concurrently.
    const { stdout } = await exec(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const info = JSON.parse(stdout) as [{ filename: string; files: { path: string }[]; bundled: string[] }];
    tarball = join(dir, info[0].filename);
    files = info[0].files.map((f) => f.path);
    bundled = info[0].bundled;
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the CLI, its build, completions, fixtures, README and LICENSE', () => {
    for (const needed of ['bin/chatpush.js', 'bin/package.json', 'dist/chatpush.cjs', 'dist/chatpush.cjs.map', 'README.md', 'LICENSE', 'package.json']) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('completions/'))).toBe(true);
    expect(files.some((f) => f.startsWith('fixtures/traces/'))).toBe(true);
    expect(files.some((f) => f.startsWith('fixtures/callbacks/'))).toBe(true);
  });

  it('bundles every production dependency and no development one', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) expect(bundled).toContain(dep);
    for (const dep of Object.keys(pkg.devDependencies)) expect(bundled).not.toContain(dep);
  });

  it('ships no tests, sources, benchmarks, CI files or a machine-specific code cache', () => {
    // node_modules/ holds the bundled dependencies as their authors published them.
    const ours = files.filter((f) => !f.startsWith('node_modules/'));
    const stray = ours.filter((f) => /^(test|src|bench|scripts|\.ci|docs)\//.test(f) || f.endsWith('.test.js') || f.endsWith('.v8cache'));
    expect(stray).toEqual([]);
  });

  it('installs with an empty npm cache and no registry, outside the clone, and runs --version and demo', async () => {
    const prefix = join(dir, 'prefix');
    const cache = join(dir, 'empty-npm-cache');
    mkdirSync(cache);
    await exec(npm, ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
      cwd: dir,
      env: {
        ...process.env,
        npm_config_cache: cache,
        // Nothing answers on port 9: a request to the registry would fail the install rather than reach the internet.
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_loglevel: 'error',
      },
      timeout: 90_000,
    });
    const installed = realpathSync(join(prefix, 'lib', 'node_modules', 'chatpush'));
    expect(relative(dir, installed).startsWith('..')).toBe(false); // a copy, not a link into the clone
    expect(linksOutside(installed, installed).filter((l) => l.includes(ROOT))).toEqual([]);

    const bin = join(prefix, 'bin', 'chatpush');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const v = await exec(bin, ['--version'], { env: baseEnv() });
    expect(v.stdout.trim()).toBe(version);
    const demo = await exec(bin, ['demo'], { env: baseEnv(), cwd: dir, timeout: 60_000 });
    expect(demo.stdout).toMatch(/\d+ passed, 0 failed/);
  }, 150_000);
});
