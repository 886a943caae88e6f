// The peer `replay` is measured against (issue 15): autocannon 8 sending the same request (method, path and
// query, headers, body bytes — captured from chatpush itself by the benchmark) N times at concurrency C, with
// `expectBody` so that every reply is checked too (a reply other than the expected body counts as a mismatch).
// Prints one JSON line: requests, wall ms of the run, exact p50/p99 from every response time (autocannon's own
// histogram rounds to whole ms), and the failures. Usage: node autocannon-peer.mjs <spec.json> <n> <c>
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [specFile, n, c] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const times = new Float64Array(Number(n) + 1024);
let k = 0;
const started = performance.now();
const instance = autocannon(
  {
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    body: Buffer.from(spec.body, 'base64'),
    expectBody: spec.expectBody,
    amount: Number(n),
    connections: Number(c),
    pipelining: 1,
    timeout: 10,
  },
  (err, result) => {
    const wallMs = performance.now() - started;
    if (err) throw err;
    const lat = times.subarray(0, k).sort();
    const pct = (p) => lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)];
    const failed = result.errors + result.timeouts + result.mismatches + result.non2xx;
    process.stdout.write(
      `${JSON.stringify({ requests: result.requests.total, wallMs, p50Ms: pct(50), p99Ms: pct(99), autocannonP99Ms: result.latency.p99, failed, mismatches: result.mismatches })}\n`,
    );
    if (failed) process.exitCode = 1;
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => {
  if (k < times.length) times[k++] = responseTime;
});
