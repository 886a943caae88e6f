/**
 * Packaging: `npm pack` ships bin/, dist/, completions/, fixtures/, README and LICENSE and no tests; the
 * packed tarball installs into a temporary prefix (offline, from the npm cache that `npm ci` filled) and its
 * `chatpush --version` and `chatpush demo` run from there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, baseEnv } from '../helpers/cli.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack', () => {
  let dir: string;
  let tarball: string;
  let files: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatpush-pack-'));
    // --ignore-scripts: dist/ is already built by `npm test`'s pretest; packing must not rebuild concurrently.
    const { stdout } = await exec(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const info = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    tarball = join(dir, info[0].filename);
    files = info[0].files.map((f) => f.path);
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

  it('ships no tests, sources, benchmarks, CI files or a machine-specific code cache', () => {
    const stray = files.filter((f) => /^(test|src|bench|scripts|\.ci|docs)\//.test(f) || f.endsWith('.test.js') || f.endsWith('.v8cache'));
    expect(stray).toEqual([]);
  });

  it('installs offline into a temporary prefix and runs --version and demo from there', async () => {
    const prefix = join(dir, 'prefix');
    await exec(npm, ['install', '--global', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
      cwd: dir,
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    const bin = join(prefix, 'bin', 'chatpush');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const v = await exec(bin, ['--version'], { env: baseEnv() });
    expect(v.stdout.trim()).toBe(version);
    const demo = await exec(bin, ['demo'], { env: baseEnv(), cwd: dir, timeout: 60_000 });
    expect(demo.stdout).toMatch(/\d+ passed, 0 failed/);
  }, 120_000);
});
