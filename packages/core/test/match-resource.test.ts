import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchResource } from '../src/index.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin/users';

/** The plain definition, as a regular expression: the oracle the hand-written matcher is compared with. */
function oracle(pattern: string, arn: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(arn);
}

describe('matchResource', () => {
  it.each([
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/*/*', true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin/*', true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin', false],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/*', false],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/admin/users', true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/G?T/admin/users', true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin/users*', true],
    ['*', true],
    ['', false],
    ['arn:*:execute-api:*', true],
    ['*/admin/users', true],
    ['*/admin/*s', true],
    ['*/admin/*x', false],
    ['b*', false],
    ['a*', true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin/users/', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(matchResource(pattern, ARN)).toBe(expected);
  });

  it('agrees with the regular-expression definition on 5,000 generated patterns and ARNs', () => {
    // A small alphabet, so that wildcards, literals and their neighbours meet often; cheap enough to run in full
    // under mutation testing too.
    const word = (chars: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...chars), maxLength });
    fc.assert(
      fc.property(word('ab/*?.', 8), word('ab/.', 10), (pattern, arn) => {
        expect(matchResource(pattern, arn), `${pattern} ~ ${arn}`).toBe(oracle(pattern, arn));
      }),
      { numRuns: 5000 },
    );
  });
});
