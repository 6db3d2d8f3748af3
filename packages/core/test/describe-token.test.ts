import { b64json } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { describeToken } from '../src/index.js';

describe('describeToken', () => {
  it('reads alg, kid and iss without verifying', () => {
    const token = `${b64json({ alg: 'RS256', kid: 'k1' })}.${b64json({ iss: 'https://idp.example/' })}.x`;
    expect(describeToken(token)).toEqual({ alg: 'RS256', kid: 'k1', iss: 'https://idp.example/' });
  });

  it('leaves out what it cannot read and never throws', () => {
    expect(describeToken('garbage')).toEqual({});
    expect(describeToken(`${b64json({ alg: 'RS256', kid: 7 })}.bad.x`)).toEqual({ alg: 'RS256' });
  });

  it('keeps attacker-chosen values short', () => {
    const token = `${b64json({ alg: 'RS256', kid: 'k'.repeat(5000) })}.${b64json({ iss: 'i'.repeat(5000) })}.x`;
    const { kid, iss } = describeToken(token);
    expect(kid).toHaveLength(128);
    expect(iss).toHaveLength(128);
  });
});

describe('describeToken at its edges', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

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
