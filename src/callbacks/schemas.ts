/**
 * Validates callback bodies against the shipped JSON Schemas (fixtures/schemas/<protocol>/<command>.schema.json)
 * with ajv, which is loaded on first use only (it costs tens of milliseconds to import and compile; `--help` and
 * commands that do not validate never load it). Violations come back as `path: reason` for people.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importModule } from '../import-module.js';
import type { CatalogueEntry } from './catalogue.js';

export interface Violation {
  /** JSON Pointer-like path in the body ("/MsgBody/0/MsgType"; "/" for the body itself). */
  path: string;
  reason: string;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvInstance {
  compile(schema: object): ValidateFn;
}
type AjvClass = new (opts: object) => AjvInstance;

let ajv: Promise<AjvInstance> | undefined;
const compiled = new Map<string, Promise<ValidateFn>>();

function loadAjv(): Promise<AjvInstance> {
  ajv ??= importModule<{ default?: AjvClass | { default: AjvClass } }>('ajv').then((m) => {
    const d = m.default as AjvClass | { default: AjvClass } | undefined;
    const Ajv = (typeof d === 'function' ? d : d?.default) as AjvClass;
    // strict: false — the schemas use union types with `pattern` (EventTime: integer or digit string).
    return new Ajv({ allErrors: true, strict: false });
  });
  return ajv;
}

/** The compiled validator of a catalogue entry's schema (compiled once per process). */
export function validatorFor(fixturesDir: string, entry: CatalogueEntry): Promise<ValidateFn> {
  let v = compiled.get(entry.command);
  if (!v) {
    v = Promise.all([loadAjv(), readFile(join(fixturesDir, 'schemas', entry.schema), 'utf8')]).then(([a, text]) => a.compile(JSON.parse(text) as object));
    compiled.set(entry.command, v);
  }
  return v;
}

/** What an ajv error means, in words. */
function reasonOf(e: AjvError): string {
  switch (e.keyword) {
    case 'required':
      return `missing required field "${String(e.params.missingProperty)}"`;
    case 'type':
      return `should be ${String(e.params.type).replace(',', ' or ')}`;
    case 'const':
      return `should be ${JSON.stringify(e.params.allowedValue)}`;
    case 'minimum':
    case 'maximum':
      return `out of range: ${e.message ?? ''}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Checks a body against its command's schema; returns every violation (empty when valid). */
export async function validateBody(fixturesDir: string, entry: CatalogueEntry, body: unknown): Promise<Violation[]> {
  const validate = await validatorFor(fixturesDir, entry);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => ({ path: e.instancePath === '' ? '/' : e.instancePath, reason: reasonOf(e) }));
}

/** `path: reason` lines. */
export function violationText(v: Violation): string {
  return `${v.path}: ${v.reason}`;
}
