import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatProgress } from '../../src/render/progress.js';
import { renderSummary } from '../../src/render/summary.js';
import { HOSTILE_SCENARIO, prng, SCENARIOS, scenarioOf, syntheticOfflinePushEvents, syntheticPushId, syntheticTrace } from '../../src/servers/synthetic-traces.js';
import { summariseTraces } from '../../src/trace/summary.js';
import { readResumeFile } from '../../src/trace/resume.js';
import { renderTraceHtml } from '../../src/render/html/trace.js';
import { META, sampleTraceDoc, traceJsonOf } from '../helpers/report-samples.js';

const plain = new Chalk({ level: 0 });

/** A trace for scenario `i`, with a PushID from `n`. */
function scenarioTrace(i: number, n = 0) {
  const id = syntheticPushId(i, 1_762_160_000 + n, prng(n + 1));
  return traceJsonOf(id, syntheticTrace(id));
}

describe('summariseTraces', () => {
  it('groups by verdict, vendor, failed stage and cause; largest first; ties in first-seen order', () => {
    const xiaomiToken = [scenarioTrace(3, 1), scenarioTrace(3, 2), scenarioTrace(3, 3)];
    const huaweiToken = [scenarioTrace(4, 4), scenarioTrace(4, 5)];
    const clicked = [scenarioTrace(0, 6), scenarioTrace(0, 7)];
    const vivo = scenarioTrace(6, 8);
    const s = summariseTraces([vivo, huaweiToken[0]!, ...xiaomiToken, clicked[0]!, huaweiToken[1]!, clicked[1]!]);
    expect(s.total).toBe(8);
    expect(s.byVerdict).toEqual({ failed: 6, clicked: 2 });
    expect(s.groups.map((g) => [g.count, g.verdict, g.platform?.name, g.failedStage, g.cause])).toEqual([
      [3, 'failed', 'Xiaomi', 'channel', 'token_invalid'],
      [2, 'failed', 'Huawei', 'channel', 'token_invalid'],
      [2, 'clicked', 'Apple APNs', null, 'clicked'],
      [1, 'failed', 'vivo', 'device', 'notification_off'],
    ]);
    expect(s.groups[0]!.ids).toEqual(xiaomiToken.map((t) => t.pushId));
  });

  it('counts lookups that failed as "error" and empty traces as not_found without a vendor', () => {
    const doc = sampleTraceDoc();
    const s = summariseTraces(doc.traces);
    expect(s.byVerdict.error).toBe(1);
    const err = s.groups.find((g) => g.verdict === 'error')!;
    expect(err).toMatchObject({ platform: null, failedStage: null, cause: 'lookup_failed', count: 1 });
    const nf = summariseTraces([traceJsonOf('x1', { InstanceTrace: [] })]);
    expect(nf.groups).toEqual([{ verdict: 'not_found', platform: null, failedStage: null, cause: 'not_found', count: 1, ids: ['x1'] }]);
  });

  it('a trace decided by its best instance is grouped under that instance\'s vendor', () => {
    const i = SCENARIOS.findIndex((s) => s.second !== undefined);
    const s = summariseTraces([scenarioTrace(i)]);
    expect(s.groups[0]).toMatchObject({ verdict: 'clicked', platform: { name: 'Apple APNs' } });
  });

  it('is empty for no traces', () => {
    expect(summariseTraces([])).toEqual({ total: 0, byVerdict: {}, groups: [] });
  });
});

describe('renderSummary', () => {
  it('prints the headline and one aligned line per group', () => {
    const s = summariseTraces([scenarioTrace(3, 1), scenarioTrace(3, 2), scenarioTrace(3, 3), scenarioTrace(8, 4), ...Array.from({ length: 10 }, (_, n) => scenarioTrace(0, 10 + n))]);
    const out = renderSummary(s, plain).split('\n');
    expect(out[0]).toBe('Summary of 14 traces: 3 failed · 1 pending · 10 clicked');
    expect(out[1]).toMatch(/^ {2}10 × {2}clicked {2}Apple APNs {2}— {15}clicked {13}e\.g\. 69086d8a_/);
    expect(out[2]).toMatch(/^ {3}3 × {2}failed {3}Xiaomi {6}vendor channel {2}token invalid {7}e\.g\. /);
    expect(out[3]).toMatch(/^ {3}1 × {2}pending {2}OPPO {8}— {15}no arrival receipt {2}e\.g\. /);
  });

  it('says so for an empty batch', () => {
    expect(renderSummary(summariseTraces([]), plain)).toBe('Summary of 0 traces\n');
  });
});

describe('formatProgress', () => {
  it.each([
    [0, 200, 1100, '[0/200] 0 % · about 3m40s left'],
    [57, 200, 1100, '[57/200] 28 % · about 2m37s left'],
    [199, 200, 1000, '[199/200] 99 % · about 1s left'],
    [5, 5, 1000, '[5/5] 100 %'],
    [3, 2000, 1100, '[3/2000] 0 % · about 36m37s left'],
  ])('%i of %i at %i ms', (done, total, pace, text) => {
    expect(formatProgress(done, total, pace)).toBe(text);
  });
});

