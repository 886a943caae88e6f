/**
 * What Go's encoding/json does when OpenIM decodes a webhook reply into its response struct, pure. OpenIM calls
 * `json.Unmarshal(body, resp)` (open-im-server pkg/common/webhook/http_client.go:78 at v3.8.3, :88 at main) and a
 * failure blocks the operation (ErrData). Emulated here, from Go's documented behaviour (encoding/json package
 * docs, Go 1.21+), not from its code:
 * - the whole input is checked first: JSON syntax, nothing after the value, nesting at most 10000 levels;
 *   bytes that are not UTF-8 inside strings are accepted (they become U+FFFD);
 * - keys match a field exactly, else case-insensitively (Unicode simple folding); unknown keys are ignored;
 *   every occurrence of a key is decoded in order, so of duplicate keys the last wins (a later `null` leaves an
 *   integer as it was, and makes a pointer or slice nil);
 * - integers are read from the literal's text: int32/int64/uint32 fields reject fractions (`1.0`), exponents
 *   (`1e0`), out-of-range values (`2147483648`) and strings (`"1"`); `-0` is 0;
 * - a value of the wrong type anywhere (string into int32, number into string, object into []string…) fails
 *   the whole decode, even when other fields were fine;
 * - `null` at the top level decodes to zero values; an array, string, number or boolean at the top level fails.
 */

/** Go types that occur in OpenIM's response structs (pkg/callbackstruct, sdkws.pb.go, wrapperspb). */
export type GoType = string;
/** A struct: JSON key (from the `json:"…"` tag) → Go type. */
export type GoStruct = Readonly<Record<string, GoType>>;

export interface GoDecodeOk {
  ok: true;
  /** The decoded struct (null for a top-level `null`): JSON key → value; absent when not set. */
  value: Record<string, unknown>;
  /** Keys matched to a field only case-insensitively: [key in the reply, field]. */
  folded: [string, string][];
  /** Fields that appeared more than once (the last occurrence counts). */
  duplicates: string[];
  /** Fields that appeared at all (even as null). */
  present: Set<string>;
  /** True when the reply was the literal `null`. */
  nullBody: boolean;
  /** True when a string held bytes that are not UTF-8 (Go replaces them with U+FFFD). */
  invalidUtf8: boolean;
}
export interface GoDecodeError {
  ok: false;
  /** Go-like message: "invalid character 'x' looking for beginning of value", "json: cannot unmarshal …". */
  error: string;
}
export type GoDecodeResult = GoDecodeOk | GoDecodeError;

/** Go's maximum nesting depth for encoding/json (scanner.go maxNestingDepth). */
export const GO_MAX_DEPTH = 10000;

class SyntaxErr extends Error {}

