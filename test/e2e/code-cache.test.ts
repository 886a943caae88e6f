/**
 * bin/chatpush.js runs the bundle from V8's code cache (dist/chatpush.cjs.v8cache). The cache is an
 * optimisation only: a missing one is written, a corrupt or foreign one is rejected and replaced, and an
 * install where it cannot be written works without one. Each case runs a private copy of bin/ and dist/.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, baseEnv } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function install(): { dir: string; cache: string; run(...args: string[]): ReturnType<typeof spawnSync> } {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-cache-'));
  dirs.push(dir);
  for (const part of ['bin', 'dist', 'package.json', 'fixtures']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  for (const f of readdirSync(join(dir, 'dist'))) if (f.endsWith('.v8cache')) rmSync(join(dir, 'dist', f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const env = baseEnv();
  return {
    dir,
    cache: join(dir, 'dist', 'chatpush.cjs.v8cache'),
    run: (...args) => spawnSync(process.execPath, [join(dir, 'bin', 'chatpush.js'), ...args], { env, encoding: 'utf8' }),
  };
}

// `chatpush help` (the help command) loads the bundle; `--help` off a terminal is answered from dist/help.txt
// without it (see the last describe), so it cannot show what the cache does.
describe('the V8 code cache of bin/chatpush.js', () => {
  it('is written by the first run and used by the next, with identical output', () => {
    const app = install();
    const first = app.run('help');
    expect(first.status).toBe(0);
    expect(existsSync(app.cache)).toBe(true);
    const size = readFileSync(app.cache).length;
    expect(size).toBeGreaterThan(10_000);
    const second = app.run('help');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(app.cache).length).toBe(size);
  });

  it('accepts the caches the build warms (scripts/warm-code-cache.cjs makes the Script as bin/chatpush.js does)', () => {
    // Warmed here, in the private copy: the repository's dist/ caches may have been rewritten by other tests that
    // run the CLI with V8 flags (test/hostile sets --max-old-space-size, which V8 counts in a cache's check).
    const app = install();
    cpSync(join(ROOT, 'scripts', 'warm-code-cache.cjs'), join(app.dir, 'scripts', 'warm-code-cache.cjs'));
    const warm = spawnSync(process.execPath, [join(app.dir, 'scripts', 'warm-code-cache.cjs')], { env: baseEnv(), encoding: 'utf8' });
    expect(warm.status, warm.stderr).toBe(0);
    const runs: Array<[string, string[]]> = [
      ['chatpush.cjs.v8cache', ['help']],
      ['chatpush-usersig.cjs.v8cache', ['usersig', 'gen', '--sdkappid', '1400000000']],
      ['chatpush-webhook.cjs.v8cache', ['webhook', 'sign', '--token', 'a-test-token', '--time', '1700000000']],
      ['chatpush-fixtures.cjs.v8cache', ['fixtures', 'list']],
      ['chatpush-explain.cjs.v8cache', ['explain', '70009']],
    ];
    for (const [cache, args] of runs) {
      const before = readFileSync(join(app.dir, 'dist', cache));
      const r = spawnSync(process.execPath, [join(app.dir, 'bin', 'chatpush.js'), ...args], {
        env: { ...baseEnv(), CHATPUSH_SECRET_KEY: 'a-test-secret-key' },
        encoding: 'utf8',
      });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      // A rejected cache would have been rewritten at exit.
      expect(readFileSync(join(app.dir, 'dist', cache)).equals(before), cache).toBe(true);
    }
  });

  it('replaces a corrupt cache and still answers correctly', () => {
    const app = install();
    const cache = join(app.dir, 'dist', 'chatpush-explain.cjs.v8cache');
    writeFileSync(cache, Buffer.alloc(4096, 0xab));
    const r = app.run('explain', '70009');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('MISMATCH_PUBLICKEY');
    expect(r.stderr).toBe('');
    expect(readFileSync(cache).subarray(0, 16).equals(Buffer.alloc(16, 0xab))).toBe(false);
  });

  it('runs a command from its own bundle, with its own cache, and anything else from the whole program', () => {
    const app = install();
    const caches = () => readdirSync(join(app.dir, 'dist')).filter((f) => f.endsWith('.v8cache')).sort();
    expect(app.run('explain', '70009').status).toBe(0);
    expect(caches()).toEqual(['chatpush-explain.cjs.v8cache']);
    // Global flags before the command word do not change the bundle (the rule of cli.ts's commandNamed).
    expect(app.run('--profile', 'work', '--json', 'usersig', 'verify', 'not-a-usersig').status).not.toBe(0);
    expect(caches()).toEqual(['chatpush-explain.cjs.v8cache', 'chatpush-usersig.cjs.v8cache']);
    // A typo, `help` and completion go to the whole program.
    expect(app.run('explian', '70009').status).toBe(2);
    expect(caches()).toEqual(['chatpush-explain.cjs.v8cache', 'chatpush-usersig.cjs.v8cache', 'chatpush.cjs.v8cache']);
    const bundleSize = (f: string) => statSync(join(app.dir, 'dist', f)).size;
    expect(bundleSize('chatpush-explain.cjs')).toBeLessThan(bundleSize('chatpush.cjs') / 2);
  });

  it('works without a cache where none can be written, leaving no temporary files', () => {
    // A directory where the cache file would go fails both the read and the rename, even for root (which a
    // read-only mode would not stop), like a read-only install does.
    const app = install();
    mkdirSync(app.cache);
    const r = app.run('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: chatpush');
    expect(r.stderr).toBe('');
    expect(readdirSync(join(app.dir, 'dist')).filter((f) => f.includes('.v8cache.'))).toEqual([]);
  });

  it('keeps its cache in the user cache folder when the install is read-only, and clears older ones there', (ctx) => {
    // Read-only for the user who runs it: as root (CI), run as nobody, since root may write anywhere; otherwise
    // take the write bit off dist/.
    const app = install();
    const cacheHome = mkdtempSync(join(tmpdir(), 'chatpush-xdg-'));
    dirs.push(cacheHome);
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    if (asRoot) {
      chmodSync(app.dir, 0o755);
      chownSync(cacheHome, 65534, 65534);
      const probe = spawnSync(process.execPath, [join(app.dir, 'bin', 'chatpush.js'), '--version'], { ...user, encoding: 'utf8' });
      if (probe.status !== 0) ctx.skip(`user nobody cannot run ${process.execPath} on this machine`);
    } else {
      chmodSync(join(app.dir, 'dist'), 0o555);
    }
    // Older caches of this bundle (another Node or build, or named as before per-command bundles) are cleared;
    // another bundle's cache is kept.
    const stale = [join(cacheHome, 'chatpush', 'v18.0.0-123.v8cache'), join(cacheHome, 'chatpush', 'chatpush@v18.0.0-123.v8cache')];
    const other = `chatpush-trace@${process.version}-4567.v8cache`;
    mkdirSync(join(cacheHome, 'chatpush'), { recursive: true });
    for (const f of stale) writeFileSync(f, 'an older cache');
    writeFileSync(join(cacheHome, 'chatpush', other), 'the trace bundle cache');
    if (asRoot) chownSync(join(cacheHome, 'chatpush'), 65534, 65534);
    const run = () =>
      spawnSync(process.execPath, [join(app.dir, 'bin', 'chatpush.js'), 'help'], { env: { ...baseEnv(), XDG_CACHE_HOME: cacheHome }, encoding: 'utf8', ...user });
    const first = run();
    if (!asRoot) chmodSync(join(app.dir, 'dist'), 0o755); // so that afterEach can remove it
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(existsSync(app.cache)).toBe(false);
    const kept = readdirSync(join(cacheHome, 'chatpush')).sort();
    const mine = `chatpush@${process.version}-${readFileSync(join(app.dir, 'dist', 'chatpush.cjs')).length}.v8cache`;
    expect(kept).toEqual([other, mine].sort());
    const file = join(cacheHome, 'chatpush', mine);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file);
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(file).equals(before)).toBe(true); // accepted, so not written again
  });

  it('lends import() to the bundle for its external libraries (ora, conf, cli-table3)', () => {
    const app = install();
    const r = app.run('config', 'set', 'region', 'sgp');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/ERR_VM_DYNAMIC_IMPORT|internal error/);
  });
});

describe('--help from dist/help.txt (issue 15)', () => {
  it('off a terminal, --help and -h print exactly what the bundle prints, without loading it', () => {
    const app = install();
    const viaBundle = app.run('help');
    expect(existsSync(app.cache)).toBe(true);
    rmSync(app.cache);
    for (const flag of ['--help', '-h']) {
      const cached = app.run(flag);
      expect(cached.status).toBe(0);
      expect(cached.stderr).toBe('');
      expect(cached.stdout).toBe(viaBundle.stdout);
      // The bundle did not run: it would have written its code cache.
      expect(existsSync(app.cache)).toBe(false);
    }
  });

  it('FORCE_COLOR, or no help.txt, goes to the bundle (same text with colour off)', () => {
    const app = install();
    const cached = app.run('--help');
    const forced = spawnSync(process.execPath, [join(app.dir, 'bin', 'chatpush.js'), '--help'], { env: { ...baseEnv(), FORCE_COLOR: '0' }, encoding: 'utf8' });
    expect(forced.stdout).toBe(cached.stdout);
    expect(existsSync(app.cache)).toBe(true);
    rmSync(app.cache);
    rmSync(join(app.dir, 'dist', 'help.txt'));
    const without = app.run('--help');
    expect(without.status).toBe(0);
    expect(without.stdout).toBe(cached.stdout);
    expect(existsSync(app.cache)).toBe(true);
  });
});
