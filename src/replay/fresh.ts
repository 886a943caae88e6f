/**
 * `--fresh`: new message/push identifiers and times on every send, so backends that de-duplicate see new
 * events (spec.md replay). Pure: the clock and randomness come in per render. The body is cut once into a
 * template around the values to refresh; each send only joins strings, so `--repeat 100000` stays cheap
 * and every other byte stays as in the file.
 */
import { parseTree, type Node } from 'jsonc-parser';

/**
 * Fields refreshed wherever they occur (top level or inside Events[]): the spec's MsgTime, EventTime,
 * MsgSeq, MsgRandom, MsgKey, PushID, plus the other ids de-duplicating backends key on: Group callbacks'
 * Random and MsgId (protocols.md §3.4, §3.5) and OpenIM's clientMsgID/serverMsgID/sendTime/createTime (§5.4).
 */
export const FRESH_FIELDS: readonly string[] = [
  'MsgTime',
  'EventTime',
  'MsgSeq',
  'MsgRandom',
  'Random',
  'MsgKey',
  'PushID',
  'MsgId',
  'clientMsgID',
  'serverMsgID',
  'sendTime',
  'createTime',
  // OpenIM sends the body's operationID as the operationID header too (http_client.go:73-74): renewed together.
  'operationID',
];

interface Slot {
  start: number;
  end: number;
  field: string;
  /** The value in the file (its type and shape are kept). */
  old: unknown;
  group: number;
}

/** A body cut around the values --fresh replaces. */
export interface FreshTemplate {
  /** parts.length === slots.length + 1 */
  parts: string[];
  slots: Slot[];
  groups: number;
}

const FRESH = new Set(FRESH_FIELDS);

function samePath(a: (string | number)[], b: (string | number)[]): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/**
 * Cuts a body into a template. `skip` lists paths set explicitly with --set: an explicit value wins over
 * a fresh one. Returns undefined when the body has nothing to refresh.
 */
export function buildFreshTemplate(body: string, skip: readonly (string | number)[][] = []): FreshTemplate | undefined {
  const root = parseTree(body);
  if (!root) return undefined;
  const slots: Slot[] = [];
  let groups = 0;
  const walk = (node: Node, path: (string | number)[]): void => {
    if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => walk(c, [...path, i]));
      return;
    }
    if (node.type !== 'object') return;
    const group = groups++;
    for (const prop of node.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const key = String(k.value);
      const p = [...path, key];
      if (FRESH.has(key) && (v.type === 'number' || v.type === 'string') && !skip.some((s) => samePath(s, p))) {
        slots.push({ start: v.offset, end: v.offset + v.length, field: key, old: v.value, group });
      } else {
        walk(v, p);
      }
    }
  };
  walk(root, []);
  if (slots.length === 0) return undefined;
  slots.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const s of slots) {
    parts.push(body.slice(pos, s.start));
    pos = s.end;
  }
  parts.push(body.slice(pos));
  return { parts, slots, groups };
}

const HEX = '0123456789abcdef';

/** Replaces every letter/digit with a random one of the same class, keeping separators (PushID, MsgId shape). */
export function reshape(old: string, random: () => number): string {
  let out = '';
  let pool = 0;
  let left = 0;
  const nibble = (): number => {
    if (left === 0) {
      pool = random();
      left = 8;
    }
    const n = pool & 15;
    pool >>>= 4;
    left--;
    return n;
  };
  for (const ch of old) {
    if (ch >= '0' && ch <= '9') out += String(nibble() % 10);
    else if (ch >= 'a' && ch <= 'f') out += HEX[nibble()];
    else if (ch >= 'A' && ch <= 'F') out += HEX[nibble()]!.toUpperCase();
    else if (ch >= 'g' && ch <= 'z') out += String.fromCharCode(97 + ((nibble() * 16 + nibble()) % 26));
    else if (ch >= 'G' && ch <= 'Z') out += String.fromCharCode(65 + ((nibble() * 16 + nibble()) % 26));
    else out += ch;
  }
  // An id must not come out as the one in the file (it would not be fresh); a one-in-2^n chance, but cheap to rule out.
  return out === old && old !== '' ? reshape(old, random) : out;
}

/** Writes a number in the old value's JSON type: numbers stay numbers, strings stay strings. */
function typed(old: unknown, n: number | string): string {
  return typeof old === 'string' ? JSON.stringify(String(n)) : String(n);
}

/** A time in the old value's unit: values above 1e12 are milliseconds (EventTime in newer docs, §3.4). */
function timeLike(old: unknown, nowMs: number): number {
  const n = Number(old);
  return Number.isFinite(n) && n > 1e12 ? nowMs : Math.floor(nowMs / 1000);
}

/** Renders a body with fresh values; one MsgKey is built from its own object's new MsgSeq/MsgRandom/MsgTime. */
export function renderFresh(t: FreshTemplate, nowMs: number, random: () => number): string {
  const seq = new Map<number, number>();
  const rnd = new Map<number, number>();
  const perGroup = (m: Map<number, number>, g: number): number => {
    let v = m.get(g);
    if (v === undefined) {
      v = random() || 1;
      m.set(g, v);
    }
    return v;
  };
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) {
    const s = t.slots[i]!;
    let v: string;
    // An empty value stays empty: MsgKey/MsgRandom are "" or 0 for group events (seed 000).
    if (s.old === '' || s.old === 0) {
      out += JSON.stringify(s.old) + t.parts[i + 1]!;
      continue;
    }
    switch (s.field) {
      case 'MsgTime':
      case 'EventTime':
      case 'sendTime':
      case 'createTime':
        v = typed(s.old, s.field === 'sendTime' || s.field === 'createTime' ? nowMs : timeLike(s.old, nowMs));
        break;
      case 'MsgSeq':
        v = typed(s.old, perGroup(seq, s.group));
        break;
      case 'MsgRandom':
      case 'Random':
        v = typed(s.old, perGroup(rnd, s.group));
        break;
      case 'MsgKey':
        // MsgKey is "<MsgSeq>_<MsgRandom>_<MsgTime>" (seed 000/001: 48374_2837546_1557481126).
        v = typed(s.old, `${perGroup(seq, s.group)}_${perGroup(rnd, s.group)}_${Math.floor(nowMs / 1000)}`);
        break;
      default:
        v = typeof s.old === 'string' ? JSON.stringify(reshape(s.old, random)) : String(random());
    }
    out += v + t.parts[i + 1]!;
  }
  return out;
}