/** Describes a byte the way Go's scanner quotes it. */
function quoteChar(b: number | undefined): string {
  if (b === undefined) return 'end';
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return "'\"'";
  if (b < 0x20 || b >= 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(b)}'`;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** One JSON token; strings keep their byte range so keys and values are decoded only when needed. */
type Tok =
  | { t: '{' | '}' | '[' | ']' | ':' | ','; at: number }
  | { t: 'str'; at: number; end: number }
  | { t: 'num'; at: number; raw: string }
  | { t: 'lit'; at: number; v: true | false | null }
  | { t: 'eof'; at: number };

class Lexer {
  pos = 0;
  constructor(readonly b: Uint8Array) {}

  skipWs(): void {
    while (this.pos < this.b.length && WS.has(this.b[this.pos]!)) this.pos++;
  }

  next(context: string): Tok {
    this.skipWs();
    const b = this.b;
    const at = this.pos;
    if (at >= b.length) return { t: 'eof', at };
    const c = b[at]!;
    switch (c) {
      case 0x7b: this.pos++; return { t: '{', at };
      case 0x7d: this.pos++; return { t: '}', at };
      case 0x5b: this.pos++; return { t: '[', at };
      case 0x5d: this.pos++; return { t: ']', at };
      case 0x3a: this.pos++; return { t: ':', at };
      case 0x2c: this.pos++; return { t: ',', at };
      case 0x22: return this.string(at);
      case 0x74: return this.word('true', true, at);
      case 0x66: return this.word('false', false, at);
      case 0x6e: return this.word('null', null, at);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(at);
        throw new SyntaxErr(`invalid character ${quoteChar(c)} ${context}`);
    }
  }

  private word(w: string, v: true | false | null, at: number): Tok {
    for (let i = 0; i < w.length; i++) {
      const c = this.b[at + i];
      if (c === undefined) throw new SyntaxErr('unexpected end of JSON input');
      if (c !== w.charCodeAt(i)) throw new SyntaxErr(`invalid character ${quoteChar(c)} in literal ${w} (expecting '${w[i]}')`);
    }
    this.pos = at + w.length;
    return { t: 'lit', at, v };
  }

  private digits(): number {
    const start = this.pos;
    while (this.pos < this.b.length && this.b[this.pos]! >= 0x30 && this.b[this.pos]! <= 0x39) this.pos++;
    return this.pos - start;
  }

  private number(at: number): Tok {
    const b = this.b;
    if (b[this.pos] === 0x2d) this.pos++;
    if (this.pos >= b.length) throw new SyntaxErr('unexpected end of JSON input');
    if (b[this.pos] === 0x30) this.pos++;
    else if (this.digits() === 0) throw new SyntaxErr(`invalid character ${quoteChar(b[this.pos])} in numeric literal`);
    if (b[this.pos] === 0x2e) {
      this.pos++;
      if (this.digits() === 0) {
        if (this.pos >= b.length) throw new SyntaxErr('unexpected end of JSON input');
        throw new SyntaxErr(`invalid character ${quoteChar(b[this.pos])} after decimal point in numeric literal`);
      }
    }
    if (b[this.pos] === 0x65 || b[this.pos] === 0x45) {
      this.pos++;
      if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) this.pos++;
      if (this.digits() === 0) {
        if (this.pos >= b.length) throw new SyntaxErr('unexpected end of JSON input');
        throw new SyntaxErr(`invalid character ${quoteChar(b[this.pos])} in exponent of numeric literal`);
      }
    }
    return { t: 'num', at, raw: new TextDecoder().decode(b.subarray(at, this.pos)) };
  }

  private string(at: number): Tok {
    const b = this.b;
    let i = at + 1;
    for (;;) {
      if (i >= b.length) throw new SyntaxErr('unexpected end of JSON input');
      const c = b[i]!;
      if (c === 0x22) break;
      if (c < 0x20) throw new SyntaxErr(`invalid character ${quoteChar(c)} in string literal`);
      if (c === 0x5c) {
        const e = b[i + 1];
        if (e === undefined) throw new SyntaxErr('unexpected end of JSON input');
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            const h = b[i + k];
            if (h === undefined) throw new SyntaxErr('unexpected end of JSON input');
            if (!/[0-9a-fA-F]/.test(String.fromCharCode(h))) throw new SyntaxErr(`invalid character ${quoteChar(h)} in \\u hexadecimal character escape`);
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) throw new SyntaxErr(`invalid character ${quoteChar(e)} in string escape code`);
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return { t: 'str', at, end: i + 1 };
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LOOSE_UTF8 = new TextDecoder('utf-8');

/** Decodes a string token's content (escapes, lone surrogates and bad UTF-8 become U+FFFD, as in Go). */
function decodeString(b: Uint8Array, tok: { at: number; end: number }, flags: { invalidUtf8: boolean }): string {
  const raw = b.subarray(tok.at + 1, tok.end - 1);
  let text: string;
  try {
    text = STRICT_UTF8.decode(raw);
  } catch {
    flags.invalidUtf8 = true;
    text = LOOSE_UTF8.decode(raw);
  }
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = text[++i]!;
    if (e === 'u') {
      let code = parseInt(text.slice(i + 1, i + 5), 16);
      i += 4;
      if (code >= 0xd800 && code < 0xdc00 && text[i + 1] === '\\' && text[i + 2] === 'u') {
        const low = parseInt(text.slice(i + 3, i + 7), 16);
        if (low >= 0xdc00 && low < 0xe000) {
          out += String.fromCodePoint(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00));
          i += 6;
          continue;
        }
      }
      if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
      out += String.fromCharCode(code);
    } else {
      out += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
    }
  }
  return out;
}

/** Checks the whole input the way json.Unmarshal does before decoding (syntax, depth, trailing data). */
function checkValid(b: Uint8Array): void {
  const lx = new Lexer(b);
  // Stack of containers: '{' expecting key, 'k' expecting ':', 'v' expecting value in object, '[' …
  const stack: ('obj' | 'arr')[] = [];
  let expect: 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'value-or-end' = 'value';
  for (;;) {
    const ctx =
      expect === 'value' || expect === 'value-or-end'
        ? 'looking for beginning of value'
        : expect === 'key' || expect === 'key-or-end'
          ? 'looking for beginning of object key string'
          : expect === 'colon'
            ? 'after object key'
            : stack.at(-1) === 'obj'
              ? 'after object key:value pair'
              : 'after array element';
    const tok = lx.next(ctx);
    if (tok.t === 'eof') {
      if (stack.length === 0 && expect === 'comma-or-end') return;
      throw new SyntaxErr('unexpected end of JSON input');
    }
    if (stack.length === 0 && expect === 'comma-or-end') {
      throw new SyntaxErr(`invalid character ${quoteChar(b[tok.at])} after top-level value`);
    }
    switch (expect) {
      case 'value':
      case 'value-or-end':
        if (tok.t === ']' && expect === 'value-or-end') {
          stack.pop();
          expect = 'comma-or-end';
        } else if (tok.t === '{' || tok.t === '[') {
          stack.push(tok.t === '{' ? 'obj' : 'arr');
          if (stack.length > GO_MAX_DEPTH) throw new SyntaxErr('exceeded max depth');
          expect = tok.t === '{' ? 'key-or-end' : 'value-or-end';
        } else if (tok.t === 'str' || tok.t === 'num' || tok.t === 'lit') {
          expect = 'comma-or-end';
        } else {
          throw new SyntaxErr(`invalid character ${quoteChar(b[tok.at])} ${ctx}`);
        }
        break;
      case 'key':
      case 'key-or-end':
        if (tok.t === '}' && expect === 'key-or-end') {
          stack.pop();
          expect = 'comma-or-end';
        } else if (tok.t === 'str') {
          expect = 'colon';
        } else {
          throw new SyntaxErr(`invalid character ${quoteChar(b[tok.at])} ${ctx}`);
        }
        break;
      case 'colon':
        if (tok.t !== ':') throw new SyntaxErr(`invalid character ${quoteChar(b[tok.at])} ${ctx}`);
        expect = 'value';
        break;
      case 'comma-or-end': {
        const top = stack.at(-1);
        if (tok.t === ',') expect = top === 'obj' ? 'key' : 'value';
        else if ((tok.t === '}' && top === 'obj') || (tok.t === ']' && top === 'arr')) {
          stack.pop();
          expect = 'comma-or-end';
        } else throw new SyntaxErr(`invalid character ${quoteChar(b[tok.at])} ${ctx}`);
        break;
      }
    }
  }
}

/** Whether Go's json.Valid would accept the input (syntax, nothing after the value, depth ≤ 10000). */
export function goValid(body: Uint8Array): boolean {
  try {
    checkValid(body);
    return true;
  } catch (err) {
    if (err instanceof SyntaxErr) return false;
    throw err;
  }
}

/** Go's key folding (encoding/json fold.go since Go 1.21): per rune, upper(lower(r)). */
export function foldKey(key: string): string {
  let out = '';
  for (const ch of key) {
    let l = ch.toLowerCase();
    if ([...l].length !== 1) l = ch;
    let u = l.toUpperCase();
    if ([...u].length !== 1) u = l;
    out += u;
  }
  return out;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  Int32Value: [-(2n ** 31n), 2n ** 31n - 1n],
};

class TypeErr extends Error {}

function typeError(what: string, type: GoType, field: string): TypeErr {
  return new TypeErr(`json: cannot unmarshal ${what} into Go struct field ${field} of type ${goName(type)}`);
}

function goName(type: GoType): string {
  return type.replace(/^\*/, '').replace('StringValue', 'wrapperspb.StringValue').replace('Int32Value', 'wrapperspb.Int32Value');
}

/** Reads the JSON after a key into a typed value; decoder state is shared through `this`. */
class Decoder {
  readonly lx: Lexer;
  firstError: string | undefined;
  readonly flags = { invalidUtf8: false };
  readonly folded: [string, string][] = [];
  readonly duplicates = new Set<string>();
  readonly present = new Set<string>();

  constructor(
    readonly b: Uint8Array,
    readonly structs: Readonly<Record<string, GoStruct>>,
  ) {
    this.lx = new Lexer(b);
  }

  fail(err: TypeErr): void {
    this.firstError ??= err.message;
  }

  /** Skips one value (input already validated), without recursion. */
  skip(first: Tok): void {
    if (first.t !== '{' && first.t !== '[') return;
    let depth = 1;
    while (depth > 0) {
      const t = this.lx.next('');
      if (t.t === '{' || t.t === '[') depth++;
      else if (t.t === '}' || t.t === ']') depth--;
    }
  }

  what(tok: Tok): string {
    if (tok.t === 'str') return 'string';
    if (tok.t === 'num') return `number ${tok.raw}`;
    if (tok.t === 'lit') return tok.v === null ? 'null' : 'bool';
    if (tok.t === '{') return 'object';
    return 'array';
  }

  /** Decodes a value of `type`; `prev` is the field's current value (Go decodes into it). */
  value(type: GoType, field: string, prev: unknown): unknown {
    const tok = this.lx.next('');
    const isPtr = type.startsWith('*');
    const base = isPtr ? type.slice(1) : type;
    if (tok.t === 'lit' && tok.v === null) {
      // null: pointers, slices and maps become nil; anything else keeps its value (Go literalStore).
      return isPtr || base.startsWith('[]') || base.startsWith('map[') || base === 'StringValue' || base === 'Int32Value' ? undefined : prev;
    }
    try {
      return this.typed(base, field, tok, prev);
    } catch (err) {
      if (!(err instanceof TypeErr)) throw err;
      this.fail(err);
      this.skip(tok);
      return prev;
    }
  }

  typed(base: GoType, field: string, tok: Tok, prev: unknown): unknown {
    if (base in INT_RANGES) {
      if (tok.t !== 'num') throw typeError(this.what(tok), base, field);
      // strconv.ParseInt / ParseUint on the literal text: only an optional '-' and digits.
      const unsigned = base === 'uint32';
      if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(tok.raw)) throw typeError(`number ${tok.raw}`, base, field);
      const n = BigInt(tok.raw);
      const [lo, hi] = INT_RANGES[base]!;
      if (n < lo || n > hi) throw typeError(`number ${tok.raw}`, base, field);
      return Number.isSafeInteger(Number(n)) ? Number(n) : tok.raw;
    }
    if (base === 'string' || base === 'StringValue') {
      if (tok.t !== 'str') throw typeError(this.what(tok), base, field);
      return decodeString(this.b, tok, this.flags);
    }
    if (base === 'bool') {
      if (tok.t !== 'lit') throw typeError(this.what(tok), base, field);
      return tok.v;
    }
    if (base === '[]byte') {
      if (tok.t !== 'str') throw typeError(this.what(tok), base, field);
      const s = decodeString(this.b, tok, this.flags);
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s.replace(/[\r\n]/g, ''))) {
        throw new TypeErr(`illegal base64 data in Go struct field ${field}`);
      }
      return s;
    }
    if (base.startsWith('[]')) {
      if (tok.t !== '[') throw typeError(this.what(tok), base, field);
      const elem = base.slice(2);
      const out: unknown[] = [];
      for (;;) {
        this.lx.skipWs();
        if (this.b[this.lx.pos] === 0x5d) {
          this.lx.next('');
          return out;
        }
        out.push(this.value(elem, `${field}[${out.length}]`, undefined) ?? null);
        const sep = this.lx.next('');
        if (sep.t === ']') return out;
      }
    }
    if (base.startsWith('map[string]')) {
      if (tok.t !== '{') throw typeError(this.what(tok), base, field);
      const elem = base.slice('map[string]'.length);
      const out: Record<string, unknown> = {};
      this.members(field, (key) => {
        out[key] = this.value(elem, `${field}.${key}`, out[key]);
      });
      return out;
    }
    const struct = this.structs[base];
    if (struct) {
      if (tok.t !== '{') throw typeError(this.what(tok), base, field);
      const out: Record<string, unknown> = typeof prev === 'object' && prev !== null ? { ...(prev as object) } : {};
      this.structMembers(struct, field, out, false);
      return out;
    }
    // A type this table does not know: accept any value (never reached with the shipped catalogue).
    this.skip(tok);
    return prev;
  }

  /** Iterates an object's members after its '{'; calls `each(key)` with the value next on the lexer. */
  members(_field: string, each: (key: string, at: number) => void): void {
    for (;;) {
      const k = this.lx.next('');
      if (k.t === '}') return;
      if (k.t === ',') continue;
      if (k.t !== 'str') return;
      const key = decodeString(this.b, k, this.flags);
      this.lx.next(''); // ':'
      each(key, k.at);
    }
  }

  structMembers(struct: GoStruct, field: string, out: Record<string, unknown>, top: boolean): void {
    const exact = new Map(Object.entries(struct));
    const byFold = new Map<string, string>();
    for (const name of Object.keys(struct)) if (!byFold.has(foldKey(name))) byFold.set(foldKey(name), name);
    const seen = new Set<string>();
    this.members(field, (key) => {
      const name = exact.has(key) ? key : byFold.get(foldKey(key));
      if (name === undefined) {
        this.skip(this.lx.next(''));
        return;
      }
      if (top) {
        if (name !== key) this.folded.push([key, name]);
        if (seen.has(name)) this.duplicates.add(name);
        this.present.add(name);
      }
      seen.add(name);
      const v = this.value(struct[name]!, field === '' ? name : `${field}.${name}`, out[name]);
      if (v === undefined) delete out[name];
      else out[name] = v;
    });
  }
}

