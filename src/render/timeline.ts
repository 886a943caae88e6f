/**
 * Trace → text (pure). Per PushID and instance: a header (vendor, system, model, versions, notification
 * switch, token, last active) and a timeline of the stages, then the verdict line. On a TTY the caller passes
 * cli-table3 (loaded lazily) and a coloured chalk; off a TTY the same columns are padded plainly and chalk is
 * at level 0. Every server-supplied string goes through sanitize() first (style.md "Output").
 */
import type { ChalkInstance } from 'chalk';
import type CliTable3 from 'cli-table3';
import { formatOffset, type InstanceDiagnosis, type TraceDiagnosis, type Verdict } from '../trace/diagnose.js';
import { STAGE_LABELS, type Instance, type Stage, type StageStatus, type Trace } from '../trace/model.js';
import { alignColumns, spaces } from './columns.js';
import { fitTable, joinParts, wrapBlock, wrapText } from './fit.js';
import { sanitize } from './sanitize.js';
import { displayWidth, isPrintableAscii, truncate } from './width.js';

export interface TimelineOptions {
  /** chalk at the colour level decided once for stdout (level 0 = plain). */
  chalk: ChalkInstance;
  /** cli-table3's constructor on a TTY; plain padded columns when absent. */
  Table?: typeof CliTable3 | undefined;
  /** Longest error info shown in a cell before it is cut with "…" (JSON output keeps it whole). */
  maxInfo?: number;
  /** The title instead of "PushID <id>" (task traces: "Task <TaskID> · user <UserID>"). */
  title?: string | undefined;
  /**
   * The terminal's width on a TTY: every line fits it (render/fit.ts). Undefined off a TTY: the same columns,
   * unwrapped, for grep and awk.
   */
  width?: number | undefined;
}

/** INFO and HINT give up width first (wrapping), then move under their row (render/fit.ts). */
const STAGE_FLEX = { 5: { mode: 'wrap', min: 14 }, 6: { mode: 'wrap', min: 14 } } as const;

const HEAD = ['STAGE', 'STATUS', 'TIME', 'OFFSET', 'CODE', 'INFO', 'HINT'];

/**
 * Above this many instances the TTY view pads columns itself (same borderless look, colour kept): cli-table3
 * needs ~1.3 ms per table, 2.6 s for 2000 instances, against ~0.1 s for the padding below.
 */
export const TABLE_INSTANCE_LIMIT = 100;

function statusCell(status: StageStatus, chalk: ChalkInstance, marks: boolean): string {
  const word = status === 'not_reached' ? 'not reached' : status;
  if (!marks) return word;
  if (status === 'success') return chalk.green(`✔ ${word}`);
  if (status === 'failed') return chalk.red(`✖ ${word}`);
  return chalk.dim(`· ${word}`);
}

function stageRow(stage: Stage, hint: string | undefined, opts: TimelineOptions, marks: boolean, shortTime = false): string[] {
  const { chalk } = opts;
  const dash = marks ? chalk.dim('-') : '-';
  const reached = stage.status !== 'not_reached';
  // Narrow (shortTime), a success stage's info "success" says what STATUS says and would take a line of its own.
  const redundant = shortTime && stage.status === 'success' && /^(success|ok)$/i.test(stage.errorInfo ?? '');
  const info = stage.errorInfo && !redundant ? truncate(sanitize(stage.errorInfo), opts.maxInfo ?? 60) : '';
  // On a narrow terminal the time of day is enough: the date is in the header ("pushed …").
  const time = stage.time ? sanitize(shortTime ? stage.time.replace(/^\d{4}-\d{2}-\d{2}[ T]/, '') : stage.time) : dash;
  return [
    STAGE_LABELS[stage.name],
    statusCell(stage.status, chalk, marks),
    time,
    stage.offsetMs !== null ? formatOffset(stage.offsetMs) : dash,
    stage.errorCode !== null ? String(stage.errorCode) : reached ? '' : dash,
    stage.status === 'failed' ? chalk.red(info) : info,
    hint ? (stage.status === 'failed' ? chalk.yellow(hint) : chalk.dim(hint)) : '',
  ];
}

