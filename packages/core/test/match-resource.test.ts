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
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = ['a', 'b', '/', '*', '?', '.'];
    const word = (max: number, chars: string[]) =>
      Array.from({ length: next() % max }, () => chars[next() % chars.length]).join('');
    for (let i = 0; i < 5000; i += 1) {
      const pattern = word(8, alphabet);
      const arn = word(10, ['a', 'b', '/', '.']);
      expect(matchResource(pattern, arn), `${pattern} ~ ${arn}`).toBe(oracle(pattern, arn));
    }
  });
});
