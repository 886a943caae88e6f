import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderLossHtml, rankLosses } from '../../src/render/html/loss.js';
import { escapeHtml, inertJson, readEmbeddedData } from '../../src/render/html/page.js';
import { HISTOGRAM_BINS, renderReplayHtml, weightedPercentile } from '../../src/render/html/replay.js';
import { renderStatsHtml } from '../../src/render/html/stats.js';
import { MAX_LANES, renderTraceHtml } from '../../src/render/html/trace.js';
import { renderTraceJunit } from '../../src/render/junit.js';
import { escapeMd, mdTable } from '../../src/render/markdown/escape.js';
import { renderLossMarkdown, renderReplayMarkdown, renderStatsMarkdown } from '../../src/render/markdown/others.js';
import { renderTraceMarkdown } from '../../src/render/markdown/trace.js';
import { bigTraceDoc, META, sampleLossDoc, sampleReplayDoc, sampleStatsDoc, sampleTraceDoc } from '../helpers/report-samples.js';

const count = (html: string, re: RegExp): number => (html.match(new RegExp(re.source, 'g')) ?? []).length;
const unescapeHtml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('HTML escaping', () => {
  it('leaves no markup character of the input in the output, and loses nothing printable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        // eslint-disable-next-line no-control-regex
        expect(unescapeHtml(out)).toBe(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''));
      }),
    );
  });

  it('embeds any JSON inert: no "<" can end the data block, and it parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = inertJson(v);
        expect(text).not.toContain('<');
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        const page = `<p>x</p><script type="application/json" id="chatpush-data">${text}</script>`;
        expect(readEmbeddedData(page)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('trace HTML', () => {
  const doc = sampleTraceDoc({ hostile: true });
  const html = renderTraceHtml(doc, META);

  it('has one section per trace, one lane per instance and one failed marker per failed stage', () => {
    expect(count(html, /<section class="trace"/)).toBe(doc.traces.length);
    const instances = doc.traces.reduce((n, t) => n + t.instances.length, 0);
    expect(count(html, /<g class="lane"/)).toBe(instances);
    const failedStages = doc.traces.reduce((n, t) => n + t.instances.reduce((m, i) => m + i.stages.filter((s) => s.status === 'failed').length, 0), 0);
    expect(count(html, /<g class="failed-marker"/)).toBe(failedStages);
    expect(count(html, /<tr class="group"/)).toBe(doc.summary.groups.length);
  });

  it('shows a hostile ErrorInfo as text, never as markup', () => {
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(count(html, /<script/)).toBe(1); // the inert data block only
    expect(html).toContain('<script type="application/json" id="chatpush-data">');
  });

  it('asks for nothing from the network and says so to the browser', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it(`draws at most ${MAX_LANES} lanes for a huge trace and says how many it left out; renders 2000 instances quickly`, () => {
    const big = bigTraceDoc(2000);
    const started = performance.now();
    const out = renderTraceHtml(big, META);
    const ms = performance.now() - started;
    expect(count(out, /<g class="lane"/)).toBe(MAX_LANES);
    expect(out).toContain(`The chart shows ${MAX_LANES} of 2,000 instances (failed ones first)`);
    expect(count(out, /<tr><td><span class="mono">/)).toBe(2000);
    // Generous bound (a shared 2-core machine); the README quotes the measured figure.
    expect(ms).toBeLessThan(5000);
  });
});

describe('replay HTML', () => {
  const doc = sampleReplayDoc({ hostile: true });
  const html = renderReplayHtml(doc, META);
  it(`has ${HISTOGRAM_BINS} histogram bars holding every reply, and the three percentile lines`, () => {
    const bars = [...html.matchAll(/<rect class="bar" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(HISTOGRAM_BINS);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(doc.latency!.reduce((n, p) => n + p.count, 0));
    expect(count(html, /<line class="pct-line (p50|p95|p99)"/)).toBe(3);
    expect(count(html, /<tr class="result/)).toBe(doc.results.length);
    expect(html).toContain('>denied</span>');
    expect(html).toContain('MsgBody[0].MsgContent.Text: &quot;buy followers&quot; → &quot;***&quot;');
    expect(html).toContain('⚠ HTTP status 201: OpenIM does not read it');
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>bold/);
  });

  it('computes p99 from the rows when a v1 document has none, and says it is approximate', () => {
    const v1 = { results: doc.results.map((r) => ({ ...r, decision: undefined, warnings: undefined, changes: undefined })), summary: { passed: 1, failed: 0, p50Ms: 1, p95Ms: 2, maxMs: 3 } };
    const out = renderReplayHtml(v1, META);
    expect(out).toContain('p99 (row means)');
    expect(out).not.toContain('<th>Decision</th>');
  });

  it.each([
    [[{ ms: 5, count: 98 }, { ms: 100, count: 2 }], 99, 100],
    [[{ ms: 5, count: 99 }, { ms: 100, count: 1 }], 99, 5],
    [[], 50, 0],
  ])('weightedPercentile(%j, %i) = %i', (points, p, v) => {
    expect(weightedPercentile(points, p)).toBe(v);
  });
});

describe('stats HTML', () => {
  const doc = sampleStatsDoc();
  const html = renderStatsHtml(doc, META);
  it('has a funnel per result with a row per vendor plus the total, four bars each', () => {
    const rows = doc.results[0]!.platforms.length + 1;
    expect(count(html, /<svg class="funnel"/)).toBe(1);
    expect(count(html, /<g class="funnel-row/)).toBe(rows);
    expect(count(html, /<rect class="funnel-bar"/)).toBe(rows * 4);
    expect(html).toContain('data-step="delivered" data-value="11230"');
    expect(html).toContain('delivered[huawei]&gt;=80%');
  });
});

describe('loss HTML', () => {
  it('ranks all-vendor rows first, then per vendor; before send, then after send; largest count first', () => {
    const doc = sampleLossDoc();
    const ranked = rankLosses(doc.results[0]!.losses);
    expect(ranked.map((r) => [r.platform?.name ?? 'all', r.count])).toEqual([
      ['all', 1840], ['all', 1130], ['all', 570], ['all', 2210], ['all', 900], ['vivo', 610], ['Huawei', 1490], ['Xiaomi', 720],
    ]);
    const html = renderLossHtml(sampleLossDoc({ hostile: true }), META);
    expect(count(html, /<tr class="loss-row"/)).toBe(9);
    expect(html).not.toMatch(/<script>alert|<img src=x/);
  });
});

describe('Markdown', () => {
  it('escapes anything GitHub would render as markup or that would break a table cell', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeMd(s);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/(^|[^\\])\|/);
        expect(out).not.toMatch(/[\r\n]/);
      }),
    );
    expect(mdTable(['a', 'b'], [[escapeMd('x|y'), escapeMd('<script>')]], ['r'])).toBe('| a | b |\n| --: | --- |\n| x\\|y | &lt;script&gt; |');
  });

  it('trace: the summary groups and the traces that missed --expect', () => {
    const doc = sampleTraceDoc({ hostile: true });
    const md = renderTraceMarkdown(doc, { expect: 'device' });
    expect(md.split('\n')[0]).toBe('### chatpush trace — 15 traces: 8 failed · 1 lookup failed · 1 pending · 2 delivered · 3 clicked');
    expect(md).toContain('| Count | Verdict | Vendor | Failed stage | Cause | Example |');
    expect(md).toContain('<summary>10 traces did not reach the expected stage (device)</summary>');
    expect(md).not.toMatch(/<script|<img/);
  });

  it('replay, stats and loss', () => {
    expect(renderReplayMarkdown(sampleReplayDoc())).toMatch(/^### chatpush replay — ❌ 300 passed, 100 failed\n\nLatency p50 [\d.]+ ms · p95 \d+ ms · p99 \d+ ms · max \d+ ms\n\n\*\*Failed callbacks\*\*/);
    const stats = renderStatsMarkdown(sampleStatsDoc());
    expect(stats).toContain('- ❌ `delivered[huawei]>=80%` — actual 71.4 %');
    expect(stats).toContain('| **All vendors** | 96000 | 93660 | 83590 | 11765 | 97.6 % | 89.2 % | 14.1 % |');
    const loss = renderLossMarkdown(sampleLossDoc({ hostile: true }));
    expect(loss).toContain('| 4 | after send | all | 410 regid\\_invalid | 2210 | 71.0 % |');
    expect(loss).not.toMatch(/<script|<img/);
  });
});

describe('trace JUnit', () => {
  it('has one test case per trace: failure when --expect is not met, error when the lookup failed', () => {
    const doc = sampleTraceDoc({ hostile: true });
    const xml = renderTraceJunit(doc.traces, { expect: 'device', timestamp: META.generatedAt, durationMs: 12_345 });
    expect(count(xml, /<testcase /)).toBe(doc.traces.length);
    const failures = doc.traces.filter((t) => t.verdict !== null && t.expect?.outcome !== 'reached').length;
    expect(xml).toContain(`<testsuites name="chatpush trace" tests="${doc.traces.length}" failures="${failures}" errors="1" skipped="0" time="12.345">`);
    expect(count(xml, /<failure /)).toBe(failures);
    expect(count(xml, /<error /)).toBe(1);
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).toContain('type="ExpectNotMet"');
  });
});

describe('hostile documents', () => {
  it('no string in a trace document can put markup into the trace report', () => {
    const base = sampleTraceDoc().traces[3]!;
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (info, model, id) => {
        const t = structuredClone(base);
        t.pushId = `${id}<script>`;
        t.hint = info;
        t.instances[0]!.deviceModel = model;
        t.instances[0]!.instanceId = `${id}"><img src=x onerror=alert(1)>`;
        for (const s of t.instances[0]!.stages) {
          s.errorInfo = `${info}</script><script>alert(1)</script>`;
          s.hint = model;
        }
        const html = renderTraceHtml({ traces: [t] }, META);
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(html).not.toMatch(/<img|<\/script><script/);
        expect(html.indexOf('</script>')).toBe(html.lastIndexOf('</script>'));
      }),
      { numRuns: 150 },
    );
  });
});
