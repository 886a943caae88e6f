// `npm run bench`: every benchmark of issue 6, each printing its figures and PASS/FAIL against its target.
import { cpus, totalmem } from 'node:os';
import { benchStartup } from './startup.mjs';
import { benchThroughput, benchRate, benchMemory } from './replay.mjs';
import { benchRender } from './render.mjs';
import { benchDemo } from './demo.mjs';

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
const results = [];
for (const bench of [benchStartup, benchThroughput, benchRate, benchMemory, benchRender, benchDemo]) {
  results.push(await bench());
  console.log('');
}
const failed = results.filter((r) => !r).length;
console.log(failed ? `${failed} benchmark group(s) missed a target` : 'all benchmark targets met');
process.exitCode = failed ? 1 : 0;
