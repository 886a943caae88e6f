#!/usr/bin/env node
/**
 * Writes the callback catalogue's data from scripts/callback-defs.mjs (`npm run gen:callbacks`):
 * - fixtures/callbacks/<protocol>/<command>.json   a sample body (kept when it exists, unless --force; the
 *                                                  9 hand-made samples of v1 are never overwritten)
 * - fixtures/schemas/<protocol>/<command>.schema.json   a JSON Schema (draft-07) inferred from the sample and the
 *                                                  type facts of reference/callbacks.md that a value cannot show
 * - fixtures/catalogue.json                        the list chatpush reads (src/callbacks/catalogue.ts)
 * - README.md, between the catalogue markers        the same list as tables (scripts/catalogue-table.mjs)
 * test/unit/callback-catalogue.test.ts checks the result against the reference's field lists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripComments } from 'jsonc-parser';
import { withCatalogue } from './catalogue-table.mjs';
import { OPENIM, OPENIM_COMMON_TYPES, OPENIM_TYPES, TENCENT, TENCENT_REPLY, TENCENT_TYPES } from './callback-defs.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

function write(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function sampleFor(protocol, command, fallback) {
  const path = join(ROOT, 'fixtures', 'callbacks', protocol, `${command}.json`);
  if (existsSync(path) && (fallback === null || !force)) return JSON.parse(stripComments(readFileSync(path, 'utf8')));
  if (fallback === null) throw new Error(`${command}: no sample file and no definition`);
  write(path, fallback);
  return fallback;
}

/** Objects in an array: every key seen, required when present in all of them. */
function mergeItems(items) {
  const props = new Map();
  const counts = new Map();
  for (const it of items) {
    for (const [k, v] of Object.entries(it)) {
      if (!props.has(k)) props.set(k, v);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return { value: Object.fromEntries(props), required: [...counts].filter(([, n]) => n === items.length).map(([k]) => k) };
}

function inferTencent(key, v) {
  if (key === 'MsgBody') {
    return { type: 'array', minItems: 1, items: { type: 'object', required: ['MsgType', 'MsgContent'], properties: { MsgType: { type: 'string' }, MsgContent: { type: 'object' } } } };
  }
  if (TENCENT_TYPES[key]) return { ...TENCENT_TYPES[key] };
  return inferValue(v, (k, x) => inferTencent(k, x), { integer: () => ({ type: 'integer' }) });
}

function inferValue(v, child, { integer, nullType }) {
  if (v === null) return nullType ?? { type: ['string', 'null'] };
  if (typeof v === 'string') return { type: 'string' };
  if (typeof v === 'boolean') return { type: 'boolean' };
  if (typeof v === 'number') return Number.isInteger(v) ? integer() : { type: 'number' };
  if (Array.isArray(v)) {
    if (v.length === 0) return { type: 'array' };
    if (v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) {
      const { value, required } = mergeItems(v);
      return { type: 'array', items: objectSchema(value, required, child) };
    }
    return { type: 'array', items: child('', v[0]) };
  }
  return objectSchema(v, Object.keys(v), child);
}

function objectSchema(value, required, child) {
  const properties = {};
  for (const [k, x] of Object.entries(value)) properties[k] = child(k, x);
  return { type: 'object', required, properties };
}

function goScalar(type) {
  if (type === 'int32') return { type: 'integer', ...INT32 };
  if (type === 'int64') return { type: 'integer' };
  if (type === 'uint32') return { type: 'integer', minimum: 0, maximum: 4294967295 };
  return { type: 'string' };
}

function inferOpenIm(opts) {
  const int64 = new Set([...(opts.int64 ?? []), ...OPENIM_COMMON_TYPES.int64.filter((k) => !(opts.uint32 ?? []).includes(k))]);
  const uint32 = new Set([...(opts.uint32 ?? []), ...OPENIM_COMMON_TYPES.uint32.filter((k) => !int64.has(k))]);
  const nullable = new Set([...(opts.nullable ?? []), ...OPENIM_COMMON_TYPES.nullableStrings]);
  const types = opts.types ?? {};
  const child = (key, v) => {
    const integer = () => (int64.has(key) ? { type: 'integer' } : uint32.has(key) ? goScalar('uint32') : { type: 'integer', ...INT32 });
    if (key !== '' && (opts.int64items ?? []).includes(key)) return { type: ['array', 'null'], items: { type: 'integer' } };
    if (OPENIM_COMMON_TYPES.nullableStrings.includes(key)) return { type: ['array', 'null'], items: { type: 'string' } };
    let s;
    if (v === null && types[key]) s = goScalar(types[key]);
    else s = inferValue(v, child, { integer, nullType: { type: 'string' } });
    if (nullable.has(key)) s = { ...s, type: [...new Set([].concat(s.type, 'null'))] };
    return s;
  };
  return child;
}

function schemaDoc(protocol, command, source, body) {
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: `chatpush:${protocol}/${command}`, title: command, description: `Request body of ${command} (${source}; reference/callbacks.md)`, ...body };
}

const commands = [];

for (const [command, kind, source, sample, opts = {}] of TENCENT) {
  const batched = command.startsWith('Push.');
  const fallback = sample === null ? null : batched ? sample : { CallbackCommand: command, ...sample };
  const value = sampleFor('tencent', command, fallback);
  // Conditional everywhere (reference/callbacks.md §A6): custom data only when set, MsgId and EventTime only on
  // newer pages, TopicId only in communities.
  const optional = new Set([...(opts.optional ?? []), 'CloudCustomData', 'MsgId', 'TopicId']);
  let schema;
  if (batched) {
    const { value: ev, required } = mergeItems(value.Events);
    const items = objectSchema(ev, required, inferTencent);
    items.properties.CallbackCommand = { const: command };
    // Push.OfflinePush events: MsgKey for one-to-one, GroupID for group events (seed 000).
    schema = { type: 'object', required: ['Events'], properties: { Events: { type: 'array', minItems: 1, maxItems: 100, items } } };
  } else {
    const props = { ...value };
    for (const [k, t] of Object.entries(opts.extra ?? {})) if (!(k in props)) props[k] = t === 'string' ? '' : t === 'array' ? [] : 0;
    for (const k of opts.extra ? Object.keys(opts.extra) : []) optional.add(k);
    schema = objectSchema(props, Object.keys(props).filter((k) => !optional.has(k)), inferTencent);
    schema.properties.CallbackCommand = { const: command };
  }
  write(join(ROOT, 'fixtures', 'schemas', 'tencent', `${command}.schema.json`), schemaDoc('tencent', command, source, schema));
  const k = kind === 'B' ? 'before' : 'after';
  commands.push({
    command,
    protocol: 'tencent',
    kind: k,
    ...(kind === 'N' ? { notification: true } : {}),
    reply: opts.reply ?? TENCENT_REPLY[kind],
    source: /^\d+\/\d+/.test(source) ? `https://www.tencentcloud.com/document/product/${source.replace(/ .*$/, '')}${source.includes(' ') ? ` ${source.replace(/^\S+ /, '')}` : ''}` : source,
    url: opts.url ?? 'full',
    confirmed: opts.confirmed ?? true,
    ...(opts.note ? { note: opts.note } : {}),
    file: `tencent/${command}.json`,
    schema: `tencent/${command}.schema.json`,
  });
}

for (const [key, command, kind, source, sample, opts = {}] of OPENIM) {
  const value = sampleFor('openim', command, sample);
  const child = inferOpenIm(opts);
  const optional = new Set(opts.optional ?? []);
  const schema = objectSchema(value, Object.keys(value).filter((k) => !optional.has(k)), child);
  schema.properties.callbackCommand = { const: command };
  write(join(ROOT, 'fixtures', 'schemas', 'openim', `${command}.schema.json`), schemaDoc('openim', command, source, schema));
  commands.push({
    command,
    protocol: 'openim',
    kind: kind === 'B' ? 'before' : 'after',
    webhook: key,
    reply: kind === 'B' ? opts.applied : 'ignored (logged only)',
    source: source.startsWith('seed') ? source : `open-im-server internal/${/^(group|relation|conversation)\//.test(source) ? `rpc/${source}` : source}`,
    confirmed: true,
    ...(opts.note ? { note: opts.note } : {}),
    ...(opts.query ? { query: [opts.query] } : {}),
    response: opts.response ?? {},
    file: `openim/${command}.json`,
    schema: `openim/${command}.schema.json`,
  });
}

const catalogue = { schemaVersion: 1, goTypes: OPENIM_TYPES, commands };
write(join(ROOT, 'fixtures', 'catalogue.json'), catalogue);
const readmePath = join(ROOT, 'README.md');
writeFileSync(readmePath, withCatalogue(readFileSync(readmePath, 'utf8'), catalogue));
console.log(`${commands.length} commands written (${commands.filter((c) => c.protocol === 'tencent').length} Tencent, ${commands.filter((c) => c.protocol === 'openim').length} OpenIM).`);
