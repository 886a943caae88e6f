/**
 * Padded columns, measured in terminal columns (render/width.ts), two spaces apart, trailing spaces trimmed (pure).
 * alignColumns: left-aligned (the timeline's stage table, the replay report, the fixture list). alignTable, for the
 * numeric views (funnel, loss): chosen columns right-aligned. With a terminal width (render/fit.ts's rule: no line wider than the terminal on a TTY)
 * one text column is cut with "…" down to a minimum, then whole columns are dropped in the order given until the
 * table fits. Without a width nothing is cut or dropped (pipes get every column, for grep and awk).
 */
import { cutStyled } from './fit.js';
import { displayWidth, truncate } from './width.js';

export interface ColumnsOptions {
  indent?: string;
  /** Columns (by index into the original rows) aligned to the right. */
  right?: readonly number[];
  /** Terminal width; undefined = no fitting. */
  width?: number | undefined;
  /** A text column that may be cut with "…", and its narrowest width. */
  shrink?: { col: number; min: number };
  /** Columns to leave out, in this order, while the table is still too wide. */
  drop?: readonly number[];
}

function layout(rows: readonly (readonly string[])[], keep: readonly number[], right: ReadonlySet<number>, indent: string, cut?: { col: number; max: number }): string[] {
  const cells = rows.map((row) => keep.map((c) => (cut && c === cut.col ? truncate(row[c] ?? '', cut.max) : (row[c] ?? ''))));
  const widths: number[] = [];
  const cw = cells.map((row) => row.map(displayWidth));
  for (const row of cw) row.forEach((w, i) => (widths[i] = Math.max(widths[i] ?? 0, w)));
  return cells.map((row, r) =>
    (
      indent +
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i]! - cw[r]![i]!);
          const last = i === row.length - 1;
          return right.has(keep[i]!) ? pad + cell + (last ? '' : '  ') : last ? cell : cell + pad + '  ';
        })
        .join('')
    ).trimEnd(),
  );
}

const widest = (lines: readonly string[]): number => Math.max(0, ...lines.map(displayWidth));

/** The table as text (no final newline). */
export function alignTable(rows: readonly (readonly string[])[], opts: ColumnsOptions = {}): string {
  const right = new Set(opts.right ?? []);
  const indent = opts.indent ?? '';
  const n = Math.max(0, ...rows.map((r) => r.length));
  let keep = Array.from({ length: n }, (_, i) => i);
  let lines = layout(rows, keep, right, indent);
  if (opts.width === undefined || widest(lines) <= opts.width) return lines.join('\n');
  const width = opts.width;
  const drops = [...(opts.drop ?? [])];
  for (;;) {
    if (opts.shrink && keep.includes(opts.shrink.col)) {
      const without = layout(rows, keep.filter((c) => c !== opts.shrink!.col), right, indent);
      const natural = Math.max(0, ...rows.map((r) => displayWidth(r[opts.shrink!.col] ?? '')));
      const max = Math.max(opts.shrink.min, Math.min(natural, width - widest(without) - 2));
      lines = layout(rows, keep, right, indent, { col: opts.shrink.col, max });
    } else lines = layout(rows, keep, right, indent);
    if (widest(lines) <= width) return lines.join('\n');
    if (drops.length === 0) {
      // Nothing left to drop and still too wide (loss --task at 60 columns was 68): the shrinking column goes below
      // its minimum, and as the very last resort lines are cut, so no line passes the terminal's edge.
      if (opts.shrink && keep.includes(opts.shrink.col)) {
        const without = layout(rows, keep.filter((c) => c !== opts.shrink!.col), right, indent);
        lines = layout(rows, keep, right, indent, { col: opts.shrink.col, max: Math.max(4, width - widest(without) - 2) });
      }
      return lines.map((l) => (displayWidth(l) > width ? cutStyled(l, width) : l)).join('\n');
    }
    const d = drops.shift()!;
    keep = keep.filter((c) => c !== d);
  }
}

// Padding by width, made once (every cell but the last of each stage-table row is padded).
const SPACES = Array.from({ length: 80 }, (_, n) => ' '.repeat(n));

export function spaces(n: number): string {
  return SPACES[n] ?? ' '.repeat(n);
}

/**
 * Pads plain rows into aligned columns, two spaces apart, trailing spaces trimmed. Loops rather than nested
 * map/join: a 20 000-instance trace lays out 20 000 of these tables (issue 15).
 */
export function alignColumns(rows: readonly (readonly string[])[], indent = ''): string {
  const cellWidths: number[][] = [];
  const widths: number[] = [];
  for (const row of rows) {
    const ws: number[] = [];
    for (let i = 0; i < row.length; i++) {
      const w = displayWidth(row[i]!);
      ws.push(w);
      if (!(widths[i]! >= w)) widths[i] = w;
    }
    cellWidths.push(ws);
  }
  let out = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const ws = cellWidths[r]!;
    const last = row.length - 1;
    let line = '';
    for (let i = 0; i < last; i++) line += row[i]! + spaces(widths[i]! - ws[i]! + 2);
    if (last >= 0) line += row[last]!;
    // The indent is kept even on an empty line, as it always was.
    out += `${r === 0 ? '' : '\n'}${indent}${line.trimEnd()}`;
  }
  return out;
}
