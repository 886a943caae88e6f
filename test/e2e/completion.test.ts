/** `chatpush completion <shell>` prints exactly the committed scripts, which the shells then load. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, BIN, ROOT, runCli } from '../helpers/cli.js';

const FILES = { bash: 'chatpush.bash', zsh: '_chatpush', fish: 'chatpush.fish' } as const;
const has = (binary: string): boolean => spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;

describe.concurrent('chatpush completion', () => {
  it.each(Object.entries(FILES))('%s prints completions/%s byte for byte', async (shell, file) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'completions', file), 'utf8'));
  });

  it('--json prints one JSON document that carries the script unchanged', async () => {
    const r = await runCli(['completion', 'bash', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, shell: 'bash', script: readFileSync(join(ROOT, 'completions', FILES.bash), 'utf8') });
  });

  it('is not coloured by FORCE_COLOR', async () => {
    const r = await runCli(['completion', 'bash'], { env: baseEnv({ FORCE_COLOR: '3' }) });
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'completions', FILES.bash), 'utf8'));
  });

  it('bash loads it from the command (source <(chatpush completion bash)) and completes', () => {
    const script = `source <("${process.execPath}" "${BIN}" completion bash) && complete -p chatpush && COMP_WORDS=(chatpush config ''); COMP_CWORD=2; _chatpush; echo "\${COMPREPLY[*]}"`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('complete -F _chatpush chatpush\nget set unset list path\n');
  });

  it.skipIf(!has('fish'))('fish loads it from the command (chatpush completion fish | source) and completes', () => {
    const r = spawnSync('fish', ['-c', `"${process.execPath}" "${BIN}" completion fish | source; complete -C'chatpush usersig '`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['gen', 'verify']);
  });

  it.skipIf(!has('zsh'))('zsh accepts the printed script', () => {
    const r = spawnSync('zsh', ['-n', '-c', readFileSync(join(ROOT, 'completions', FILES.zsh), 'utf8')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
  });
});