function yesNo(v: boolean | null, yes: string, no: string): string {
  return v === null ? 'unknown' : v ? yes : no;
}

/** The two header lines of an instance (more on a narrow terminal, broken between parts). */
export function renderInstanceHeader(inst: Instance, chalk: ChalkInstance, width?: number): string {
  if (width === undefined && chalk.level === 0) return plainInstanceHeader(inst);
  const s = (v: string): string => sanitize(v);
  const system = [s(inst.system), s(inst.systemVersion)].filter(Boolean).join(' ');
  const first = [
    `${chalk.bold('Instance')} ${s(inst.instanceId)}`,
    chalk.bold(inst.platform.name),
    inst.eventType ? `${inst.eventType} push` : '',
    system,
    s(inst.deviceModel),
  ].filter(Boolean);
  const notif = inst.notificationEnabled === false ? chalk.yellow('notifications off') : `notifications ${yesNo(inst.notificationEnabled, 'on', 'off')}`;
  const token = inst.tokenPresent ? 'token yes' : chalk.yellow('token no');
  const second = [
    inst.sdkVersion ? `SDK ${s(inst.sdkVersion)}` : 'SDK -',
    inst.pushVersion ? `push ${s(inst.pushVersion)}` : 'push -',
    notif,
    token,
    inst.certConfigured === null ? '' : inst.certConfigured ? `cert ${s(inst.certId ?? '')}` : chalk.yellow('cert not set'),
    `last active ${yesNo(inst.lastActive, 'yes', 'no')}`,
    inst.pushTime ? `pushed ${s(inst.pushTime)}` : '',
  ].filter(Boolean);
  return `${joinParts(first, ' · ', width, '  ')}\n${joinParts(second, ' · ', width, '  ', '  ')}`;
}

/** renderInstanceHeader off a terminal without colour: the same two lines, written straight (issue 15). */
function plainInstanceHeader(inst: Instance): string {
  // Nearly always, every server text of a header is printable ASCII, which sanitize returns as it is: one test of
  // them all instead of one per field (issue 15).
  const s = isPrintableAscii(`${inst.instanceId}${inst.system}${inst.systemVersion}${inst.deviceModel}${inst.sdkVersion}${inst.pushVersion}${inst.certId ?? ''}${inst.pushTime ?? ''}`) ? asIs : sanitize;
  const system = joinNonEmpty(s(inst.system), s(inst.systemVersion), ' ');
  let first = `Instance ${s(inst.instanceId)} · ${inst.platform.name}`;
  if (inst.eventType) first += ` · ${inst.eventType} push`;
  if (system !== '') first += ` · ${system}`;
  const model = s(inst.deviceModel);
  if (model !== '') first += ` · ${model}`;
  let second = `  ${inst.sdkVersion ? `SDK ${s(inst.sdkVersion)}` : 'SDK -'} · ${inst.pushVersion ? `push ${s(inst.pushVersion)}` : 'push -'}`;
  second += ` · notifications ${yesNo(inst.notificationEnabled, 'on', 'off')} · ${inst.tokenPresent ? 'token yes' : 'token no'}`;
  if (inst.certConfigured !== null) second += inst.certConfigured ? ` · cert ${s(inst.certId ?? '')}` : ' · cert not set';
  second += ` · last active ${yesNo(inst.lastActive, 'yes', 'no')}`;
  if (inst.pushTime) second += ` · pushed ${s(inst.pushTime)}`;
  return `${first}\n${second}`;
}

function asIs(text: string): string {
  return text;
}

/** a + sep + b, leaving out an empty side (as [a, b].filter(Boolean).join(sep) does). */
function joinNonEmpty(a: string, b: string, sep: string): string {
  return a === '' ? b : b === '' ? a : `${a}${sep}${b}`;
}