/**
 * Decodes `body` into the struct `root` (a key of `structs`) as Go's json.Unmarshal would, and reports what
 * matters for a verdict: success or Go's error, keys matched case-insensitively, duplicate keys, null body.
 */
export function goUnmarshal(body: Uint8Array, root: string, structs: Readonly<Record<string, GoStruct>>): GoDecodeResult {
  try {
    checkValid(body);
  } catch (err) {
    if (err instanceof SyntaxErr) return { ok: false, error: err.message };
    throw err;
  }
  const d = new Decoder(body, structs);
  const first = d.lx.next('');
  const base: GoDecodeOk = { ok: true, value: {}, folded: d.folded, duplicates: [], present: d.present, nullBody: false, invalidUtf8: false };
  if (first.t === 'lit' && first.v === null) return { ...base, nullBody: true };
  if (first.t !== '{') {
    return { ok: false, error: `json: cannot unmarshal ${d.what(first)} into Go value of type callbackstruct.${root}` };
  }
  const out: Record<string, unknown> = {};
  d.structMembers(structs[root]!, '', out, true);
  if (d.firstError !== undefined) return { ok: false, error: d.firstError };
  return { ...base, value: out, duplicates: [...d.duplicates], invalidUtf8: d.flags.invalidUtf8 };
}
