/** Query windows of stats/loss: durations, times, and the checks made before any request (pinned clock and zone). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDuration, parseTime, resolveWindow } from '../../src/stats/window.js';

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0); // 2026-03-15T12:00:00Z
const UTC = (): number => 0;
const PLUS8 = (): number => 480;

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 86_400_000],
    ['7d', 7 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['2w', 14 * 86_400_000],
    ['45s', 45_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '24', 'h', '-1h', '1.5h', '0h', '24 hours', '1y', '1h-30m'])('rejects %j as a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });
});

describe('parseTime', () => {
  it.each([
    ['1741104000', 1741104000_000, UTC],
    ['2026-03-01', Date.UTC(2026, 2, 1), UTC],
    ['2026-03-01', Date.UTC(2026, 2, 1) - 8 * 3_600_000, PLUS8],
    ['2026-03-01T08:00', Date.UTC(2026, 2, 1, 8), UTC],
    ['2026-03-01 08:00:30', Date.UTC(2026, 2, 1, 8, 0, 30), UTC],
    ['2026-03-01T08:00:00Z', Date.UTC(2026, 2, 1, 8), PLUS8],
    ['2026-03-01T08:00:00+08:00', Date.UTC(2026, 2, 1, 0), UTC],
    ['2026-03-01T08:00:00-0530', Date.UTC(2026, 2, 1, 13, 30), UTC],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29), UTC],
  ])('%s', (text, ms, zone) => expect(parseTime(text, '--from', zone)).toBe(ms));

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-03-01T24:00', 'yesterday', '1741104000000', '2026-03-01T08:00:00+25:00', ''])(
    'rejects %j as a usage error naming the flag',
    (text) => {
      expect(() => parseTime(text, '--from', UTC)).toThrow(/--from/);
      expect(() => parseTime(text, '--from', UTC)).toThrow(UsageError);
    },
  );
});

describe('resolveWindow', () => {
  const opts = { nowMs: NOW, maxDays: 30, api: 'normal_push_statistics', localOffsetMin: UTC };
  it.each([
    [{}, { from: NOW / 1000 - 86400, to: NOW / 1000 }],
    [{ since: '90m' }, { from: NOW / 1000 - 5400, to: NOW / 1000 }],
    [{ since: '30d' }, { from: NOW / 1000 - 30 * 86400, to: NOW / 1000 }],
    [{ from: '2026-03-01' }, { from: Date.UTC(2026, 2, 1) / 1000, to: NOW / 1000 }],
    [{ from: '2026-03-01', to: '2026-03-02' }, { from: Date.UTC(2026, 2, 1) / 1000, to: Date.UTC(2026, 2, 2) / 1000 }],
  ])('%j', (flags, want) => expect(resolveWindow(flags, opts)).toEqual(want));

  it.each([
    [{ since: '31d' }, /31 days long; normal_push_statistics covers at most 30 days/],
    [{ from: '2026-01-01', to: '2026-03-01' }, /59 days long/],
    [{ from: '2026-03-02', to: '2026-03-01' }, /empty or reversed/],
    [{ from: '2026-03-01', to: '2026-03-01' }, /empty or reversed/],
    [{ from: '2026-03-15T13:00:00Z' }, /^--from 2026-03-15T13:00:00Z is not in the past \(now is .*\); without --to the window ends now\.$/],
    [{ from: '2026-03-15T00:00:00Z', to: '2026-03-16T00:00:00Z' }, /ends in the future/],
    [{ since: '1h', from: '2026-03-01' }, /--since cannot be combined/],
    [{ to: '2026-03-01' }, /--to needs --from/],
  ])('%j is a usage error before any request', (flags, message) => {
    expect(() => resolveWindow(flags, opts)).toThrow(message);
    expect(() => resolveWindow(flags, opts)).toThrow(UsageError);
  });

  it('applies the loss limit of 7 days', () => {
    expect(() => resolveWindow({ since: '8d' }, { ...opts, maxDays: 7, api: 'normal_push_loss' })).toThrow(/normal_push_loss covers at most 7 days/);
    expect(resolveWindow({ since: '7d' }, { ...opts, maxDays: 7, api: 'normal_push_loss' }).from).toBe(NOW / 1000 - 7 * 86400);
  });

  it('property: any input is either a valid window or a UsageError (never NaN, never a crash)', () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom('24h', '7d', '2026-03-01', '2026-03-14T10:00', '1741104000', '31d', '0m'));
    fc.assert(
      fc.property(fc.record({ since: fc.option(piece, { nil: undefined }), from: fc.option(piece, { nil: undefined }), to: fc.option(piece, { nil: undefined }) }), (flags) => {
        try {
          const w = resolveWindow(flags, opts);
          expect(Number.isInteger(w.from) && Number.isInteger(w.to)).toBe(true);
          expect(w.from).toBeLessThan(w.to);
          expect(w.to - w.from).toBeLessThanOrEqual(30 * 86400);
          expect(w.to * 1000).toBeLessThanOrEqual(NOW + 60_000);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: every well-formed duration up to the limit resolves to exactly that span', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 * 24 }), fc.constantFrom('h', 'm'), (n, unit) => {
        const ms = unit === 'h' ? n * 3_600_000 : n * 60_000;
        const w = resolveWindow({ since: `${n}${unit}` }, opts);
        expect((w.to - w.from) * 1000).toBe(ms);
      }),
    );
  });
});
