// Trace rendering: a 2000-instance normal_push_trace response rendered as a table and as --json with
// `trace --response-file`, CPU time beyond startup (the same command on a 1-instance response) < 300 ms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, median, run, scratch, verdict } from './lib.mjs';

function instance(i) {
  const stat = (ok, t) => ({ PushStatus: ok ? 1 : 2, ErrorCode: ok ? 0 : 1001, ErrorInfo: ok ? 'success' : 'token invalid', EventTime: `2025-03-07 10:04:${String(t).padStart(2, '0')}` });
  return {
    InstanceId: String(101205908 + i), PushTime: '2025-03-07 10:04:47', DeviceModel: `Model ${i % 17}`, System: i % 2 ? 'Android' : 'iOS',
    SystemVersion: '14', PushPlatform: i % 9, Token: i % 5 ? 'tok' : '', CertId: String(i % 3), SdkVersion: '8.4.6667', PushVersion: '8.4.6667',
    NotificationStatus: i % 7 ? 1 : 0, last_active_terminal: 1,
    IMCommitStat: { IMStat: stat(true, 47) },
    OfflinePushStat: { OfflineStat: stat(true, 48), ChannelStat: stat(i % 4 !== 0, 49), DeviceStat: stat(true, 50), ClickStat: stat(i % 3 === 0, 51) },
  };
}

export async function benchRender() {
  const dir = scratch();
  const big = join(dir, 'big.json');
  const small = join(dir, 'small.json');
  const doc = (n) => JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: 'sucess', InstanceTrace: Array.from({ length: n }, (_, i) => instance(i)) });
  writeFileSync(big, doc(2000));
  writeFileSync(small, doc(1));
  const env = { CHATPUSH_CONFIG_DIR: dir };
  let ok = true;
  for (const mode of [[], ['--json']]) {
    const extra = [];
    const base = [];
    for (let i = 0; i < 5; i++) {
      const b = await run(process.execPath, [BIN, 'trace', '--response-file', small, '--expect', 'im', ...mode], { env, usage: true });
      const r = await run(process.execPath, [BIN, 'trace', '--response-file', big, '--expect', 'im', ...mode], { env, usage: true });
      if (r.code !== 0 || b.code !== 0) throw new Error(`trace --response-file exited ${r.code}/${b.code}: ${r.stderr.slice(0, 300)}`);
      base.push(b.cpuMs);
      extra.push(r.cpuMs - b.cpuMs);
    }
    const label = mode.length ? '--json' : 'table';
    console.log(`render (${label}): 2000 instances cost ${median(extra).toFixed(1)} ms CPU beyond a 1-instance render (${median(base).toFixed(1)} ms)`);
    ok = verdict(`2000-instance render, ${label} (ms CPU beyond startup)`, median(extra), 300, ' ms') && ok;
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchRender()) ? 0 : 1;
