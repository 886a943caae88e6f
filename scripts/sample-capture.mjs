#!/usr/bin/env node
// Writes N synthetic Push.OfflinePush callback bodies (JSON Lines, 1–5 events per body as the platform batches
// them) whose PushIDs the sandbox answers with derived traces (src/servers/synthetic-traces.ts): a mix of vendors
// and failures for trying `trace --from-callbacks`. Record them the way production traffic is recorded:
//   node scripts/sample-capture.mjs 200 > bodies.jsonl
//   chatpush listen --save captured.jsonl &            # then, in another terminal:
//   chatpush replay bodies.jsonl --url http://127.0.0.1:5411
// Usage: node scripts/sample-capture.mjs [count=200] [seed=14]
import { loadTs } from './lib/load-ts.mjs';

const count = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 14);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/sample-capture.mjs [count=200] [seed=14]');
  process.exit(2);
}
const { syntheticOfflinePushEvents, prng } = await loadTs('src/servers/synthetic-traces.ts');
const events = syntheticOfflinePushEvents(count, { seed, startS: 1_762_160_000 });
const rand = prng(seed + 1);
const lines = [];
for (let i = 0; i < events.length; ) {
  const n = 1 + Math.floor(rand() * 5);
  lines.push(JSON.stringify({ Events: events.slice(i, i + n) }));
  i += n;
}
process.stdout.write(`${lines.join('\n')}\n`);
