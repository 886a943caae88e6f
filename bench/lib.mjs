// Shared helpers for the benchmarks: timing child processes, reading their peak RSS and CPU, medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'chatpush.js');

const scratchDirs = [];
process.on('exit', () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder removed at exit. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-bench-'));
  scratchDirs.push(dir);
  return dir;
}

let usageHook;
/** A preload module that writes the process's peak RSS and CPU time to $CHATPUSH_BENCH_USAGE at exit. */
function usagePreload() {
  if (usageHook) return usageHook;
  usageHook = join(scratch(), 'usage-hook.mjs');
  writeFileSync(
    usageHook,
    `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.CHATPUSH_BENCH_USAGE) writeFileSync(process.env.CHATPUSH_BENCH_USAGE, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
`,
  );
  return usageHook;
}

/**
 * Runs a command and resolves with { code, ms, stdout, stderr } and, when `usage` is set, { maxRssKiB, cpuMs }
 * of the node process (measured inside it, via a preload, so the numbers are its own).
 */
export function run(cmd, args, { env = {}, usage = false, input } = {}) {
  return new Promise((resolve, reject) => {
    const usageFile = usage ? join(scratch(), `usage-${Math.random().toString(36).slice(2)}.json`) : undefined;
    const nodeArgs = usage ? ['--import', usagePreload(), ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmd === process.execPath ? nodeArgs : args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env, ...(usageFile ? { CHATPUSH_BENCH_USAGE: usageFile } : {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const result = { code, ms, stdout, stderr };
      if (usageFile) Object.assign(result, JSON.parse(readFileSync(usageFile, 'utf8')));
      resolve(result);
    });
    child.stdin.end(input ?? '');
  });
}

/** The median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints one result line and returns whether the target holds. */
export function verdict(label, value, target, unit = '×') {
  const ok = value <= target;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label.padEnd(52)} ${value.toFixed(3)}${unit}  (target ≤ ${target}${unit})`);
  return ok;
}
