/**
 * Fitting output to a terminal's width (pure; issue 11). On a TTY no line may be wider than the terminal, down to
 * 60 columns: tables shrink their free-text columns (wrapping words or cutting with "…"), and when even that
 * leaves too little room, the wrapping columns move to an indented line under their row. Prose (verdicts,
 * messages) wraps at words. Off a TTY callers pass no width and get the unchanged, unwrapped columns that grep
 * and awk expect.
 */
import { displayWidth, truncate } from './width.js';

// Our own SGR colour codes (every server string was sanitized before it was coloured).
// eslint-disable-next-line no-control-regex
const SGR_EDGES = /^((?:\u001b\[[0-9;]*m)*)([\s\S]*?)((?:\u001b\[[0-9;]*m)*)$/;

/** Splits a cell coloured as a whole into its colour prefix, plain text and reset suffix. */
function splitStyle(cell: string): [string, string, string] {
  const m = SGR_EDGES.exec(cell)!;
  return [m[1]!, m[2]!, m[3]!];
}

/**
 * Wraps text at spaces to lines of at most `width` display columns; a word longer than a line is broken.
 * A cell coloured as a whole keeps its colour on every line.
 */
export function wrapText(text: string, width: number): string[] {
  const [edgePre, edgePlain, edgePost] = splitStyle(text);
  // Coloured as a whole only when no colour starts or ends inside: "✓ label  detail" with a coloured mark is not a
  // green cell, and re-opening its first code on every line painted all of them.
  // eslint-disable-next-line no-control-regex
  const whole = !/\u001b\[/.test(edgePlain);
  const [pre, plain, post] = whole ? [edgePre, edgePlain, edgePost] : ['', text, ''];
  const w = Math.max(1, width);
  if (displayWidth(plain) <= w) return [text];
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    lines.push(line);
    line = '';
  };
  // Runs of spaces inside a line are kept (aligned labels, "code  text"); only a break drops them.
  const tokens = plain.split(/( +)/);
  for (let i = 0; i < tokens.length; i += 2) {
    const word = tokens[i]!;
    const gap = i > 0 ? tokens[i - 1]! : '';
    if (word === '') continue;
    let rest = word;
    if (line !== '' && displayWidth(line) + gap.length + displayWidth(rest) <= w) {
      line += gap + rest;
      continue;
    }
    if (line !== '') push();
    while (displayWidth(rest) > w) {
      let cut = '';
      for (const ch of rest) {
        if (displayWidth(cut + ch) > w) break;
        cut += ch;
      }
      lines.push(cut);
      rest = rest.slice(cut.length);
    }
    line = rest;
  }
  if (line !== '') push();
  return lines.map((l) => `${pre}${l}${post}`);
}

/** Wraps each line of a block of prose to the width (no width: unchanged). */
export function wrapBlock(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const lead = /^ */.exec(line)![0];
      const inner = wrapText(line.slice(lead.length), width - lead.length - indent.length);
      return inner.map((l, i) => (i === 0 ? lead : lead + indent) + l).join('\n');
    })
    .join('\n');
}

/** Joins parts with a separator, starting a new (indented) line where the next part would pass the width. */
export function joinParts(parts: readonly string[], sep: string, width: number | undefined, indent: string, first = ''): string {
  if (width === undefined) return first + parts.join(sep);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const part of parts) {
    const candidate = empty ? line + part : line + sep + part;
    if (!empty && displayWidth(candidate) > width) {
      lines.push(line);
      line = indent + part;
    } else line = candidate;
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => (displayWidth(l) > width ? wrapBlock(l, width, '  ') : l)).join('\n');
}

/** How a column may give up width when the table is too wide. */
export interface FlexColumn {
  /** `wrap` folds words onto more lines (free text); `truncate` cuts with "…" (names). */
  mode: 'wrap' | 'truncate';
  /** Narrowest it may become before wrapping columns move under their row instead. */
  min: number;
}

export interface FitOptions {
  /** Terminal width; undefined = not a terminal: plain aligned columns, nothing cut or wrapped. */
  width?: number | undefined;
  /** Written before every line (the tables are indented by two in trace). */
  indent?: string;
  /** Columns (by index) that may shrink; all others keep their natural width. */
  flex?: Readonly<Record<number, FlexColumn>>;
  /** Index of the header row among the rows (0), or -1 when there is none. Header cells are never wrapped. */
  header?: number;
}

const GAP = 2;

/** Pads a cell to a display width. */
function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));
}

/** Aligned columns two spaces apart; the last cell of a line is not padded and trailing spaces are trimmed. */
function renderLines(rows: readonly (readonly string[][])[], widths: readonly number[], indent: string): string[] {
  const out: string[] = [];
  for (const cells of rows) {
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let l = 0; l < height; l++) {
      const parts = cells.map((c, i) => (i === cells.length - 1 ? (c[l] ?? '') : pad(c[l] ?? '', widths[i]!)));
      out.push((indent + parts.join(' '.repeat(GAP))).trimEnd());
    }
  }
  return out;
}

