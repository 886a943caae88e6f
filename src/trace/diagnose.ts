/**
 * Trace → verdict, first failed stage, likely cause and next step (pure). Peers show raw codes; we explain
 * them (spec.md trace, *beyond*). The causes are the ones Tencent's own loss analysis and troubleshooting
 * tool name (reference/protocols.md §2.4 `normal_push_loss`, §4.3, §4.4): certificate not configured,
 * token not uploaded, vendor token invalid (regid_invalid), notification switch off, push not enabled
 * (90045), device inactive. Codes outside this file's patterns fall back to the shared table (codes.ts).
 */
import { BoundedMap, memoize } from '../memo.js';
import { lookupCode } from '../tencent/codes.js';
import { OFFLINE_PATH, STAGE_LABELS, stageOf, type Instance, type Stage, type StageName, type Trace } from './model.js';

export type Verdict = 'clicked' | 'delivered' | 'failed' | 'pending' | 'not_found';

/** Stages `--expect` accepts (spec.md trace), in timeline order. */
export const EXPECT_STAGES = ['im', 'offline', 'channel', 'device', 'click'] as const;

export type ExpectStage = (typeof EXPECT_STAGES)[number];

/** Narrows a string to an ExpectStage. */
export function isExpectStage(value: string): value is ExpectStage {
  return (EXPECT_STAGES as readonly string[]).includes(value);
}

export type CauseId =
  | 'clicked'
  | 'delivered'
  | 'delivered_online'
  | 'not_found'
  | 'push_not_enabled'
  | 'notification_off'
  | 'cert_missing'
  | 'no_token'
  | 'token_invalid'
  | 'vendor_auth'
  | 'vendor_quota'
  | 'device_inactive'
  | 'im_failed'
  | 'offline_failed'
  | 'vendor_rejected'
  | 'device_failed'
  | 'awaiting_im'
  | 'offline_not_submitted'
  | 'awaiting_vendor'
  | 'awaiting_device';

export interface Diagnosis {
  verdict: Verdict;
  /** The first failed stage when the verdict is `failed`, else null. */
  failedStage: StageName | null;
  /** Where the push stopped without failing (verdict `pending`), else null. */
  stalledStage: StageName | null;
  cause: CauseId;
  /** One sentence: what happened and why. */
  summary: string;
  /** One sentence: what to do next ('' when nothing is needed). */
  next: string;
  /** summary + next, the `hint` of the JSON contract. */
  hint: string;
}

export interface InstanceDiagnosis extends Diagnosis {
  /** Short per-stage notes for the timeline's hint column (failed and stalled stages only). */
  stageHints: Partial<Record<StageName, string>>;
}

export interface TraceDiagnosis extends Diagnosis {
  /** Other instances that failed while the verdict is decided by a better one ('' when none). */
  note: string;
  instances: InstanceDiagnosis[];
}

interface CauseFacts {
  vendor: string;
  stage: string;
  code: number | null;
  info: string;
  offset: string;
}

interface CauseText {
  summary(f: CauseFacts): string;
  next: string;
  /** A few words for the timeline's hint column. */
  short: string;
}

/** Code and info as "(code: info)", leaving out what is empty. */
function said(f: CauseFacts): string {
  const parts = [f.code !== null && f.code !== 0 ? String(f.code) : '', f.info].filter((p) => p !== '');
  return parts.length ? ` (${parts.join(': ')})` : '';
}

