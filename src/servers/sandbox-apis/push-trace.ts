/** Sandbox: normal_push_trace from fixtures/traces/<PushID>.json (reference/protocols.md §2.4). */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { syntheticTrace } from '../synthetic-traces.js';
import { failure, isObj, type SandboxApi } from './types.js';

export interface TraceFixture {
  pushId: string;
  body: string;
  parsed: unknown;
}

/** Loads every <PushID>.json of a folder. A file that is not JSON is an error naming the file. */
export async function loadTraceFixtures(dir: string): Promise<TraceFixture[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: TraceFixture[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`sandbox fixture ${name} is not valid JSON: ${(err as Error).message}`);
    }
    out.push({ pushId: basename(name, '.json'), body: JSON.stringify(parsed), parsed });
  }
  return out;
}

export const pushTraceApi: SandboxApi<TraceFixture[]> = {
  path: '/v4/timpush/normal_push_trace',
  minIntervalMs: 1000,
  load: (fixturesDir, opts) => loadTraceFixtures(opts.tracesDir ?? join(fixturesDir, 'traces')),
  answer(body, fixtures) {
    const pushId = isObj(body) ? body.PushID : undefined;
    if (typeof pushId !== 'string' || pushId.trim() === '') {
      // 90100 "Invalid request parameters" is a private code of this API (seed 002).
      return failure(90100, 'invalid request parameters: PushID (string) is required', 'normal_push_trace without a PushID');
    }
    const fixture = fixtures.find((f) => f.pushId === pushId);
    if (fixture) {
      const parsed = fixture.parsed as { ErrorCode?: unknown; ErrorInfo?: unknown; InstanceTrace?: unknown } | null;
      const n = Array.isArray(parsed?.InstanceTrace) ? parsed.InstanceTrace.length : 0;
      return {
        code: typeof parsed?.ErrorCode === 'number' ? parsed.ErrorCode : 0,
        info: typeof parsed?.ErrorInfo === 'string' ? parsed.ErrorInfo : '',
        body: fixture.body,
        what: `PushID ${pushId}`,
        pushId,
        instances: n,
      };
    }
    // A PushID marked synthetic (last segment `sbx…`) gets a trace derived from the ID (synthetic-traces.ts), so
    // large demo captures can be traced without a fixture per push.
    const synthetic = syntheticTrace(pushId);
    if (synthetic) return { code: 0, info: '', body: synthetic, what: `PushID ${pushId}`, pushId, instances: (synthetic.InstanceTrace as unknown[]).length };
    // Unknown or expired pushes: an empty InstanceTrace, as the service answers them.
    return { code: 0, info: '', body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InstanceTrace: [] }, what: `PushID ${pushId}`, pushId, instances: 0 };
  },
};
