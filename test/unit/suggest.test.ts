import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/suggest.js';

describe('did you mean', () => {
  it.each([
    ['clik', ['im', 'offline', 'channel', 'device', 'click'], 'click'],
    ['regoin', ['sdkappid', 'identifier', 'secretKey', 'region', 'endpoint'], 'region'],
    ['singapur', ['cn', 'sgp', 'singapore', 'kr'], 'singapore'],
    ['bsh', ['bash', 'zsh', 'fish'], 'bash'],
    ['SecretKy', ['secretKey', 'region'], 'secretKey'],
    ['devcie', ['device', 'click'], 'device'],
    ['mars', ['cn', 'sgp', 'kr', 'ger', 'usa', 'idn'], undefined],
    ['click', ['click'], undefined], // not a typo
    ['', ['a'], undefined],
  ])('%s → %s', (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });

  it('says it as a sentence, or not at all', () => {
    expect(didYouMean('clik', ['click'])).toBe(" Did you mean 'click'?");
    expect(didYouMean('zzzz', ['click'])).toBe('');
  });

  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('never throws and only ever suggests a candidate other than the input (hostile input)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 10 }), (input, candidates) => {
        const c = closest(input, candidates);
        if (c !== undefined) {
          expect(candidates).toContain(c);
          expect(c.toLowerCase()).not.toBe(input.toLowerCase());
        }
      }),
    );
  });
});