/** Cause wording. Next steps follow the console troubleshooting guide and loss analysis (§4.4, §2.4). */
export const CAUSES: Readonly<Record<CauseId, CauseText>> = {
  clicked: { summary: (f) => `Delivered and opened by the user${f.offset}.`, next: '', short: 'clicked' },
  delivered: {
    summary: (f) => `Reached the device${f.offset}; not clicked (yet).`,
    next: 'Nothing to fix; use --expect click if a click is required.',
    short: 'not clicked (yet)',
  },
  delivered_online: {
    summary: (f) => `Delivered over the online (long-connection) channel${f.offset}; no offline push was needed.`,
    next: '',
    short: 'delivered online',
  },
  not_found: {
    summary: () => 'No trace data for this PushID: it is unknown to this SDKAppID, older than 7 days, or not recorded yet.',
    next: 'Check the PushID (from the Push.OfflinePush callback or the push records) and the SDKAppID/region; new pushes can take a few seconds to appear (try --watch).',
    short: 'no data',
  },
  push_not_enabled: {
    summary: (f) => `The Push service is not enabled for this app${said(f)}.`,
    next: 'Enable Push (TIMPush) in the Chat console, then send the message again.',
    short: 'push not enabled',
  },
  notification_off: {
    summary: (f) => `Notifications for the app were switched off on the device (${f.vendor})${f.code !== null && f.code !== 0 ? said(f) : ''}.`,
    next: 'Ask the user to allow notifications for the app in the system settings; the app can prompt for the permission after login.',
    short: 'notifications off',
  },
  cert_missing: {
    summary: (f) => `No ${f.vendor} push certificate is configured for the app${said(f) || ' (CertId 0)'}.`,
    next: 'Add the vendor certificate or keys in the Chat console (Push > Access Settings) and register the device with that certificate ID.',
    short: 'certificate not configured',
  },
  no_token: {
    summary: (f) => `The device had no ${f.vendor} token bound at dispatch${said(f) || ' (token not uploaded)'}.`,
    next: 'Make sure the app registers for push after login (TIMPush 800009 = push token empty) and that the vendor SDK returns a token on this device.',
    short: 'no token',
  },
  token_invalid: {
    summary: (f) => `${f.vendor} rejected the device token as invalid or expired${said(f)}.`,
    next: 'The app was probably uninstalled, reinstalled or its token rotated: the user must open the app so it logs in and uploads a fresh token.',
    short: 'token invalid',
  },
  vendor_auth: {
    summary: (f) => `${f.vendor} rejected our credentials for your app${said(f)}.`,
    next: 'Check the vendor AppID/AppKey/AppSecret (or the APNs certificate and its environment) in the Chat console (Push > Access Settings).',
    short: 'vendor credentials',
  },
  vendor_quota: {
    summary: (f) => `${f.vendor} refused the push because a quota or rate limit was exceeded${said(f)}.`,
    next: "Check the vendor's daily quota and message classification (IM/system messages are exempt on most vendors); retry later.",
    short: 'vendor quota',
  },
  device_inactive: {
    summary: (f) => `The IM instance (${f.vendor}) has not been active recently, so the push stopped at ${f.stage}.`,
    next: 'Ask the user to open the app; Push only reaches devices active in the last 30 days (7 with self-integrated vendor SDKs).',
    short: 'device inactive',
  },
  im_failed: {
    summary: (f) => `The IM server did not hand the message to push${said(f)}.`,
    next: 'Look the code up with chatpush explain; check the message\'s OfflinePushInfo and this vendor in the Chat console (Push > Access Settings).',
    short: 'IM server failed',
  },
  offline_failed: {
    summary: (f) => `The offline push was not submitted to the vendor channel${said(f)}.`,
    next: 'Check this vendor in the Chat console (Push > Access Settings: certificate, enabled channels) and the device registration.',
    short: 'submit failed',
  },
  vendor_rejected: {
    summary: (f) => `${f.vendor} rejected the push${said(f)}.`,
    next: "Look the vendor's code up in its push documentation; check the vendor settings in the Chat console.",
    short: 'vendor rejected',
  },
  device_failed: {
    summary: (f) => `The push did not arrive on the device${said(f)}.`,
    next: 'Check that the device is online and the app is not restricted by battery optimisation; retry a test push.',
    short: 'not delivered',
  },
  awaiting_im: {
    summary: () => 'The IM server has not recorded this push yet.',
    next: 'Wait a few seconds and trace again (or use --watch).',
    short: 'waiting',
  },
  offline_not_submitted: {
    summary: () =>
      'No offline push was submitted: the recipient was probably online (online messages skip vendor push), or the message disabled offline push (OfflinePushInfo.PushFlag = 1).',
    next: 'If the user was offline, check the OfflinePushInfo of the message and that the device registered for push.',
    short: 'not submitted',
  },
  awaiting_vendor: {
    summary: (f) => `Submitted to ${f.vendor}; no answer from the vendor recorded yet.`,
    next: 'Wait and trace again (or use --watch); a push stuck here for long points at the vendor channel settings.',
    short: 'waiting for vendor',
  },
  awaiting_device: {
    summary: (f) => `${f.vendor} accepted the push${f.offset}, but the device has not confirmed arrival.`,
    next: 'The device may be offline, powered off or battery-restricted, or vendor arrival receipts are not configured; check again later (or use --watch).',
    short: 'no arrival receipt',
  },
};

