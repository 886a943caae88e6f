/**
 * Hostile: concurrent writers, config folders that cannot hold a file, and config.json as people (and
 * editors) really leave it. Issue 10: 20 concurrent `config set --profile pN` kept 1 of 20; unwritable or
 * dangling CHATPUSH_CONFIG_DIR and an empty config.json were "internal error" exit 1; a BOM was rejected;
 * a numeric sdkappid silently ignored; deep nesting overflowed the stack.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenPromises, runHostile, Sandbox } from './harness.js';

const box = new Sandbox();
afterAll(() => box.cleanup());

let n = 0;
function freshDir(): string {
  const dir = box.path(`cfg-${n++}`);
  return dir;
}

describe('atomic read-modify-write under a lock', () => {
  it('20 concurrent `config set --profile pN` keep all 20 profiles', async () => {
    const dir = freshDir();
    const env = box.env({ CHATPUSH_CONFIG_DIR: dir });
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => runHostile(['config', 'set', 'sdkappid', String(1400000000 + i), '--profile', `p${i}`], { env, timeoutMs: 60_000 })));
    for (const r of runs) expect(brokenPromises(r, { allowedCodes: [0] })).toEqual([]);
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { profiles: Record<string, { sdkappid: string }> };
    expect(Object.keys(file.profiles).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`).sort());
    for (let i = 0; i < 20; i++) expect(file.profiles[`p${i}`]!.sdkappid).toBe(String(1400000000 + i));
  }, 120_000);

  it('keys set at the same time in one profile are all kept', async () => {
    const dir = freshDir();
    const env = box.env({ CHATPUSH_CONFIG_DIR: dir });
    const sets: [string, string][] = [
      ['sdkappid', '1400000001'],
      ['identifier', 'admin2'],
      ['region', 'kr'],
      ['endpoint', 'https://example.invalid'],
    ];
    const runs = await Promise.all([
      ...sets.map(([k, v]) => runHostile(['config', 'set', k, v], { env, timeoutMs: 60_000 })),
      runHostile(['config', 'set', 'secretKey'], { env, input: 'k'.repeat(64), timeoutMs: 60_000 }),
    ]);
    for (const r of runs) expect(brokenPromises(r, { secrets: ['k'.repeat(64)], allowedCodes: [0] })).toEqual([]);
    const profile = (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { profiles: { default: Record<string, string> } }).profiles.default;
    expect(profile).toEqual({ ...Object.fromEntries(sets), secretKey: 'k'.repeat(64) });
  }, 120_000);
});

describe('folders and files that cannot be used: one line, exit 3, the path and what to do', () => {
  const cases: [string, () => string][] = [
    ['CHATPUSH_CONFIG_DIR is a file', () => {
      const f = box.path(`file-${n++}`);
      writeFileSync(f, 'x');
      return f;
    }],
    ['CHATPUSH_CONFIG_DIR is below a file', () => {
      const f = box.path(`file-${n++}`);
      writeFileSync(f, 'x');
      return join(f, 'sub');
    }],
    ['CHATPUSH_CONFIG_DIR is a dangling symlink', () => {
      const l = box.path(`dangling-${n++}`);
      symlinkSync(box.path('nowhere/at/all'), l);
      return l;
    }],
    ['config.json is a folder', () => {
      const d = freshDir();
      mkdirSync(join(d, 'config.json'), { recursive: true });
      return d;
    }],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const dir = make();
    for (const args of [['config', 'set', 'region', 'kr'], ['config', 'list']]) {
      const run = await runHostile(args, { env: box.env({ CHATPUSH_CONFIG_DIR: dir }) });
      // Reading through a dangling link finds no file: an empty config, as for a first run (exit 0).
      const allowed = _name.includes('dangling') && args[1] === 'list' ? [0] : [3];
      expect(brokenPromises(run, { allowedCodes: allowed })).toEqual([]);
      if (run.code === 3) {
        const lines = run.stderr.toString().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(dir);
        expect(lines[0]).toMatch(/CHATPUSH_CONFIG_DIR|Fix or delete/);
      }
    }
  });

  it.skipIf(process.getuid?.() === 0)('a read-only parent folder (skipped as root, who can write anywhere)', async () => {
    const parent = freshDir();
    mkdirSync(parent, { mode: 0o500 });
    const run = await runHostile(['config', 'set', 'region', 'kr'], { env: box.env({ CHATPUSH_CONFIG_DIR: join(parent, 'sub') }) });
    expect(brokenPromises(run, { allowedCodes: [3] })).toEqual([]);
  });
});

describe('config.json as people leave it', () => {
  function withFile(text: string | Buffer): Record<string, string> {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), text);
    return box.env({ CHATPUSH_CONFIG_DIR: dir });
  }

  it('an empty file is an empty config: list works and set writes over it', async () => {
    const env = withFile('');
    expect(brokenPromises(await runHostile(['config', 'list'], { env }), { allowedCodes: [0] })).toEqual([]);
    expect(brokenPromises(await runHostile(['config', 'set', 'region', 'kr'], { env }), { allowedCodes: [0] })).toEqual([]);
    expect(JSON.parse(readFileSync(join(env.CHATPUSH_CONFIG_DIR!, 'config.json'), 'utf8'))).toEqual({ profiles: { default: { region: 'kr' } } });
  });

  it('a UTF-8 BOM is accepted', async () => {
    const env = withFile('\ufeff{"profiles":{"default":{"region":"kr"}}}');
    const run = await runHostile(['config', 'get', 'region'], { env });
    expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
    expect(run.stdout.toString().trim()).toBe('kr');
  });

  it('a numeric sdkappid is read as its digits', async () => {
    const env = withFile('{"profiles":{"default":{"sdkappid":1400000001}}}');
    const run = await runHostile(['config', 'list', '--json'], { env });
    expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
    const doc = JSON.parse(run.stdout.toString()) as { settings: { key: string; value: string }[] };
    expect(doc.settings.find((s) => s.key === 'sdkappid')!.value).toBe('1400000001');
  });

  it('a value that is neither string nor number is exit 3 naming the key', async () => {
    const run = await runHostile(['config', 'list'], { env: withFile('{"profiles":{"default":{"region":{"x":1}}}}') });
    expect(brokenPromises(run, { allowedCodes: [3] })).toEqual([]);
    expect(run.stderr.toString()).toMatch(/profiles\.default\.region must be a string/);
  });

  it('20 000 levels of nesting is exit 3 with line:col, not a stack overflow', async () => {
    const run = await runHostile(['config', 'list'], { env: withFile(`{"profiles":${'['.repeat(20000)}${']'.repeat(20000)}}`) });
    expect(brokenPromises(run, { allowedCodes: [3] })).toEqual([]);
    expect(run.stderr.toString()).toMatch(/config\.json:1:\d+ is nested deeper than 512 levels/);
  });

  it('a "__proto__" profile is a plain profile, not a prototype', async () => {
    const env = withFile('{"profiles":{"__proto__":{"region":"kr"},"default":{}}}');
    const run = await runHostile(['config', 'get', 'region', '--profile', '__proto__'], { env });
    expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
    expect(run.stdout.toString().trim()).toBe('kr');
    const other = await runHostile(['config', 'get', 'region'], { env });
    expect(other.stdout.toString().trim()).not.toBe('kr');
  });

  it('C1 and bidi controls stored in a value never reach stdout raw (config list, --json and table)', async () => {
    const env = withFile(JSON.stringify({ profiles: { default: { identifier: 'adm\u009b31m\u202eevil\u0085' } } }));
    for (const extra of [['--json'], []]) {
      const run = await runHostile(['config', 'list', ...extra], { env });
      expect(brokenPromises(run, { allowedCodes: [0] })).toEqual([]);
      if (extra.length) expect((JSON.parse(run.stdout.toString()) as { settings: { key: string; value: string }[] }).settings.find((s) => s.key === 'identifier')!.value).toBe('adm\u009b31m\u202eevil\u0085');
    }
  });
});
