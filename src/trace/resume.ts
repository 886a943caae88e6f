/**
 * `trace --resume <file>` (pure): the traces an interrupted run already settled, read back from what it wrote —
 * a `trace --json` document or an HTML report (which embeds that document inert, render/html/page.ts). Traces
 * with an `error` (lookup failed, watch deadline, Ctrl-C while watching) are not taken: the resumed run asks again.
 */
import { UsageError } from '../errors.js';
import { readEmbeddedData } from '../render/html/page.js';
import type { TraceJson } from './report.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Is this a trace entry we can reuse as it is: a verdict, an instances array, an expect outcome, and no `error`
 * (a failed lookup, a --watch that ran out of time, or a watch cut short by Ctrl-C is asked again)?
 */
function isSettled(v: unknown): v is TraceJson {
  return (
    isObj(v) &&
    v.error === undefined &&
    typeof v.verdict === 'string' &&
    Array.isArray(v.instances) &&
    isObj(v.expect) &&
    typeof v.expect.outcome === 'string' &&
    (typeof v.pushId === 'string' || (typeof v.taskId === 'string' && typeof v.userId === 'string'))
  );
}

/** The settled traces of a resume file's text; `file` names it in errors. */
export function readResumeFile(file: string, text: string): TraceJson[] {
  if (text.trim() === '') {
    throw new UsageError(`--resume ${file} is empty.`, {
      hint: "Did the shell truncate it? Resume from the old output into a new file: 'chatpush trace … --json --resume old.json > new.json'.",
    });
  }
  let doc: unknown;
  try {
    doc = /^\s*</.test(text) ? readEmbeddedData(text) : JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!isObj(doc) || !Array.isArray(doc.traces)) {
    throw new UsageError(`--resume ${file} is neither a 'chatpush trace --json' document nor a chatpush HTML trace report.`, {
      hint: 'Pass the --json output or the --report-html file of the interrupted run.',
    });
  }
  return doc.traces.filter(isSettled);
}
