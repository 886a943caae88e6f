/**
 * fast-check generators of hostile inputs, shared by the hostile suite (small runs in `npm test`) and the
 * campaign (`npm run fuzz`, many runs): mutations of real trace answers, fixtures and backend replies.
 * A mutation is either structural (replace a value with something nasty) or byte-level (flip, insert,
 * delete, truncate), so inputs stay close enough to real ones to reach deep code paths.
 */
import fc from 'fast-check';

/** Values that have broken parsers, renderers and terminals. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '\u001b[2J\u001b]0;pwned\u0007',
    '\u009b31m\u0085\u202eevil\u2066',
    '\u0000\u0001\u007f',
    '\ud800',
    '{{SECRET}}',
    'Sign={{SECRET}}&usersig={{SECRET}}',
    'http://user:{{SECRET}}@127.0.0.1/',
    '18446744073709551617',
    '__proto__',
  ),
  fc.constantFrom(18446744073709551617, 1e308, -0, 0.1 + 0.2, Number.MAX_SAFE_INTEGER + 2),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.nat({ max: 900 }).map((n) => JSON.parse(`${'['.repeat(n + 1)}${']'.repeat(n + 1)}`) as unknown),
  fc.constant(null),
  fc.boolean(),
);

type Path = (string | number)[];

function paths(value: unknown, at: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(at);
  if (depth > 8 || out.length > 400) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out, depth + 1));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out, depth + 1);
  return out;
}

function setAt(root: unknown, path: Path, v: unknown): unknown {
  if (path.length === 0) return v;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const s of path.slice(0, -1)) {
    const next = node[s];
    // The first mutation of a pair may have replaced this branch: then the second has nothing to change.
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = v;
  return copy;
}

/** A structural mutation of a JSON value: some node replaced by a nasty value, or a key duplicated, or `__proto__` added. */
export function mutateJson(base: unknown): fc.Arbitrary<string> {
  const all = paths(base);
  return fc.oneof(
    fc.tuple(fc.nat({ max: all.length - 1 }), nastyValue).map(([i, v]) => JSON.stringify(setAt(base, all[i]!, v))),
    fc.tuple(fc.nat({ max: all.length - 1 }), nastyValue, nastyValue).map(([i, a, b]) => JSON.stringify(setAt(setAt(base, all[i]!, a), all[(i * 7) % all.length]!, b))),
    fc.constant(JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":1},')),
    fc.constant(JSON.stringify(base).replace(/^\{("[^"]+":)/, '{$1"dup",$1')),
    fc.nat({ max: 200_000 }).map((n) => JSON.stringify(base).replace(/^\{/, `{"deep":${'['.repeat(n)}${']'.repeat(n)},`)),
  );
}

/** A byte-level mutation: flips, inserts (including non-UTF-8 bytes), deletes, truncation. */
export function mutateBytes(text: string): fc.Arbitrary<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  const at = fc.nat({ max: Math.max(0, bytes.length - 1) });
  return fc.oneof(
    fc.tuple(at, fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
      const c = Buffer.from(bytes);
      c[i] = b;
      return c;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([i, ins]) => Buffer.concat([bytes.subarray(0, i), Buffer.from(ins), bytes.subarray(i)])),
    fc.tuple(at, fc.nat({ max: 20 })).map(([i, n]) => Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + n)])),
    at.map((i) => bytes.subarray(0, i)),
  );
}

/** A mutated JSON document: structural or byte-level (as text or bytes). */
export function mutatedDocument(base: unknown): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 3, arbitrary: mutateJson(base).map((s) => Buffer.from(s, 'utf8')) },
    { weight: 2, arbitrary: mutateBytes(JSON.stringify(base, null, 1)) },
  );
}

/** An HTTP answer a hostile server might give. */
export interface HostileAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export function hostileAnswer(base: unknown): fc.Arbitrary<HostileAnswer> {
  return fc.record({
    status: fc.constantFrom(200, 200, 200, 201, 204, 301, 400, 401, 429, 500, 502, 503),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', ''),
    body: fc.oneof(
      { weight: 4, arbitrary: mutatedDocument(base) },
      { weight: 1, arbitrary: fc.constant(Buffer.from('<html><title>{{SECRET}} denied</title></html>')) },
      { weight: 1, arbitrary: fc.nat({ max: 1_500_000 }).map((n) => Buffer.from(`{"ActionStatus":"OK","ErrorCode":0,"pad":"${'x'.repeat(n)}"}`)) },
    ),
  });
}