// Patterns on "<code> <info>" of the failed stage. Wording seen in Tencent's loss analysis (§2.4:
// "certificate id not set", "token not uploaded", "regid_invalid") and vendors' documented error names
// (APNs BadDeviceToken/Unregistered, FCM UNREGISTERED/NotRegistered, Huawei 80300007 "all tokens invalid").
const PATTERNS: ReadonlyArray<[CauseId, RegExp]> = [
  ['push_not_enabled', /\b90045\b|push (service |feature )?(is )?not (enabled|activated|opened)/],
  ['notification_off', /notification[\w ]{0,20}(off|disabled|closed|denied|not enabled)|\b800016\b/],
  ['cert_missing', /cert(ificate)?[ _]?id[ _]?(is )?not set|cert(ificate)? (is )?(not|isn'?t) (set|configured|found|uploaded)|no cert(ificate)?\b/],
  ['no_token', /token (is )?not (uploaded|bound|registered)|token (is )?(empty|missing|null)|no (device |push )?token|\b800009\b/],
  [
    'token_invalid',
    /regid[_ ]?invalid|invalid[_ ]?(reg(istration)?[_ ]?id|registration|token|device[_ ]?token)|not[_ ]?registered|unregistered|bad[_ ]?device[_ ]?token|token (is )?(invalid|expired|not for topic)|\b80300007\b/,
  ],
  [
    'vendor_auth',
    /bad[_ ]?certificate|(invalid|expired)[_ ]?provider[_ ]?token|mismatch[_ ]?sender[_ ]?id|sender[_ ]?id[_ ]?mismatch|third[_ ]?party[_ ]?auth|unauthori[sz]ed|auth(entication|orization)? (failed|error)|invalid (app ?secret|app ?key|client)/,
  ],
  ['vendor_quota', /quota|exceed|daily limit|too many|rate limit|frequency/],
];

/**
 * The cause a failed stage's code and info point at; undefined when no pattern matches. The patterns are written
 * in lower case and matched against the text with A–Z lowered, which is what the `i` flag would do for these
 * ASCII-only patterns (without the u flag it folds no other letter onto A–Z), at half the cost of compiling them
 * case-insensitive: most of what a `loss` run spent on its causes (issue 15).
 */
export function matchCause(code: number | null, info: string): CauseId | undefined {
  const text = asciiLower(`${code ?? ''} ${info}`);
  return PATTERNS.find(([, re]) => re.test(text))?.[0];
}

/** The text with A–Z lowered and every other character as it was (String#toLowerCase lowers more: K, the Kelvin sign). */
function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

const DEFAULT_FAILURE: Readonly<Partial<Record<StageName, CauseId>>> = {
  im: 'im_failed',
  offline: 'offline_failed',
  channel: 'vendor_rejected',
  device: 'device_failed',
  click: 'device_failed',
  'online.channel': 'device_failed',
  'online.device': 'device_failed',
};

// Offsets as sentences (" at +3s"), by offset in ms: most instances of a trace share a handful of them (issue 15:
// formatting one per instance was a tenth of a diagnosis). Bounded, as offsets come from the server.
const offsetSentence = memoize((ms: number) => ` at ${formatOffset(ms)}`, 4096);

/** "+3s"-style offset for a sentence (" at +3s"), '' when unknown. */
function offsetPhrase(stage: Stage | undefined): string {
  const ms = stage?.offsetMs;
  return ms === null || ms === undefined ? '' : offsetSentence(ms);
}

/**
 * Formats an offset from PushTime: "+0s", "+42s", "+3m05s", "+2h07m", "+6d06h"; negative with "-". Remembered by
 * offset: a timeline formats one per stage, and a trace has few distinct offsets.
 */
export const formatOffset: (ms: number) => string = memoize(offsetText, 4096);

function offsetText(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const totalS = Math.round(Math.abs(ms) / 1000);
  if (Math.abs(ms) < 60_000 && Math.abs(ms) % 1000 !== 0) return `${sign}${(Math.abs(ms) / 1000).toFixed(1)}s`;
  if (totalS < 60) return `${sign}${totalS}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (totalS < 3600) return `${sign}${Math.floor(totalS / 60)}m${pad(totalS % 60)}s`;
  if (totalS < 86400) return `${sign}${Math.floor(totalS / 3600)}h${pad(Math.floor((totalS % 3600) / 60))}m`;
  return `${sign}${Math.floor(totalS / 86400)}d${pad(Math.floor((totalS % 86400) / 3600))}h`;
}

// lookupCode sorts and filters the code table on every call; a trace of thousands of failed instances asks it the
// same few codes again and again (the table is fixed, so the answer is too).
const knownCode = memoize(lookupCode, 4096);

/** A cause's sentences for some facts. */
interface CauseSentences {
  summary: string;
  next: string;
  hint: string;
}

function build(cause: CauseId, facts: CauseFacts, verdict: Verdict, failedStage: StageName | null, stalledStage: StageName | null): Diagnosis {
  const { summary, next, hint } = makeSentences(cause, facts);
  return { verdict, failedStage, stalledStage, cause, summary, next, hint };
}

function makeSentences(cause: CauseId, facts: CauseFacts): CauseSentences {
  const text = CAUSES[cause];
  let summary = text.summary(facts);
  let next = text.next;
  // A failure the patterns do not know: the shared code table may (REST/TIMPush codes in a stage).
  if ((cause === 'im_failed' || cause === 'offline_failed' || cause === 'vendor_rejected' || cause === 'device_failed') && facts.code !== null) {
    const known = knownCode(facts.code);
    if (known) {
      summary = `${summary.replace(/\.$/, '')} — ${known.meaning.replace(/\.$/, '')}.`;
      next = known.next;
    }
  }
  return { summary, next, hint: next ? `${summary} ${next}` : summary };
}

// Instance diagnoses by everything they are made of. The instances of a trace share a few combinations of cause,
// facts and hint; made per instance, each diagnosis was an object, a stage-hint object and two or three sentences
// that all lived until the output was written (issue 15: in a 20 000-instance trace, the young-generation
// collections that copied them were most of the diagnosis's cost). Shared, they are frozen: nothing changes a
// diagnosis after it is made (callers that adjust one make a new object). Bounded, as the facts come from the
// server. In the key, the stage's info (the one free text, which may hold any character) comes last, so two
// different combinations cannot give the same key.
const DIAGNOSES = new BoundedMap<string, InstanceDiagnosis>(4096);

/** The diagnosis of a cause decided at `stage` (its sentences' facts; the offset from `offsetFrom` when given). */
function diagnosed(
  inst: Instance,
  cause: CauseId,
  stage: Stage | undefined,
  offsetFrom: Stage | undefined,
  verdict: Verdict,
  failedStage: StageName | null,
  stalledStage: StageName | null,
  hintAt: StageName | null,
  hintText: string,
): InstanceDiagnosis {
  const vendor = inst.platform.name;
  const label = stage ? STAGE_LABELS[stage.name] : '';
  const code = stage?.errorCode ?? null;
  const info = stage?.errorInfo ?? '';
  const offset = offsetPhrase(offsetFrom ?? stage);
  const key = `${verdict}\u0000${failedStage}\u0000${stalledStage}\u0000${hintAt}\u0000${hintText}\u0000${cause}\u0000${vendor}\u0000${label}\u0000${code ?? ''}\u0000${offset}\u0000${info}`;
  const known = DIAGNOSES.get(key);
  if (known !== undefined) return known;
  const { summary, next, hint } = makeSentences(cause, { vendor, stage: label, code, info, offset });
  const stageHints: Partial<Record<StageName, string>> = {};
  if (hintAt !== null) stageHints[hintAt] = hintText;
  return DIAGNOSES.set(key, Object.freeze({ verdict, failedStage, stalledStage, cause, summary, next, hint, stageHints: Object.freeze(stageHints) }));
}

const DELIVERED_STAGES: readonly StageName[] = ['click', 'device', 'online.device'];

/** The stage that tells the device was reached: device/click on the offline path, online.device otherwise. */
function deliveredStage(inst: Instance): Stage | undefined {
  for (const name of DELIVERED_STAGES) {
    const s = stageOf(inst, name);
    if (s?.status === 'success') return s;
  }
  return undefined;
}

/** Device-status causes for a stall (console "Device Status": notification switch, token binding, §4.4). */
function stallCause(inst: Instance, at: StageName): CauseId {
  if (at === 'im') return 'awaiting_im';
  if (inst.notificationEnabled === false) return 'notification_off';
  if (at === 'offline' || at === 'channel') {
    if (!inst.tokenPresent) return 'no_token';
    if (inst.certConfigured === false && at === 'offline') return 'cert_missing';
  }
  if (inst.lastActive === false) return 'device_inactive';
  return at === 'offline' ? 'offline_not_submitted' : at === 'channel' ? 'awaiting_vendor' : 'awaiting_device';
}

/** Diagnoses one instance. */
export function diagnoseInstance(inst: Instance): InstanceDiagnosis {
  const click = stageOf(inst, 'click');
  if (click?.status === 'success') return diagnosed(inst, 'clicked', click, undefined, 'clicked', null, null, null, '');

  const reached = deliveredStage(inst);
  if (reached) {
    const cause = reached.name === 'online.device' && stageOf(inst, 'device')?.status !== 'success' ? 'delivered_online' : 'delivered';
    // A failed click says more than "not clicked (yet)".
    const clickHint = click?.status === 'failed' ? 'click not recorded' : cause === 'delivered' ? CAUSES.delivered.short : '';
    return diagnosed(inst, cause, reached, undefined, 'delivered', null, null, clickHint === '' ? null : 'click', clickHint);
  }

  let failed: Stage | undefined;
  for (const s of inst.stages) {
    if (s.status === 'failed') {
      failed = s;
      break;
    }
  }
  if (failed) {
    let cause = matchCause(failed.errorCode, failed.errorInfo ?? '') ?? DEFAULT_FAILURE[failed.name] ?? 'device_failed';
    // Failures without a telling message: the device status at dispatch often explains them (§4.4).
    if (cause === 'offline_failed') {
      if (inst.certConfigured === false) cause = 'cert_missing';
      else if (!inst.tokenPresent) cause = 'no_token';
      else if (inst.notificationEnabled === false) cause = 'notification_off';
    } else if (cause === 'device_failed' && inst.notificationEnabled === false) cause = 'notification_off';
    return diagnosed(inst, cause, failed, undefined, 'failed', failed.name, null, failed.name, CAUSES[cause].short);
  }

  // Nothing failed and nothing arrived: pending at the first stage on the offline path not reached yet.
  const idx = OFFLINE_PATH.findIndex((n) => stageOf(inst, n)?.status !== 'success');
  const at = OFFLINE_PATH[idx === -1 ? 0 : idx]!;
  const cause = stallCause(inst, at);
  const before = idx > 0 ? stageOf(inst, OFFLINE_PATH[idx - 1]!) : undefined;
  return diagnosed(inst, cause, stageOf(inst, at), before, 'pending', null, at, at, CAUSES[cause].short);
}

const RANK: Readonly<Record<Verdict, number>> = { clicked: 4, delivered: 3, pending: 2, failed: 1, not_found: 0 };

/**
 * A trace's diagnosis and --expect outcome, folded in one instance at a time: over a whole trace (diagnoseTrace,
 * judge), or while `trace --response-file` writes each instance as it is built, so that the instances of a big
 * answer are never all held at once (issue 15).
 *
 * The verdict is the best outcome over the instances (a push to a user reached them if it reached any of their
 * devices); other instances that failed are mentioned in the hint. The outcome is reached on any instance, failed
 * on all, else pending; not found without instances.
 */
export class TraceJudgement {
  private readonly diagnoses: InstanceDiagnosis[] = [];
  private best: InstanceDiagnosis | undefined;
  private failed = 0;
  /** The first failed instance: its vendor and diagnosis (for the note). */
  private firstFailed: { vendor: string; diag: InstanceDiagnosis } | undefined;
  private readonly tally: OutcomeTally | undefined;

  constructor(expect?: ExpectStage) {
    this.tally = expect === undefined ? undefined : new OutcomeTally(expect);
  }

  /** Adds the next instance; returns its diagnosis. */
  add(inst: Instance): InstanceDiagnosis {
    const d = diagnoseInstance(inst);
    this.diagnoses.push(d);
    // The first instance with the best verdict decides.
    if (this.best === undefined || RANK[d.verdict] > RANK[this.best.verdict]) this.best = d;
    if (d.verdict === 'failed' && this.failed++ === 0) this.firstFailed = { vendor: inst.platform.name, diag: d };
    this.tally?.add(inst);
    return d;
  }

  /** The trace's diagnosis over the instances added so far. */
  diagnosis(): TraceDiagnosis {
    const instances = this.diagnoses;
    const decided = this.best;
    if (decided === undefined) {
      const facts: CauseFacts = { vendor: '', stage: '', code: null, info: '', offset: '' };
      return { ...build('not_found', facts, 'not_found', null, null), note: '', instances };
    }
    let note = '';
    // Every failed instance is another than the deciding one unless that failed too (then there is no note).
    if (this.failed > 0 && decided.verdict !== 'failed') {
      const first = this.firstFailed!;
      const more = this.failed > 1 ? ` (and ${this.failed - 1} more)` : '';
      note = `Another instance failed${more}: ${first.vendor} at ${STAGE_LABELS[first.diag.failedStage!]} (${CAUSES[first.diag.cause].short}).`;
    }
    const hint = [decided.summary, note, decided.next].filter(Boolean).join(' ');
    return { ...decided, hint, note, instances };
  }

  /** The outcome for the --expect stage given to the constructor. */
  outcome(): ExpectOutcome {
    if (!this.tally) throw new Error('internal: TraceJudgement made without an --expect stage has no outcome');
    return this.tally.result();
  }
}

/** The --expect outcome, one instance at a time: reached on any, failed on all, else pending; none: not found. */
class OutcomeTally {
  private count = 0;
  private reached = false;
  private allFailed = true;

  constructor(private readonly expect: ExpectStage) {}

  add(inst: Instance): void {
    this.count++;
    if (this.reached) return;
    const o = instanceExpectOutcome(inst, this.expect);
    if (o === 'reached') this.reached = true;
    else if (o !== 'failed') this.allFailed = false;
  }

  result(): ExpectOutcome {
    if (this.count === 0) return 'not_found';
    return this.reached ? 'reached' : this.allFailed ? 'failed' : 'pending';
  }
}

/** Diagnoses a whole trace (see TraceJudgement). */
export function diagnoseTrace(trace: Trace): TraceDiagnosis {
  const judgement = new TraceJudgement();
  for (const inst of trace.instances) judgement.add(inst);
  return judgement.diagnosis();
}

/** Stages whose success shows that the expected stage was passed (later stages imply earlier ones). */
function satisfyingStages(expect: ExpectStage): StageName[] {
  const later = OFFLINE_PATH.slice(OFFLINE_PATH.indexOf(expect));
  // The online channel reaches the device too (OnlinePushStat, §2.4); it never goes through offline submit.
  if (expect === 'im') return [...later, 'online.channel', 'online.device'];
  if (expect === 'channel') return [...later, 'online.channel', 'online.device'];
  if (expect === 'device') return [...later, 'online.device'];
  return later;
}

export type ExpectOutcome = 'reached' | 'failed' | 'pending' | 'not_found';

/** Per --expect stage, made once (issue 15: made per instance, these lists were most of expectOutcome's cost). */
interface ExpectRule {
  /** Stages whose success passes the expected stage. */
  ok: ReadonlySet<StageName>;
  /** Offline stages up to the expected one: a failure there fails it, unless the online path can still pass it. */
  upTo: ReadonlySet<StageName>;
  /** Whether an online stage can pass it. */
  onlinePasses: boolean;
}

function expectRule(e: ExpectStage): ExpectRule {
  const ok = satisfyingStages(e);
  return { ok: new Set(ok), upTo: new Set(OFFLINE_PATH.slice(0, OFFLINE_PATH.indexOf(e) + 1)), onlinePasses: ok.some((n) => n.startsWith('online.')) };
}

const EXPECT_RULES: Readonly<Record<ExpectStage, ExpectRule>> = {
  im: expectRule('im'),
  offline: expectRule('offline'),
  channel: expectRule('channel'),
  device: expectRule('device'),
  click: expectRule('click'),
};

/** Whether one instance passed the expected stage, can no longer pass it, or may still. */
export function instanceExpectOutcome(inst: Instance, expect: ExpectStage): Exclude<ExpectOutcome, 'not_found'> {
  const rule = EXPECT_RULES[expect];
  let offlineFailed = false;
  let online = 0;
  let onlineFailed = false;
  for (const s of inst.stages) {
    if (s.status === 'success' && rule.ok.has(s.name)) return 'reached';
    if (s.status === 'failed' && rule.upTo.has(s.name)) offlineFailed = true;
    if (s.name.startsWith('online.')) {
      online++;
      if (s.status === 'failed') onlineFailed = true;
    }
  }
  const onlineCanHelp = rule.onlinePasses && online > 0 && !onlineFailed;
  if (offlineFailed && !onlineCanHelp) return 'failed';
  if (expect === 'click' && stageOf(inst, 'click')?.status === 'failed') return 'failed';
  return 'pending';
}

/** The trace's outcome for `--expect`: reached on any instance, failed on all, else pending. */
export function expectOutcome(trace: Trace, expect: ExpectStage): ExpectOutcome {
  const tally = new OutcomeTally(expect);
  for (const inst of trace.instances) tally.add(inst);
  return tally.result();
}

/** Meaning and next step of the trace API's own error codes (seed 002 "Private error codes", §2.4, §4.3). */
export const TRACE_API_CODES: Readonly<Record<number, { meaning: string; next: string }>> = {
  90009: {
    meaning: 'the request needs App administrator permissions',
    next: 'Use an App admin as --identifier (or CHATPUSH_IDENTIFIER); admins are listed in the Chat console.',
  },
  90045: {
    meaning: 'the Push service is not enabled for this app',
    next: 'Enable Push (TIMPush) in the Chat console; traces exist only for pushes sent while it is enabled.',
  },
  90100: {
    meaning: 'invalid request parameters',
    next: 'Check the PushID: copy it from the Push.OfflinePush callback or the push records.',
  },
  90102: { meaning: 'internal error of the trace service', next: 'Try again later.' },
  90103: {
    meaning: 'the service failed to switch accounts',
    next: 'Check that the identifier is a valid App admin UserID.',
  },
  91000: { meaning: 'internal server error', next: 'Try again later; chatpush already retried it.' },
};

/** Trace-specific wording for an API error code, when this file has one. */
export function explainTraceApiCode(code: number): { meaning: string; next: string } | undefined {
  return TRACE_API_CODES[code];
}
