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
  // CommonJS, loaded with --require: an ES module hook (--import) starts Node's ES module loader in every process,
  // ~7 ms of CPU that a CommonJS program (chatpush's bin) never pays outside the bench, while an ES module peer
  // (parse-baseline.mjs) has it started anyway; measured with \`node -e 0\`: +7 ms with --import, +0 with --require.
  usageHook = join(scratch(), 'usage-hook.cjs');
  // On Linux it also splits the CPU between the main thread and the others (V8's optimising compiler and the
  // collector's helpers run on worker threads), read from /proc/self/task/*/schedstat (run time in ns).
  writeFileSync(
    usageHook,
    `'use strict';
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
function threads() {
  try {
    let main = 0, other = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const ms = Number(readFileSync('/proc/self/task/' + tid + '/schedstat', 'latin1').split(' ')[0]) / 1e6;
      if (Number(tid) === process.pid) main += ms; else other += ms;
    }
    return { mainThreadMs: main, otherThreadsMs: other };
  } catch {
    return {};
  }
}
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.CHATPUSH_BENCH_USAGE) writeFileSync(process.env.CHATPUSH_BENCH_USAGE, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, ...threads() }));
});
`,
  );
  return usageHook;
}

/**
 * Runs a command and resolves with { code, ms, stdout, stderr } and, when `usage` is set, { maxRssKiB, cpuMs }
 * of the node process (measured inside it, via a preload, so the numbers are its own), and on Linux
 * { mainThreadMs, otherThreadsMs }, the run time of its main thread and of all its other threads.
 */
export function run(cmd, args, { env = {}, usage = false, input } = {}) {
  return new Promise((resolve, reject) => {
    const usageFile = usage ? join(scratch(), `usage-${Math.random().toString(36).slice(2)}.json`) : undefined;
    const nodeArgs = usage ? ['--require', usagePreload(), ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmd === process.execPath ? nodeArgs : args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env, ...(usageFile ? { CHATPUSH_BENCH_USAGE: usageFile } : {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The output is kept as the chunks read and made a string only if asked for: turning 20 MB of a child's
    // output into a string as it arrived kept this process busy on the core the child's own background threads
    // (the optimising compiler, the collector's helpers) would otherwise run on.
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      let text;
      const result = {
        code,
        ms,
        get stdout() {
          return (text ??= Buffer.concat(out).toString('utf8'));
        },
        stderr,
      };
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
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label.padEnd(46)} ${Number.isInteger(value) ? value : value.toFixed(3)}${unit}  (target ≤ ${target}${unit})`);
  return ok;
}

/** Starts bench/ok-server.mjs as its own process; resolves with { url, stop }. */
export function startServer(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'ok-server.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ url: `http://127.0.0.1:${String(d).trim()}`, stop: () => child.kill('SIGTERM') }));
    child.on('error', reject);
  });
}

/** GET as JSON from a bench server (node:http: a benchmark of chatpush's HTTP must not load its client). */
export function getJson(url) {
  return new Promise((resolve, reject) => {
    import('node:http').then(({ get }) =>
      get(url, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(res.statusCode === 204 ? undefined : JSON.parse(text)));
      }).on('error', reject),
    );
  });
}

/** The nginx reply for every POST (the OK answer of a Tencent callback, reference/callbacks.md). */
export const NGINX_REPLY = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';

/**
 * Starts Debian's nginx (/usr/sbin/nginx, or $BENCH_NGINX) as a child process on 127.0.0.1 with a config in a
 * scratch folder: one worker (the other core is the client's), keep-alive without a request cap, no logs, and
 * the fixed OK reply for any request. Resolves with { url, stop }, or undefined when nginx is not installed.
 */
export async function startNginx() {
  const bin = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';
  const { existsSync } = await import('node:fs');
  if (!existsSync(bin)) return undefined;
  const { createServer } = await import('node:net');
  const port = await new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
  const dir = scratch();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 60s;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:${port};
    default_type application/json;
    location / { return 200 '${NGINX_REPLY}'; }
  }
}
`,
  );
  const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${err}`);
    const up = await getJson(`${url}/`).then(() => true, () => false);
    if (up) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`nginx did not start: ${err}`);
}

/**
 * Prints one result line comparing a figure with its peer or floor, and returns whether the target holds
 * (without a target the line is marked `info` and counts as held).
 */
export function compare(label, value, peer, target, { unit = 'ms', peerName = 'floor', higherIsBetter = false } = {}) {
  const ratio = value / peer;
  const ok = target === undefined || (higherIsBetter ? ratio >= target : ratio <= target);
  const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(Math.abs(x) >= 10 ? 1 : 2));
  console.log(
    `${target === undefined ? 'info' : ok ? 'PASS' : 'FAIL'}  ${label.padEnd(46)} ${fmt(value)} ${unit} vs ${peerName} ${fmt(peer)} ${unit} = ${ratio.toFixed(2)}×${target === undefined ? '' : `  (target ${higherIsBetter ? '≥' : '≤'} ${target}×)`}`,
  );
  return ok;
}
