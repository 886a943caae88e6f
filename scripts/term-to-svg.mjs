#!/usr/bin/env node
// Renders terminal output (with ANSI SGR colour codes) as an SVG "screenshot", for docs/.
// Usage: FORCE_COLOR=1 chatpush trace … | node scripts/term-to-svg.mjs "$ chatpush trace …" > docs/timeline.svg
import { readFileSync } from 'node:fs';

const title = process.argv[2] ?? '';
const input = readFileSync(0, 'utf8').replace(/\r/g, '');
const PALETTE = { 30: '#3b4252', 31: '#e06c75', 32: '#98c379', 33: '#e5c07b', 34: '#61afef', 35: '#c678dd', 36: '#56b6c2', 37: '#dcdfe4', 90: '#7f848e', 91: '#ff7b86', 92: '#b5e890', 93: '#ffd68a', 94: '#80c4ff', 95: '#de9bf0', 96: '#7fd8e0', 97: '#ffffff' };
const FG = '#dcdfe4';
const CHAR_W = 8.4;
const LINE_H = 19;
const PAD = 16;

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const lines = (title ? [`\u001b[90m${title}\u001b[0m`, ...input.split('\n')] : input.split('\n'));
while (lines.length && lines[lines.length - 1] === '') lines.pop();

let width = 0;
const rows = lines.map((line) => {
  const spans = [];
  let state = { fg: FG, bold: false, dim: false };
  let col = 0;
  for (const part of line.split(/(\u001b\[[0-9;]*m)/)) {
    const m = /^\u001b\[([0-9;]*)m$/.exec(part);
    if (m) {
      for (const code of (m[1] || '0').split(';').map(Number)) {
        if (code === 0) state = { fg: FG, bold: false, dim: false };
        else if (code === 1) state = { ...state, bold: true };
        else if (code === 2) state = { ...state, dim: true };
        else if (code === 22) state = { ...state, bold: false, dim: false };
        else if (code === 39) state = { ...state, fg: FG };
        else if (PALETTE[code]) state = { ...state, fg: PALETTE[code] };
      }
      continue;
    }
    if (!part) continue;
    const text = part.replace(/\u001b\[[^a-zA-Z]*[a-zA-Z]/g, '');
    spans.push({ col, text, ...state });
    col += [...text].length;
  }
  width = Math.max(width, col);
  return spans;
});

const w = Math.ceil(width * CHAR_W + PAD * 2);
const h = Math.ceil(rows.length * LINE_H + PAD * 2 + 24);
let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">\n`;
out += `<rect width="100%" height="100%" rx="8" fill="#282c34"/>\n`;
out += `<circle cx="20" cy="16" r="6" fill="#ff5f56"/><circle cx="40" cy="16" r="6" fill="#ffbd2e"/><circle cx="60" cy="16" r="6" fill="#27c93f"/>\n`;
rows.forEach((spans, i) => {
  const y = PAD + 24 + (i + 1) * LINE_H - 5;
  for (const s of spans) {
    const attrs = [`x="${(PAD + s.col * CHAR_W).toFixed(1)}"`, `y="${y}"`, `fill="${s.fg}"`];
    if (s.bold) attrs.push('font-weight="bold"');
    if (s.dim) attrs.push('fill-opacity="0.6"');
    out += `<text ${attrs.join(' ')} xml:space="preserve">${esc(s.text)}</text>\n`;
  }
});
out += '</svg>\n';
process.stdout.write(out);
