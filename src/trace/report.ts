/**
 * Trace + diagnosis → the `--json` shape of spec.md "Output" (pure). The contract's fields come first in
 * each object; the rest are additive (systemVersion, versions, tokenPresent, per-instance verdict, stage
 * hint, and `error` for a PushID whose lookup failed).
 */
import type { ChatpushError } from '../errors.js';
import type { ExpectOutcome, InstanceDiagnosis, TraceDiagnosis, Verdict } from './diagnose.js';
import type { Instance, StageName, Trace } from './model.js';

export interface StageJson {
  name: StageName;
  status: 'success' | 'failed' | 'not_reached';
  time: string | null;
  offsetMs: number | null;
  errorCode: number | null;
  errorInfo: string | null;
  hint: string | null;
}

export interface InstanceJson {
  instanceId: string;
  platform: { code: number | null; name: string };
  system: string;
  deviceModel: string;
  notificationEnabled: boolean | null;
  stages: StageJson[];
  /** "offline" (EventType 1), "online" (2) or null (spec.md v2 trace --task). */
  eventType: 'offline' | 'online' | null;
  systemVersion: string;
  sdkVersion: string;
  pushVersion: string;
  pushTime: string | null;
  tokenPresent: boolean;
  certId: string | null;
  lastActive: boolean | null;
  verdict: Verdict;
  failedStage: StageName | null;
  hint: string;
}

export interface TraceErrorJson {
  /** The exit code this failure maps to (spec.md "Exit codes"). */
  exitCode: number;
  /** The API's ErrorCode when the service answered with one. */
  errorCode: number | null;
  message: string;
  hint: string | null;
}

export interface TraceJson {
  /** null for task traces, which name taskId and userId instead (spec.md v2). */
  pushId: string | null;
  /** null only when the lookup itself failed (see `error`). */
  verdict: Verdict | null;
  failedStage: StageName | null;
  hint: string | null;
  instances: InstanceJson[];
  cause: string | null;
  nextStep: string | null;
  /** reached / failed / pending / not_found for the --expect stage. */
  expect: { stage: string; outcome: ExpectOutcome } | null;
  error?: TraceErrorJson;
  /** all_member_push_trace only. */
  taskId?: string;
  userId?: string;
  /** trace --task --online: the user's state when it was asked (after the trace). */
  online?: { state: string | null; platforms: { platform: string; state: string | null }[]; errorCode: number | null };
}

/** An instance's stages as JSON: built field by field, not spread (issue 15: spreading 100 000 stage objects was a tenth of a big render). */
function stagesToJson(inst: Instance, d: InstanceDiagnosis): StageJson[] {
  const stages = inst.stages;
  const out = new Array<StageJson>(stages.length);
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    out[i] = { name: s.name, status: s.status, time: s.time, offsetMs: s.offsetMs, errorCode: s.errorCode, errorInfo: s.errorInfo, hint: d.stageHints[s.name] ?? null };
  }
  return out;
}

/** One instance as JSON. */
export function instanceToJson(inst: Instance, d: InstanceDiagnosis): InstanceJson {
  return {
    instanceId: inst.instanceId,
    platform: inst.platform,
    system: inst.system,
    deviceModel: inst.deviceModel,
    notificationEnabled: inst.notificationEnabled,
    stages: stagesToJson(inst, d),
    eventType: inst.eventType,
    systemVersion: inst.systemVersion,
    sdkVersion: inst.sdkVersion,
    pushVersion: inst.pushVersion,
    pushTime: inst.pushTime,
    tokenPresent: inst.tokenPresent,
    certId: inst.certId,
    lastActive: inst.lastActive,
    verdict: d.verdict,
    failedStage: d.failedStage,
    hint: d.hint,
  };
}

/** The instances of a trace as JSON, produced one at a time (render/json-stream.ts writes each as it comes). */
export function* instancesToJson(trace: Trace, diag: TraceDiagnosis): Generator<InstanceJson> {
  for (let i = 0; i < trace.instances.length; i++) yield instanceToJson(trace.instances[i]!, diag.instances[i]!);
}

/** One traced PushID as JSON. */
export function traceToJson(trace: Trace, diag: TraceDiagnosis, expect: { stage: string; outcome: ExpectOutcome }): TraceJson {
  return traceJsonWith(trace.pushId, diag, expect, [...instancesToJson(trace, diag)]);
}

/** traceToJson with the instances given (a Streamed of instancesToJson when the document is written in pieces). */
export function traceJsonWith<I>(pushId: string, diag: TraceDiagnosis, expect: { stage: string; outcome: ExpectOutcome }, instances: I): Omit<TraceJson, 'instances'> & { instances: I } {
  return {
    pushId,
    verdict: diag.verdict,
    failedStage: diag.failedStage,
    hint: diag.hint,
    instances,
    cause: diag.cause,
    nextStep: diag.next || null,
    expect,
  };
}

/** A PushID whose lookup failed (auth, service, network): no verdict, the error instead. */
export function traceErrorToJson(pushId: string, err: ChatpushError): TraceJson {
  const code = (err as { code?: unknown }).code;
  return {
    pushId,
    verdict: null,
    failedStage: null,
    hint: err.hint ?? null,
    instances: [],
    cause: null,
    nextStep: null,
    expect: null,
    error: { exitCode: err.exitCode, errorCode: typeof code === 'number' ? code : null, message: err.message, hint: err.hint ?? null },
  };
}
