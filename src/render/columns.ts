/** Padded columns with chosen columns right-aligned (numbers), two spaces apart, trailing spaces trimmed (pure). */
import { displayWidth } from './timeline.js';

export function alignTable(rows: readonly (readonly string[])[], opts: { indent?: string; right?: readonly number[] } = {}): string {
  const right = new Set(opts.right ?? []);
  const widths: number[] = [];
  const cellWidths = rows.map((row) => row.map(displayWidth));
  for (const row of cellWidths) row.forEach((w, i) => (widths[i] = Math.max(widths[i] ?? 0, w)));
  return rows
    .map((row, r) =>
      (opts.indent ?? '') +
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i]! - cellWidths[r]![i]!);
          const last = i === row.length - 1;
          return right.has(i) ? pad + cell + (last ? '' : '  ') : last ? cell : cell + pad + '  ';
        })
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
