/** `stats --threshold`: the k6-style grammar, and judging it against statistics (no data never passes). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { evaluateThresholds, parseThreshold } from '../../src/stats/threshold.js';
import { buildStatistics, type StatsResult } from '../../src/tencent/apis/statistics.js';

const SAMPLE = buildStatistics({
  TotalCount: 1000,
  SentCount: 900,
  DeliveredCount: 720,
  ClickCount: 72,
  PlatformStatistics: [
    { PushPlatform: 3, TotalCount: 500, SentCount: 450, DeliveredCount: 315, ClickCount: 30 },
    { PushPlatform: 2, TotalCount: 500, SentCount: 450, DeliveredCount: 405, ClickCount: 42 },
    { PushPlatform: 8, TotalCount: 0, SentCount: 0, DeliveredCount: 0, ClickCount: 0 },
  ],
}).results;

describe('parseThreshold', () => {
  it.each([
    ['delivered>=90%', { metric: 'delivered', vendor: null, op: '>=', value: 0.9 }],
    ['delivered[huawei]>=80%', { metric: 'delivered', vendor: { name: 'huawei', code: 3 }, op: '>=', value: 0.8 }],
    ['sent > 0.95', { metric: 'sent', vendor: null, op: '>', value: 0.95 }],
    ['clicked[APNS]<5%', { metric: 'clicked', vendor: { name: 'apns', code: 1 }, op: '<', value: 0.05 }],
    ['total>=1000', { metric: 'total', vendor: null, op: '>=', value: 1000 }],
    ['deliveredCount[honor]==0', { metric: 'deliveredCount', vendor: { name: 'honor', code: 8 }, op: '==', value: 0 }],
    ['sentcount<=5', { metric: 'sentCount', vendor: null, op: '<=', value: 5 }],
  ])('%s', (text, want) => expect(parseThreshold(text)).toMatchObject(want));

  it.each([
    ['delivered>>9', /not a pass condition/],
    ['delivered=>90%', /not a pass condition/],
    ['delivered', /not a pass condition/],
    ['reached>=90%', /unknown metric "reached"/],
    ['delivered[nokia]>=80%', /unknown vendor "nokia"/],
    ['delivered>=90', /Did you mean 90%\?/],
    ['delivered>=120%', /between 0 and 1/],
    ['total>=10%', /is a count, not a rate/],
    ['total>=1.5', /whole number/],
    ['', /not a pass condition/],
  ])('%j is a usage error: %s', (text, message) => {
    let err: unknown;
    try {
      parseThreshold(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).withHint()).toMatch(message);
  });

  it('property: any string parses or is a UsageError; parsed rate values are fractions', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(sent|delivered|total|clickedCount)(\[(huawei|apns|x)\])?(<|<=|>|>=|==|=)-?\d{1,3}(\.\d)?%?$/)), (text) => {
        try {
          const t = parseThreshold(text);
          expect(Number.isFinite(t.value)).toBe(true);
          if (['sent', 'delivered', 'clicked'].includes(t.metric)) expect(t.value >= 0 && t.value <= 1).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('evaluateThresholds', () => {
  it.each([
    ['delivered>=80%', 0.8, true],
    ['delivered>80%', 0.8, false],
    ['delivered[huawei]>=80%', 0.7, false],
    ['delivered[xiaomi]>=80%', 0.9, true],
    ['sent==90%', 0.9, true],
    ['total>=1000', 1000, true],
    ['clickedCount[huawei]<30', 30, false],
  ])('%s → actual %s, pass %s', (expr, actual, pass) => {
    const [r] = evaluateThresholds([parseThreshold(expr)], SAMPLE);
    expect(r!.actual).toBeCloseTo(actual, 10);
    expect(r!.pass).toBe(pass);
    expect(r!.reason.startsWith(expr)).toBe(true);
  });

  it.each([
    ['delivered[honor]>=0%', /no data/],
    ['delivered[vivo]>=0%', /no vivo rows/],
  ])('%s fails with no data instead of passing', (expr, reason) => {
    const [r] = evaluateThresholds([parseThreshold(expr)], SAMPLE);
    expect(r).toMatchObject({ actual: null, pass: false });
    expect(r!.reason).toMatch(reason);
  });

  it('sums several task results (and every event type of a vendor)', () => {
    const tasks = buildStatistics(
      {
        Results: [
          { TaskID: 'a', TotalCount: 10, SentCount: 10, DeliveredCount: 5, ClickCount: 1, PlatformStatistics: [{ EventType: 1, PushPlatform: 3, TotalCount: 10, SentCount: 10, DeliveredCount: 5, ClickCount: 1 }] },
          { TaskID: 'b', TotalCount: 10, SentCount: 10, DeliveredCount: 10, ClickCount: 1, PlatformStatistics: [{ EventType: 2, PushPlatform: 3, TotalCount: 10, SentCount: 10, DeliveredCount: 10, ClickCount: 1 }] },
        ],
      },
      ['a', 'b'],
    ).results;
    const [all, hw] = evaluateThresholds([parseThreshold('delivered>=75%'), parseThreshold('delivered[huawei]>=76%')], tasks);
    expect(all).toMatchObject({ actual: 0.75, pass: true });
    expect(hw).toMatchObject({ actual: 0.75, pass: false });
  });

  it('property: the actual value is never NaN or Infinity, whatever the counts', () => {
    const count = fc.oneof(fc.nat(1000), fc.constant(-1), fc.constant('12'), fc.constant(null), fc.constant(1.5));
    fc.assert(
      fc.property(fc.array(fc.record({ PushPlatform: fc.integer({ min: 0, max: 9 }), TotalCount: count, SentCount: count, DeliveredCount: count, ClickCount: count })), (plats) => {
        const results: StatsResult[] = buildStatistics({ TotalCount: 5, SentCount: 5, DeliveredCount: 0, ClickCount: 0, PlatformStatistics: plats }).results;
        for (const expr of ['delivered>=0%', 'delivered[huawei]>=50%', 'clicked<1', 'sentCount[apns]>=0']) {
          const [r] = evaluateThresholds([parseThreshold(expr)], results);
          expect(r!.actual === null || Number.isFinite(r!.actual)).toBe(true);
          if (r!.actual === null) expect(r!.pass).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
