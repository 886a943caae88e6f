// `chatpush demo`, the whole process (start-up, both servers, 7 traces, 9 replayed callbacks, exit), in under
// 3 s (issue 11: it took ~7–10 s and printed ~170 lines, most of it waiting out the sandbox's 1 call/s limit).
// Also prints how many lines it writes (stdout and stderr) off a terminal.
import { BIN, median, run, scratch, verdict } from './lib.mjs';

export async function benchDemo() {
  console.log('demo (whole process)');
  const env = { CHATPUSH_CONFIG_DIR: scratch() };
  const times = [];
  let lines = 0;
  for (let i = 0; i < 7; i++) {
    const r = await run(process.execPath, [BIN, 'demo'], { env });
    if (r.code !== 0) throw new Error(`chatpush demo exited ${r.code}: ${r.stderr}`);
    times.push(r.ms);
    lines = `${r.stdout}${r.stderr}`.trimEnd().split('\n').length;
  }
  const ms = median(times);
  console.log(`  wall time: median ${ms.toFixed(0)} ms of ${times.length} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${lines} lines of output`);
  return verdict('demo wall time (median)', ms, 3000, ' ms');
}
