import { describe, expect, it } from 'vitest';
import { describeToken } from '../src/index.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('describeToken at its edges', () => {
  it('skips a field that is not a string and still reads the others', () => {
    expect(describeToken(`${b64({ alg: 5, kid: 'k1' })}.${b64({ iss: 'https://idp/' })}.x`)).toEqual({
      kid: 'k1',
      iss: 'https://idp/',
    });
    expect(describeToken(`${b64({ alg: 'RS256', kid: { a: 1 } })}.${b64({ iss: 'https://idp/' })}.x`)).toEqual({
      alg: 'RS256',
      iss: 'https://idp/',
    });
  });

  it('caps alg at 128 characters too', () => {
    expect(describeToken(`${b64({ alg: 'A'.repeat(500) })}.${b64({})}.x`).alg).toHaveLength(128);
  });
});
