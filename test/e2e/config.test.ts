/**
 * `chatpush config` end to end, and the precedence flag > env > profile > default proven through the UserSig
 * that `usersig gen` signs with the settings each layer chose. The secret key must never appear in any output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUserSig, verifyUserSig } from '../../src/tencent/usersig.js';
import { baseEnv, BIN, runCli, type RunResult } from '../helpers/cli.js';

const KEY = 'e2e-secret-key-0123456789abcdef0123456789abcdef';
/** Tests that run ten-odd CLI processes one after another get more time on a loaded 2-core machine. */
const SEQUENTIAL_TIMEOUT = 60_000;

function cfg(env: Record<string, string>): string {
  return join(env.CHATPUSH_CONFIG_DIR!, 'config.json');
}

function noKey(r: RunResult, key = KEY): void {
  expect(r.stdout).not.toContain(key);
  expect(r.stderr).not.toContain(key);
}

describe.concurrent('config round trip', () => {
  it('set / get / list / unset / path, with a 0600 file', { timeout: SEQUENTIAL_TIMEOUT }, async () => {
    const env = baseEnv();
    expect((await runCli(['config', 'path'], { env })).stdout).toBe(`${cfg(env)}\n`);
    expect(existsSync(cfg(env))).toBe(false);

    for (const [k, v] of [['sdkappid', '1400000001'], ['identifier', 'ops-admin'], ['region', 'singapore'], ['endpoint', 'http://127.0.0.1:5410/']]) {
      const r = await runCli(['config', 'set', k!, v!], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^Set ${k} = .* in profile "default" \\(`));
    }
    expect(statSync(cfg(env)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cfg(env), 'utf8'))).toEqual({
      profiles: { default: { sdkappid: '1400000001', identifier: 'ops-admin', region: 'sgp', endpoint: 'http://127.0.0.1:5410' } },
    });

    const get = await runCli(['config', 'get', 'region'], { env });
    expect([get.code, get.stdout]).toEqual([0, 'sgp\n']);
    const getJson = await runCli(['--json', 'config', 'get', 'SDKAppID'], { env });
    expect(JSON.parse(getJson.stdout)).toEqual({ schemaVersion: 1, profile: 'default', key: 'sdkappid', value: '1400000001', source: 'profile', origin: 'profile "default"' });

    const list = await runCli(['config', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      [
        'KEY            VALUE                  SOURCE',
        'sdkappid       1400000001             profile "default"',
        'identifier     ops-admin              profile "default"',
        'secretKey      (not set)              —',
        'region         sgp                    profile "default"',
        'endpoint       http://127.0.0.1:5410  profile "default"',
        'callbackToken  (not set)              —',
        '',
      ].join('\n'),
    );

    const unset = await runCli(['config', 'unset', 'endpoint'], { env });
    expect([unset.code, unset.stderr]).toEqual([0, 'Removed endpoint from profile "default".\n']);
    const again = await runCli(['config', 'unset', 'endpoint'], { env });
    expect([again.code, again.stderr]).toEqual([0, 'endpoint is not set in profile "default"; nothing to remove.\n']);
    const missing = await runCli(['config', 'get', 'endpoint'], { env });
    expect([missing.code, missing.stdout]).toEqual([1, '']);
    expect(missing.stderr).toMatch(/endpoint is not set .*CHATPUSH_ENDPOINT/);
    expect(statSync(cfg(env)).mode & 0o777).toBe(0o600);
  });

  it('keeps profiles apart (--profile and CHATPUSH_PROFILE) and lists them', { timeout: SEQUENTIAL_TIMEOUT }, async () => {
    const env = baseEnv();
    expect((await runCli(['config', 'set', 'sdkappid', '1400000001'], { env })).code).toBe(0);
    expect((await runCli(['--profile', 'staging', 'config', 'set', 'sdkappid', '1400000002'], { env })).code).toBe(0);
    expect((await runCli(['config', 'set', 'region', 'kr', '--profile', 'staging'], { env })).code).toBe(0);

    expect((await runCli(['config', 'get', 'sdkappid'], { env })).stdout).toBe('1400000001\n');
    expect((await runCli(['config', 'get', 'sdkappid', '--profile', 'staging'], { env })).stdout).toBe('1400000002\n');
    const viaEnv = await runCli(['--json', 'config', 'list'], { env: { ...env, CHATPUSH_PROFILE: 'staging' } });
    const doc = JSON.parse(viaEnv.stdout) as { profile: string; profiles: string[]; settings: { key: string; value: string | null; source: string | null }[] };
    expect(doc.profile).toBe('staging');
    expect(doc.profiles).toEqual(['default', 'staging']);
    expect(doc.settings.find((s) => s.key === 'region')).toMatchObject({ value: 'kr', source: 'profile' });
    expect(doc.settings.find((s) => s.key === 'identifier')).toMatchObject({ value: 'administrator', source: 'default' });

    const nope = await runCli(['config', 'list', '--profile', 'prod'], { env });
    expect(nope.code).toBe(3);
    expect(nope.stderr).toMatch(/profile "prod" does not exist \(known: default, staging\)\. Create it with 'chatpush config set sdkappid <id> --profile prod'\./);
  });

  it.each([
    [['set', 'sdkappid', 'abc'], /^chatpush: SDKAppID must be a number such as 1400000000, got "abc"\./],
    [['set', 'region', 'mars'], /unknown region "mars"\. Use one of cn, sgp, kr, ger, usa, idn/],
    [['set', 'endpoint', 'ftp://x'], /must be an http\(s\) URL/],
    [['set', 'identifier', 'a b'], /without spaces/],
    [['set', 'colour', 'red'], /unknown config key "colour"\. Keys: sdkappid, identifier, secretKey, region, endpoint, callbackToken\./],
    [['set', 'region'], /'config set region' needs a value\./],
    [['get', 'nope'], /unknown config key "nope"/],
    [['set', 'region', 'sgp', '--profile', '__proto__'], /invalid profile name "__proto__"/],
  ])('config %j → exit 2 and nothing written', async (args, message) => {
    const env = baseEnv();
    const r = await runCli(['config', ...args], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(cfg(env))).toBe(false);
  });

  it('warns when a set value is shadowed by the environment or unusable for trace', async () => {
    const env = baseEnv({ CHATPUSH_REGION: 'cn' });
    const r = await runCli(['config', 'set', 'region', 'kr'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: CHATPUSH_REGION is set in the environment and takes precedence over the profile.');
    const http = await runCli(['config', 'set', 'endpoint', 'http://10.1.2.3:8080'], { env });
    expect(http.stderr).toMatch(/warning: chatpush sends the UserSig only over https or to a loopback address/);
  });

  it('list flags values that commands will refuse, from the environment or a hand-edited file', async () => {
    const env = baseEnv({ CHATPUSH_REGION: 'mars', CHATPUSH_SECRET_KEY: 'two words' });
    writeFileSync(cfg(env), JSON.stringify({ profiles: { default: { sdkappid: 'abc', identifier: 'ops' } } }));
    const r = await runCli(['config', 'list'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^region\s+mars\s+env CHATPUSH_REGION$/m);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: sdkappid (profile "default"): SDKAppID must be a number such as 1400000000, got "abc". Copy it from the Chat console (Applications > SDKAppID).',
      'warning: secretKey (env CHATPUSH_SECRET_KEY): the secret key must be one line without spaces. Copy it from the console (Applications > Basic Information > Key).',
      "warning: region (env CHATPUSH_REGION): unknown region \"mars\". Use one of cn, sgp, kr, ger, usa, idn (or china, singapore, seoul, frankfurt, silicon-valley, jakarta); other hosts go in 'endpoint'.",
    ]);
    expect(`${r.stdout}${r.stderr}`).not.toContain('two words');
    const json = await runCli(['--json', 'config', 'list'], { env });
    const doc = JSON.parse(json.stdout) as { settings: { key: string; problem?: string }[] };
    expect(doc.settings.map((x) => [x.key, x.problem !== undefined])).toEqual([
      ['sdkappid', true],
      ['identifier', false],
      ['secretKey', true],
      ['region', true],
      ['endpoint', false],
      ['callbackToken', false],
    ]);
  });

  it('reports a broken config file as exit 3 naming the file', async () => {
    const env = baseEnv();
    writeFileSync(cfg(env), '{"profiles": ');
    const r = await runCli(['config', 'list'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`config file ${cfg(env)}:1:14 is not valid JSON (ValueExpected).`);
  });
});

describe.concurrent('the secret key', () => {
  it('is read from stdin, stored 0600, and never printed by list, get, --verbose or errors', { timeout: SEQUENTIAL_TIMEOUT }, async () => {
    const env = baseEnv();
    const outputs: RunResult[] = [];
    const run = async (args: string[], input?: string, extraEnv: Record<string, string> = {}): Promise<RunResult> => {
      const r = await runCli(args, { env: { ...env, ...extraEnv }, input });
      outputs.push(r);
      return r;
    };

    const set = await run(['config', 'set', 'secretKey', '--verbose'], `${KEY}\n`);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toBe(`Set secretKey = [REDACTED] in profile "default" (${cfg(env)}).\n`);
    expect(statSync(cfg(env)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cfg(env), 'utf8')).profiles.default.secretKey).toBe(KEY);

    const list = await run(['config', 'list', '--verbose']);
    expect(list.stdout).toMatch(/^secretKey\s+\[REDACTED\]\s+profile "default"$/m);
    const listJson = await run(['--json', 'config', 'list']);
    expect(JSON.parse(listJson.stdout).settings.find((s: { key: string }) => s.key === 'secretKey')).toEqual({
      key: 'secretKey', value: '[REDACTED]', set: true, secret: true, source: 'profile', origin: 'profile "default"',
    });

    // "Is a key configured?" for scripts: exit 0 set, 1 not set; never the value.
    const get = await run(['config', 'get', 'secretKey']);
    expect(get.code).toBe(0);
    expect(get.stdout).toBe('set (from profile "default"; chatpush never prints it)\n');
    const unsetGet = await runCli(['config', 'get', 'secretKey']); // a fresh, empty config folder
    expect(unsetGet.code).toBe(1);
    expect(unsetGet.stdout).toBe('');
    expect(unsetGet.stderr).toMatch(/^secretKey is not set \(profile "default"\)/);

    const argv = await run(['config', 'set', 'secret-key', 'typed-on-argv-123']);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/refusing to take the secret key from the command line/);
    expect(argv.stderr).toMatch(/printf %s "\$KEY" \| chatpush config set secretKey/);
    noKey(argv, 'typed-on-argv-123');

    // Commands that use the key, with --verbose, succeeding and failing.
    const gen = await run(['usersig', 'gen', '--verbose', '--sdkappid', '1400000000']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).toContain('key=[REDACTED]');
    await run(['usersig', 'verify', '--verbose', '--sdkappid', '1400000000', gen.stdout.trim()]);
    await run(['usersig', 'verify', '--verbose', '--json', '--sdkappid', '1400000000', 'garbage']);
    await run(['usersig', 'gen', '--verbose', '--sdkappid', 'bad']);
    await run(['usersig', 'gen', '--verbose', '--sdkappid', '1400000000', '--secret-key-file', '/nonexistent/key']);
    await run(['usersig', 'gen', '--verbose'], undefined, { CHATPUSH_SECRET_KEY: KEY, CHATPUSH_SDKAPPID: '1400000000', CHATPUSH_REGION: 'mars' });

    expect(outputs.length).toBeGreaterThan(8);
    for (const r of outputs) noKey(r);
  });

  it('empty stdin is a usage error and stores nothing', async () => {
    const env = baseEnv();
    const r = await runCli(['config', 'set', 'secretKey'], { env, input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no secret key was given on stdin\. Pipe it in/);
    expect(existsSync(cfg(env))).toBe(false);
  });
});

describe.concurrent('precedence flag > env > profile > default, proven by the UserSig that gets signed', () => {
  const PROFILE = { sdkappid: '1400000003', identifier: 'profile-admin', secretKey: 'profile-key-0000' };

  async function setup(withProfile: boolean): Promise<Record<string, string>> {
    const env = baseEnv();
    if (withProfile) writeFileSync(cfg(env), JSON.stringify({ profiles: { default: PROFILE } }));
    return env;
  }

  it.each([
    ['default identifier, env SDKAppID and key', false, { CHATPUSH_SDKAPPID: '1400000002', CHATPUSH_SECRET_KEY: 'env-key-00000000' }, [], 1400000002, 'administrator', 'env-key-00000000'],
    ['profile for everything', true, {}, [], 1400000003, 'profile-admin', 'profile-key-0000'],
    ['env beats profile', true, { CHATPUSH_SDKAPPID: '1400000002', CHATPUSH_IDENTIFIER: 'env-admin', CHATPUSH_SECRET_KEY: 'env-key-00000000' }, [], 1400000002, 'env-admin', 'env-key-00000000'],
    ['flags beat env and profile', true, { CHATPUSH_SDKAPPID: '1400000002', CHATPUSH_IDENTIFIER: 'env-admin', CHATPUSH_SECRET_KEY: 'env-key-00000000' }, ['--sdkappid', '1400000001', '--identifier', 'flag-admin', '--secret-key-file', 'KEYFILE'], 1400000001, 'flag-admin', 'file-key-0000000'],
    ['layers mix per key', true, { CHATPUSH_IDENTIFIER: 'env-admin' }, ['--sdkappid', '1400000001'], 1400000001, 'env-admin', 'profile-key-0000'],
  ] as const)('%s', async (_n, withProfile, extraEnv, flags, sdkappid, identifier, key) => {
    const env = await setup(withProfile);
    const keyFile = join(env.CHATPUSH_CONFIG_DIR!, 'key.txt');
    writeFileSync(keyFile, 'file-key-0000000\n');
    const args = ['--json', 'usersig', 'gen', '--expire', '600', ...flags.map((f) => (f === 'KEYFILE' ? keyFile : f))];
    const r = await runCli(args, { env: { ...env, ...extraEnv } });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { usersig: string; sdkappid: number; identifier: string; time: number };
    expect([doc.sdkappid, doc.identifier]).toEqual([sdkappid, identifier]);
    const decoded = decodeUserSig(doc.usersig);
    expect([decoded.sdkappid, decoded.identifier, decoded.expire]).toEqual([sdkappid, identifier, 600]);
    // Signed with the key of the winning layer (and no other).
    expect(verifyUserSig(doc.usersig, { sdkappid, identifier, key, now: doc.time }).valid).toBe(true);
    expect(verifyUserSig(doc.usersig, { sdkappid, identifier, key: 'profile-key-0000' === key ? 'env-key-00000000' : 'profile-key-0000', now: doc.time }).valid).toBe(false);
  });

  it.each([
    ['no SDKAppID', {}, /^chatpush: SDKAppID is not set\. Run 'chatpush config set sdkappid 1400…' or set CHATPUSH_SDKAPPID; 'chatpush doctor' then checks the whole set-up\.$/],
    ['no SDKAppID in a named profile', { CHATPUSH_PROFILE: 'ci', CHATPUSH_SECRET_KEY: 'k-000000' }, /profile "ci" does not exist/],
    ['no key', { CHATPUSH_SDKAPPID: '1400000000' }, /^chatpush: the secret key is not set\. Run 'chatpush config set secretKey' \(reads it from stdin or a hidden prompt\), set CHATPUSH_SECRET_KEY, or pass --secret-key-file <path>\.$/],
    ['SDKAppID not a number in env', { CHATPUSH_SDKAPPID: '14e8', CHATPUSH_SECRET_KEY: 'k-000000' }, /SDKAppID from CHATPUSH_SDKAPPID must be a number/],
  ])('%s → exit 3 naming the fix', async (_n, extraEnv, message) => {
    const r = await runCli(['usersig', 'gen'], { env: baseEnv(extraEnv) });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message);
  });
});

/** Runs the CLI on a real pseudo-terminal (python3's pty module; Node has none) and types `keys` into it. */
async function runOnPty(args: string[], env: Record<string, string>, keys: string[]): Promise<{ code: number; output: string }> {
  const py = `
import os, pty, sys, time, json
args, env, keys = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execve(args[0], args, env)
out = b''
# Type only once the prompt is up (raw mode is on by then), however slow the machine is.
deadline = time.time() + 8
while b'(input hidden): ' not in out and time.time() < deadline:
    try:
        out += os.read(fd, 4096)
    except OSError:
        break
for k in keys:
    os.write(fd, k.encode()); time.sleep(0.05)
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "output": out.decode()}))
`;
  const child = spawn('python3', ['-c', py, JSON.stringify([[process.execPath, BIN, ...args], env, keys])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return JSON.parse(stdout) as { code: number; output: string };
}

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasPython).concurrent('the hidden prompt on a real terminal', () => {
  it('echoes nothing, handles Backspace, and stores the typed key', async () => {
    const env = baseEnv();
    const r = await runOnPty(['config', 'set', 'secretKey'], env, ['typed-secret', 'X\u007f', '-key\r']);
    expect(r.code).toBe(0);
    // (A terminal's messages wrap at words: a long path moves to an indented line.)
    expect(r.output.replace(/\r\n {2}(?=\S)/g, ' ')).toBe(`Secret key (input hidden): \r\nSet secretKey = [REDACTED] in profile "default" (${cfg(env)}).\r\n`);
    expect(JSON.parse(readFileSync(cfg(env), 'utf8')).profiles.default.secretKey).toBe('typed-secret-key');
  });

  it('Ctrl-C at the prompt exits 130 and stores nothing', async () => {
    const env = baseEnv();
    const r = await runOnPty(['config', 'set', 'secretKey'], env, ['abc', '\u0003']);
    expect(r.code).toBe(130);
    expect(r.output).toBe('Secret key (input hidden): \r\nchatpush: interrupted.\r\n');
    expect(existsSync(cfg(env))).toBe(false);
  });
});
