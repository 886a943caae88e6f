// `npm run bench`: every benchmark of issues 6 and 15, each printing its figures with their peer or floor, the
// ratio and PASS/FAIL against its target. BENCH_GROUPS=startup,commands,trace,replay,render,pacing,demo picks groups
// (default: all). Heavier variants take their own flags: BENCH_PACING_N=100 (issue 15's 100-PushID batch,
// ~100 s), BENCH_REPEAT, BENCH_CONCURRENCY, BENCH_*_ROUNDS, BENCH_RENDER_SIZES.
import { cpus, loadavg, totalmem } from 'node:os';
import { benchStartup } from './startup.mjs';
import { benchTrace } from './trace.mjs';
import { benchAutocannon, benchRate, benchMemory } from './replay.mjs';
import { benchRender } from './render.mjs';
import { benchPacing } from './pacing.mjs';
import { benchDemo } from './demo.mjs';
import { benchCommands } from './commands.mjs';

const groups = {
  startup: [benchStartup],
  commands: [benchCommands],
  trace: [benchTrace],
  replay: [benchAutocannon, benchRate, benchMemory],
  render: [benchRender],
  pacing: [benchPacing],
  demo: [benchDemo],
};
const wanted = (process.env.BENCH_GROUPS ?? Object.keys(groups).join(',')).split(',').map((g) => g.trim());
for (const g of wanted) if (!groups[g]) throw new Error(`BENCH_GROUPS: no group "${g}" (${Object.keys(groups).join(', ')})`);

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
    `load average ${loadavg()[0].toFixed(2)}\n`,
);
let failed = 0;
for (const g of wanted) {
  for (const bench of groups[g]) {
    if (!(await bench())) failed++;
    console.log('');
  }
}
console.log(failed ? `${failed} benchmark(s) missed a target` : 'all benchmark targets met');
process.exitCode = failed ? 1 : 0;
