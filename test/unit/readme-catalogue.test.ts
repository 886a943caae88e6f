/** The README's catalogue tables are generated from fixtures/catalogue.json; this keeps them in sync. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script shared with scripts/gen-callbacks.mjs, no type declarations
import { END, START, withCatalogue } from '../../scripts/catalogue-table.mjs';
import { ROOT } from '../helpers/cli.js';

describe('README catalogue', () => {
  it('matches fixtures/catalogue.json (run `npm run gen:callbacks` after changing the data)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const catalogue = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'catalogue.json'), 'utf8')) as { commands: { command: string }[] };
    expect(readme).toContain(START as string);
    expect(readme).toContain(END as string);
    expect((withCatalogue as (r: string, c: unknown) => string)(readme, catalogue)).toBe(readme);
    for (const c of catalogue.commands) expect(readme).toContain(`\`${c.command}\``);
  });
});