describe('synthetic traces', () => {
  it('derive the same trace from the same PushID, and none for other PushIDs', () => {
    const id = syntheticPushId(3, 1_762_160_000, prng(1));
    expect(id).toMatch(/^69086d80_[0-9a-f]{8}_[0-9a-f]{8}_2000[0-9a-f]{11}_sbx03[0-9a-f]{10}$/);
    expect(syntheticTrace(id)).toEqual(syntheticTrace(id));
    expect(scenarioOf(id)).toBe(3);
    expect(syntheticTrace('69080165_7c2fc07f_a518f930_20000819f001777_2000c6c6c31008c')).toBeUndefined();
    expect(syntheticTrace('a_sbxzz')).toBeUndefined();
    expect(syntheticTrace(`a_sbx${(SCENARIOS.length).toString(16).padStart(2, '0')}`)).toBeUndefined();
  });

  it.each(SCENARIOS.map((s, i) => [i, s.name] as const))('scenario %i is diagnosed as its name says (%s)', (i, name) => {
    const t = scenarioTrace(i, i);
    const words = name.split(' · ');
    if (name.startsWith('clicked on an iPhone')) expect(t.verdict).toBe('clicked');
    else if (name.startsWith('hostile')) expect(t.verdict).toBe('failed');
    else expect(`${t.verdict}${t.failedStage ? ' at' : ''}`).toBe(words[0]!.split(' ').slice(0, t.failedStage ? 2 : 1).join(' ').replace(' at', ' at'));
  });

  it('generates events whose ErrCode agrees with the scenario, never the hostile one', () => {
    const events = syntheticOfflinePushEvents(300, { seed: 14, startS: 1_762_160_000 });
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.PushID)).size).toBe(300);
    for (const e of events) {
      const i = scenarioOf(e.PushID as string)!;
      expect(i).not.toBe(HOSTILE_SCENARIO);
      expect(e.ErrCode).toBe(SCENARIOS[i]!.event.errCode);
      expect(e.PushPlatform).toBe(SCENARIOS[i]!.platform);
    }
    const failed = events.filter((e) => e.ErrCode !== 0).length;
    expect(failed).toBeGreaterThan(100);
    expect(failed).toBeLessThan(250);
  });
});

describe('readResumeFile', () => {
  const doc = sampleTraceDoc();
  it('reads the settled traces of a --json document and of an HTML report, leaving out failed lookups', () => {
    const fromJson = readResumeFile('t.json', JSON.stringify({ schemaVersion: 1, ...doc }));
    expect(fromJson.map((t) => t.pushId)).toEqual(doc.traces.filter((t) => t.verdict !== null).map((t) => t.pushId));
    const fromHtml = readResumeFile('r.html', renderTraceHtml(doc, META));
    expect(fromHtml).toEqual(fromJson);
  });

  it.each([
    ['', /^--resume f is empty\.$/],
    ['{"traces": 1}', /neither a 'chatpush trace --json' document nor/],
    ['<html><body>hello</body></html>', /neither/],
    ['not json', /neither/],
  ])('refuses %j', (text, message) => {
    expect(() => readResumeFile('f', text)).toThrow(message);
  });
});

describe('hostile input', () => {
  it('readResumeFile: any text gives settled traces or a UsageError (exit 2), never anything else', async () => {
    const fc = (await import('fast-check')).default;
    const { ChatpushError } = await import('../../src/errors.js');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ traces: [v, v] })), fc.string().map((s) => `<html><script type="application/json" id="chatpush-data">${s}</script>`)), (text) => {
        try {
          for (const t of readResumeFile('f', text)) expect(typeof t.verdict).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(ChatpushError);
          expect((err as InstanceType<typeof ChatpushError>).exitCode).toBe(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('syntheticTrace: any PushID gives undefined or a response the trace model reads', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `69086d80_${s}_sbx${s}`), fc.nat(255).map((n) => `x_sbx${n.toString(16).padStart(2, '0')}zz`)), (id) => {
        const r = syntheticTrace(id);
        if (r === undefined) return;
        const t = traceJsonOf(id, r);
        expect(t.instances.length).toBeGreaterThan(0);
        expect(['clicked', 'delivered', 'failed', 'pending']).toContain(t.verdict);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderSummary on a terminal', () => {
  it.each([60, 80, 120])('no line is wider than %i columns; off a terminal the lines stay whole', async (width) => {
    const { displayWidth } = await import('../../src/render/width.js');
    const s = summariseTraces(sampleTraceDoc({ hostile: true, perScenario: 2 }).traces);
    for (const line of renderSummary(s, plain, width).trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    expect(renderSummary(s, plain).split('\n').some((l) => l.length > 120)).toBe(true);
  });
});