/**
 * The stage table of one instance, indented by two: cli-table3 when given, else padded columns. `marks`
 * (status symbols and colour, the TTY look) defaults to whether cli-table3 was given.
 */
export function renderStageTable(inst: Instance, diag: InstanceDiagnosis | undefined, opts: TimelineOptions, marks = opts.Table !== undefined): string {
  if (!marks && !opts.Table && opts.width === undefined && opts.chalk.level === 0) return plainStageTable(inst, diag, opts.maxInfo ?? 60);
  const head = marks ? HEAD.map((h) => opts.chalk.bold(h)) : HEAD;
  let rows = inst.stages.map((st) => stageRow(st, diag?.stageHints[st.name], opts, marks));
  if (opts.width !== undefined) {
    const fits = (r: string[][]): boolean => fitTable([head, ...r], { indent: '  ' }).every((l) => displayWidth(l) <= opts.width!);
    if (!fits(rows)) {
      rows = inst.stages.map((st) => stageRow(st, diag?.stageHints[st.name], opts, marks, true));
      return fitTable([head, ...rows], { indent: '  ', width: opts.width, flex: STAGE_FLEX }).join('\n');
    }
  }
  if (!opts.Table) return alignColumns([head, ...rows], '  ');
  const table = new opts.Table({
    head: HEAD.map((h) => opts.chalk.bold(h)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: '  ', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const r of rows) table.push(r);
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

// The plain stage table (off a terminal, no colour): what alignColumns makes of stageRow's cells, with each
// cell's width known as it is made. Labels, status words, offsets and codes are ASCII by construction, so only
// the time, the info and the hint are measured, and printable ASCII (nearly every one) is measured and found
// clean by one test instead of sanitize's and displayWidth's two. For the 100 000 rows of a 20 000-instance
// answer (issue 15); test/unit/timeline.test.ts holds it equal to the general path.
const HEAD_WIDTHS = HEAD.map((h) => h.length);
const STATUS_WORDS: Readonly<Record<StageStatus, string>> = { success: 'success', failed: 'failed', not_reached: 'not reached' };
const COLUMNS = HEAD.length;

/** Fills cells[at] with a server text made safe (sanitize) and returns its display width. */
function cleanCell(text: string, cells: string[], at: number): number {
  if (isPrintableAscii(text)) {
    cells[at] = text;
    return text.length;
  }
  const clean = sanitize(text);
  cells[at] = clean;
  return displayWidth(clean);
}

function plainStageTable(inst: Instance, diag: InstanceDiagnosis | undefined, maxInfo: number): string {
  const stages = inst.stages;
  const rows = stages.length + 1;
  // Sized once: grown cell by cell from the header's seven, the arrays were copied three times per table.
  const cells = new Array<string>(rows * COLUMNS);
  const cellWidths = new Array<number>(rows * COLUMNS);
  const widths = HEAD_WIDTHS.slice();
  for (let i = 0; i < COLUMNS; i++) {
    cells[i] = HEAD[i]!;
    cellWidths[i] = HEAD_WIDTHS[i]!;
  }
  for (let r = 1; r < rows; r++) {
    const stage = stages[r - 1]!;
    const at = r * COLUMNS;
    const reached = stage.status !== 'not_reached';
    const label = STAGE_LABELS[stage.name];
    const status = STATUS_WORDS[stage.status];
    const offset = stage.offsetMs !== null ? formatOffset(stage.offsetMs) : '-';
    const code = stage.errorCode !== null ? String(stage.errorCode) : reached ? '' : '-';
    cells[at] = label;
    cellWidths[at] = label.length;
    cells[at + 1] = status;
    cellWidths[at + 1] = status.length;
    if (stage.time) cellWidths[at + 2] = cleanCell(stage.time, cells, at + 2);
    else {
      cells[at + 2] = '-';
      cellWidths[at + 2] = 1;
    }
    cells[at + 3] = offset;
    cellWidths[at + 3] = offset.length;
    cells[at + 4] = code;
    cellWidths[at + 4] = code.length;
    if (stage.errorInfo) {
      let w = cleanCell(stage.errorInfo, cells, at + 5);
      if (w > maxInfo) {
        cells[at + 5] = truncate(cells[at + 5]!, maxInfo);
        w = displayWidth(cells[at + 5]!);
      }
      cellWidths[at + 5] = w;
    } else {
      cells[at + 5] = '';
      cellWidths[at + 5] = 0;
    }
    const hint = diag?.stageHints[stage.name];
    if (hint) {
      cells[at + 6] = hint;
      cellWidths[at + 6] = displayWidth(hint);
    } else {
      cells[at + 6] = '';
      cellWidths[at + 6] = 0;
    }
    for (let i = 0; i < COLUMNS; i++) if (cellWidths[at + i]! > widths[i]!) widths[i] = cellWidths[at + i]!;
  }
  let out = '';
  for (let r = 0; r < rows; r++) {
    const at = r * COLUMNS;
    // The row ends at its last non-empty cell: the padding after it is what trimEnd would cut. Only a cell that
    // may itself end in white space (any character but printable ASCII last) still needs trimEnd, which flattened
    // every line into a copy of its own before the output did so again (issue 15).
    let last = COLUMNS - 1;
    while (last > 0 && cells[at + last] === '') last--;
    let line = '';
    for (let i = 0; i < last; i++) line += cells[at + i]! + spaces(widths[i]! - cellWidths[at + i]! + 2);
    const end = cells[at + last]!;
    line += end;
    const tail = end.charCodeAt(end.length - 1);
    out += `${r === 0 ? '' : '\n'}  ${tail > 0x20 && tail < 0x7f ? line : line.trimEnd()}`;
  }
  return out;
}

const VERDICT_COLOR: Readonly<Record<Verdict, 'green' | 'red' | 'yellow' | 'gray'>> = {
  clicked: 'green',
  delivered: 'green',
  failed: 'red',
  pending: 'yellow',
  not_found: 'gray',
};

/** The one-line verdict: "verdict: failed at vendor channel — cause. Next: step" (wrapped at words to a width). */
export function renderVerdict(diag: TraceDiagnosis, chalk: ChalkInstance, width?: number): string {
  const word = diag.verdict === 'not_found' ? 'not found' : diag.verdict;
  const where = diag.failedStage ? ` at ${STAGE_LABELS[diag.failedStage]}` : diag.stalledStage ? ` at ${STAGE_LABELS[diag.stalledStage]}` : '';
  const head = chalk.bold[VERDICT_COLOR[diag.verdict]](`${word}${where}`);
  const note = diag.note ? ` ${diag.note}` : '';
  const next = diag.next ? ` Next: ${diag.next}` : '';
  if (width === undefined) return `${chalk.bold('Verdict:')} ${head} — ${sanitize(`${diag.summary}${note}`)}${chalk.dim(sanitize(next))}`;
  // Wrapped as plain words, then coloured line by line, so that no colour code is cut.
  const plain = `Verdict: ${word}${where} — ${sanitize(`${diag.summary}${note}`)}`;
  const lines = wrapText(`${plain}${sanitize(next)}`, width);
  let at = 0;
  return lines
    .map((line) => {
      const start = at;
      at += line.length + 1;
      return colourVerdictLine(line, start, plain.length, `Verdict: ${word}${where}`.length, chalk, diag.verdict);
    })
    .join('\n');
}

/** Colours a slice of the wrapped verdict: the bold lead, the coloured verdict, the dim "Next:" part. */
function colourVerdictLine(line: string, start: number, plainEnd: number, headEnd: number, chalk: ChalkInstance, verdict: Verdict): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    const pos = start + i;
    const end = pos < 8 ? 8 : pos < headEnd ? headEnd : pos < plainEnd ? plainEnd : Infinity;
    const piece = line.slice(i, i + (end - pos));
    out += pos < 8 ? chalk.bold(piece) : pos < headEnd ? chalk.bold[VERDICT_COLOR[verdict]](piece) : pos < plainEnd ? piece : chalk.dim(piece);
    i += piece.length;
  }
  return out;
}

/** Renders one PushID: title, each instance's header and timeline, then the verdict. */
export function renderTrace(trace: Trace, diag: TraceDiagnosis, opts: TimelineOptions): string {
  let out = '';
  renderTraceTo(trace, diag, opts, (piece) => (out += piece));
  return out;
}

/**
 * The instances a timeline shows, one at a time and in order: a whole trace's, or (trace --response-file) each
 * built and diagnosed only when its turn comes, so that a big answer's instances are never all held (issue 15).
 */
export interface InstanceFeed {
  readonly count: number;
  /** The i-th instance; asked once, in order, before its diagnosis. */
  instance(i: number): Instance;
  diagnosis(i: number): InstanceDiagnosis | undefined;
}

/**
 * renderTrace in pieces, one per instance, handed to `emit` as they are made (issue 15: a 20 000-instance answer
 * was rendered as one string of tens of MB before anything was written). Joined, the pieces are exactly
 * renderTrace's text; each ends at the end of a line. A loop handing pieces to a callback rather than a
 * generator: cheaper for V8 to optimise, for the 2000 turns that make a big answer's timeline. Its three parts
 * are also used apart (trace-io.ts writeFeed: trace --response-file feeds the instances one at a time and stops
 * rendering them now and then, so that Ctrl-C can come in).
 */
export function renderTraceTo(trace: Trace, diag: TraceDiagnosis, opts: TimelineOptions, emit: (piece: string) => void): void {
  const feed = traceFeed(trace, diag);
  emit(renderFeedTitle(trace.pushId, feed.count, opts));
  renderFeedInstances(feed, 0, opts, emit);
  emit(renderFeedEnd(diag, opts));
}

/** A whole trace's instances, with their diagnoses, as a feed. */
export function traceFeed(trace: Trace, diag: TraceDiagnosis): InstanceFeed {
  return { count: trace.instances.length, instance: (i) => trace.instances[i]!, diagnosis: (i) => diag.instances[i] };
}

/** The title line(s) of a timeline of n instances (the first piece). */
export function renderFeedTitle(pushId: string, n: number, opts: TimelineOptions): string {
  const { chalk } = opts;
  const count = `${n} instance${n === 1 ? '' : 's'}`;
  const id = sanitize(pushId);
  const title = opts.title !== undefined ? `${sanitize(opts.title)} · ${count}` : `${chalk.bold('PushID')} ${id} · ${count}`;
  const narrow = opts.width !== undefined && displayWidth(title) > opts.width;
  const wrapped = opts.title !== undefined ? wrapBlock(title, opts.width) : `${chalk.bold('PushID')} · ${count}\n${wrapBlock(`  ${id}`, opts.width)}`;
  return narrow ? wrapped : title;
}

/**
 * The pieces of a feed's instances from `from` on, one per instance (its header and its stage table), to the end
 * or until `stop()`, asked every 256 instances, says to stop; returns the index of the first not rendered.
 */
export function renderFeedInstances(feed: InstanceFeed, from: number, opts: TimelineOptions, emit: (piece: string) => void, stop?: () => boolean): number {
  const tty = opts.Table !== undefined;
  const tableOpts = feed.count > TABLE_INSTANCE_LIMIT ? { ...opts, Table: undefined } : opts;
  for (let i = from; i < feed.count; i++) {
    if ((i & 255) === 0 && i > from && stop?.()) return i;
    const inst = feed.instance(i);
    emit(`\n\n${renderInstanceHeader(inst, opts.chalk, opts.width)}\n${renderStageTable(inst, feed.diagnosis(i), tableOpts, tty)}`);
  }
  return feed.count;
}

/** The last piece of a timeline: its verdict. */
export function renderFeedEnd(diag: TraceDiagnosis, opts: TimelineOptions): string {
  return `\n\n${renderVerdict(diag, opts.chalk, opts.width)}\n`;
}