/**
 * Gives each flexible column a share of `room`: first its minimum (or its natural width when smaller), then what is
 * left is poured evenly into the columns that still want more, none beyond its natural width.
 */
function share(natural: readonly number[], cols: readonly number[], room: number, flex: Readonly<Record<number, FlexColumn>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of cols) out.set(c, Math.min(natural[c]!, flex[c]!.min));
  let left = room - cols.reduce((sum, c) => sum + out.get(c)!, 0);
  while (left > 0) {
    const wanting = cols.filter((c) => out.get(c)! < natural[c]!);
    if (wanting.length === 0) break;
    const each = Math.max(1, Math.floor(left / wanting.length));
    for (const c of wanting) {
      const give = Math.min(each, natural[c]! - out.get(c)!, left);
      out.set(c, out.get(c)! + give);
      left -= give;
      if (left === 0) break;
    }
  }
  return out;
}

/**
 * Lays out rows as aligned columns that fit `width` (see the module comment). Returns the lines without a final
 * newline. With no width, or when everything fits, the result is the plain aligned table.
 */
export function fitTable(rows: readonly (readonly string[])[], opts: FitOptions = {}): string[] {
  const indent = opts.indent ?? '';
  const flex = opts.flex ?? {};
  const headerRow = opts.header ?? 0;
  const n = Math.max(0, ...rows.map((r) => r.length));
  const natural = Array.from({ length: n }, (_, i) => Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const totalOf = (cols: readonly number[], widths: (c: number) => number): number =>
    displayWidth(indent) + cols.reduce((sum, c) => sum + widths(c), 0) + GAP * Math.max(0, cols.length - 1);
  const all = [...Array(n).keys()];
  const width = opts.width;
  if (width === undefined || totalOf(all, (c) => natural[c]!) <= width) {
    return renderLines(rows.map((r) => r.map((c) => [c])), natural, indent);
  }

  const flexCols = all.filter((c) => flex[c] !== undefined);
  const fixedWidth = (cols: readonly number[]): number => totalOf(cols.filter((c) => flex[c] === undefined), (c) => natural[c]!) + GAP * cols.filter((c) => flex[c] !== undefined).length;
  const minsOf = (cols: readonly number[]): number => cols.reduce((sum, c) => sum + Math.min(natural[c]!, flex[c]!.min), 0);
  // Keep every column when the flexible ones can have their minimum; else move the wrapping ones under the row.
  let shown = all;
  let moved: number[] = [];
  if (width - fixedWidth(all) < minsOf(flexCols)) {
    moved = flexCols.filter((c) => flex[c]!.mode === 'wrap');
    shown = all.filter((c) => !moved.includes(c));
  }
  const shownFlex = shown.filter((c) => flex[c] !== undefined);
  const room = Math.max(shownFlex.length, width - fixedWidth(shown));
  const widths = share(natural, shownFlex, room, flex);
  const colWidth = (c: number): number => widths.get(c) ?? natural[c]!;

  const laidOut = rows.map((row, r) => {
    const cells = shown.map((c) => {
      const text = row[c] ?? '';
      const f = flex[c];
      if (!f || displayWidth(text) <= colWidth(c)) return [text];
      if (r === headerRow || f.mode === 'truncate') {
        const [pre, plain, post] = splitStyle(text);
        return [`${pre}${truncate(plain, colWidth(c))}${post}`];
      }
      return wrapText(text, colWidth(c));
    });
    return { cells, under: r === headerRow ? [] : moved.map((c) => row[c] ?? '').filter((t) => t !== '') };
  });
  const lines: string[] = [];
  const underIndent = `${indent}    `;
  for (const { cells, under } of laidOut) {
    lines.push(...renderLines([cells], shown.map(colWidth), indent));
    const room = width - displayWidth(underIndent);
    if (under.length > 1 && under.reduce((sum, t) => sum + displayWidth(t), 3 * (under.length - 1)) <= room) {
      lines.push(underIndent + under.join(' · '));
    } else for (const text of under) for (const l of wrapText(text, room)) lines.push(underIndent + l);
  }
  // The last resort for a terminal narrower than the fixed columns: cut the line rather than let it wrap.
  return lines.map((l) => (displayWidth(l) > width ? cutStyled(l, width) : l));
}

/** Cuts a line that may carry colour codes to `width` columns, ending with "…" and a colour reset. */
export function cutStyled(line: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const tokens = line.split(/(\u001b\[[0-9;]*m)/);
  let out = '';
  let w = 0;
  let styled = false;
  for (const t of tokens) {
    if (t.startsWith('\u001b[')) {
      out += t;
      styled = true;
      continue;
    }
    for (const ch of t) {
      const cw = displayWidth(ch);
      if (w + cw > width - 1) return `${out}…${styled ? '\u001b[0m' : ''}`;
      out += ch;
      w += cw;
    }
  }
  return out;
}
