// For scale beside the `--response-file` floor (bench/render.mjs, information only): the stage table of every
// instance printed straight from the parsed answer (of the bench's shape), with chatpush's columns but the hint and
// a two-line header of the instance's own fields, and nothing else - no model, diagnosis, sanitising, redaction or
// depth check. What a plain table costs before anything that makes it safe or says what went wrong. Plain loops,
// as chatpush's own renderer has; an ES module, like the floor, so that both pay the same start-up.
// Usage: node bare-table.mjs <file>
import { readFileSync, writeSync } from 'node:fs';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const HEAD = ['STAGE', 'STATUS', 'TIME', 'OFFSET', 'CODE', 'INFO'];
const LABELS = ['IM server', 'offline submit', 'vendor channel', 'device', 'click'];
let out = '';
for (const inst of doc.InstanceTrace) {
  out += `\nInstance ${inst.InstanceId} · ${inst.System} ${inst.SystemVersion} · ${inst.DeviceModel}\n  SDK ${inst.SdkVersion} · push ${inst.PushVersion} · pushed ${inst.PushTime}\n`;
  const off = inst.OfflinePushStat;
  const stats = [inst.IMCommitStat.IMStat, off.OfflineStat, off.ChannelStat, off.DeviceStat, off.ClickStat];
  const rows = [HEAD];
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    rows.push([LABELS[i], s.PushStatus === 1 ? 'success' : 'failed', s.EventTime, `+${i}s`, String(s.ErrorCode), s.ErrorInfo]);
  }
  const widths = [0, 0, 0, 0, 0, 0];
  for (const r of rows) for (let c = 0; c < 6; c++) if (r[c].length > widths[c]) widths[c] = r[c].length;
  for (const r of rows) {
    let line = '  ';
    for (let c = 0; c < 5; c++) line += r[c] + ' '.repeat(widths[c] - r[c].length + 2);
    out += `${line}${r[5]}\n`;
  }
  if (out.length > 16384) {
    writeSync(1, out);
    out = '';
  }
}
writeSync(1, out);
