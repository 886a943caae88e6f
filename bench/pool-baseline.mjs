// The floor replay is measured against: a minimal undici Pool client posting one body N times at concurrency C
// to the same URL (what any hand-written load script would do). Usage: node pool-baseline.mjs <url> <file> <n> <c>
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const [url, file, n, c] = process.argv.slice(2);
const body = readFileSync(file);
const target = new URL(url);
const pool = new Pool(target.origin, { connections: Number(c), pipelining: 1 });
let next = 0;
let failed = 0;
async function worker() {
  while (next < Number(n)) {
    next++;
    const res = await pool.request({
      method: 'POST',
      path: `${target.pathname}?SdkAppid=1400000000&CallbackCommand=Push.OfflinePush&contenttype=json`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || JSON.parse(text).ErrorCode !== 0) failed++;
  }
}
await Promise.all(Array.from({ length: Number(c) }, worker));
await pool.close();
if (failed) {
  console.error(`${failed} failed`);
  process.exitCode = 1;
}
